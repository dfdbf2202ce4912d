using System.Net;
using AngleSharp.Html.Parser;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Parsing;
using Gongkai.AnnualReports.Rendering;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.AnnualReports;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;
using static Gongkai.Tests.Catalog.CatalogWorkflowPageTests;

namespace Gongkai.Tests.Portal;

public class PortalPageTests
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task The_home_page_offers_search_the_latest_items_every_agency_and_the_application_pages()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();
        var latest = await WithDbAsync(app, db => db.CatalogItems.Where(i => i.Status == CatalogStatus.Published)
            .OrderByDescending(i => i.SearchKey).Take(10).Select(i => i.Title).ToListAsync());

        var page = Parser.ParseDocument(await client.GetStringAsync(new Uri("/", UriKind.Relative)));

        page.QuerySelector("h1")!.TextContent.ShouldBe("政府信息公开平台");
        page.QuerySelector("form[role=search]")!.GetAttribute("action").ShouldBe("/search");
        page.QuerySelector("label[for=home-q]")!.TextContent.ShouldBe("检索政府信息");
        page.QuerySelectorAll("#latest-heading + ul li a").Select(a => a.TextContent).ShouldBe(latest);
        var links = page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        links.ShouldContain("/apply");
        links.ShouldContain("/status");
        page.QuerySelectorAll("#agencies-heading ~ table tbody tr").Length.ShouldBe(6);
        links.Count(l => l!.EndsWith("/guide", StringComparison.Ordinal)).ShouldBe(6);
        links.Count(l => l!.EndsWith("/reports", StringComparison.Ordinal)).ShouldBe(6);
    }

    [Fact]
    public async Task The_catalogue_lists_one_agencys_published_items_by_year()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();
        var agency = await AgencyIdAsync(app, "示范县自然资源局");
        var expected = await WithDbAsync(app, db => db.CatalogItems.CountAsync(i => i.AgencyId == agency && i.Status == CatalogStatus.Published
            && i.PublishedOn >= new DateOnly(2023, 1, 1) && i.PublishedOn <= new DateOnly(2023, 12, 31)));

        var page = Parser.ParseDocument(await client.GetStringAsync(new Uri($"/catalog?agency={agency}&year=2023", UriKind.Relative)));

        page.QuerySelector("h1")!.TextContent.ShouldBe("示范县自然资源局政府信息公开目录");
        page.QuerySelector("main [role=status]")!.TextContent.ShouldStartWith($"共 {expected} 条");
        var rows = page.QuerySelectorAll("table.catalog-list tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        rows.Count.ShouldBe(Math.Min(20, expected));
        rows.ShouldAllBe(r => r[2] == "示范县自然资源局" && r[4].StartsWith("2023-", StringComparison.Ordinal));
        rows.Select(r => r[4]).ShouldBe(rows.Select(r => r[4]).OrderDescending(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_catalogue_pages_through_everything_published()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();
        var total = await WithDbAsync(app, db => db.CatalogItems.CountAsync(i => i.Status == CatalogStatus.Published));

        var first = Parser.ParseDocument(await client.GetStringAsync(new Uri("/catalog", UriKind.Relative)));
        var second = Parser.ParseDocument(await client.GetStringAsync(new Uri("/catalog?page=2", UriKind.Relative)));

        var pages = (total + 19) / 20;
        first.QuerySelector("main [role=status]")!.TextContent.ShouldBe($"共 {total} 条，第 1 / {pages} 页。");
        second.QuerySelector("main [role=status]")!.TextContent.ShouldBe($"共 {total} 条，第 2 / {pages} 页。");
        second.QuerySelector("nav.pager a[aria-current=page]")!.TextContent.ShouldBe("2");
        second.QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href").ShouldBe("/catalog?page=1");
        var links = (IEnumerable<AngleSharp.Dom.IElement> rows) => rows.Select(r => r.QuerySelector("a")!.GetAttribute("href")).ToList();
        links(second.QuerySelectorAll("table.catalog-list tbody tr")).Intersect(links(first.QuerySelectorAll("table.catalog-list tbody tr"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_item_page_shows_the_metadata_in_the_standard_order_its_validity_and_its_interpretation()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();
        var document = await WithDbAsync(app, db => db.CatalogItems.FirstAsync(i => i.Kind == CatalogItemKind.NormativeDocument && i.RepealedOn != null
            && db.CatalogItems.Any(x => x.InterpretsSeriesId == i.SeriesId)));
        var interpretation = await WithDbAsync(app, db => db.CatalogItems.SingleAsync(i => i.InterpretsSeriesId == document.SeriesId));

        var page = Parser.ParseDocument(await client.GetStringAsync(new Uri($"/catalog/{document.Id}", UriKind.Relative)));

        page.QuerySelector("h1")!.TextContent.ShouldBe(document.Title);
        var table = page.QuerySelector("table.item-meta")!;
        table.QuerySelectorAll("th").Select(h => h.TextContent).Take(12).ShouldBe(
            ["索引号", "主题分类", "发布机构", "成文日期", "名称", "文号", "发布日期", "体裁分类", "公开方式", "有效性", "信息类别", "施行日期"]);
        string Value(string label) => table.QuerySelectorAll("th").First(h => h.TextContent == label).NextElementSibling!.TextContent.Trim();
        Value("索引号").ShouldBe(document.IndexNumber);
        Value("文号").ShouldBe(document.DocumentNumber);
        Value("成文日期").ShouldBe(document.WrittenOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Value("有效性").ShouldBe("废止");
        Value("废止日期").ShouldBe(document.RepealedOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Value("信息类别").ShouldBe("行政规范性文件");
        page.QuerySelectorAll("#interpretations-heading + ul a").Select(a => a.GetAttribute("href")).ShouldBe([$"/catalog/{interpretation.Id}"]);

        var explained = Parser.ParseDocument(await client.GetStringAsync(new Uri($"/catalog/{interpretation.Id}", UriKind.Relative)));
        explained.QuerySelector("main .notice a")!.GetAttribute("href").ShouldBe($"/catalog/{document.Id}");
    }

    [Fact]
    public async Task An_item_listed_for_application_shows_how_to_apply_instead_of_its_text()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();
        var item = await WithDbAsync(app, db => db.CatalogItems.FirstAsync(i => i.Mode == DisclosureMode.OnRequest && i.Status == CatalogStatus.Published));

        var page = Parser.ParseDocument(await client.GetStringAsync(new Uri($"/catalog/{item.Id}", UriKind.Relative)));

        page.QuerySelector("#body-heading + .notice")!.TextContent.ShouldStartWith("本信息属于依申请公开的政府信息，未在网上公开全文。");
        page.QuerySelector("#body-heading + .notice a")!.GetAttribute("href")!.ShouldStartWith("/apply?agency=");
        (await client.GetAsync(new Uri($"/catalog/{Guid.CreateVersion7()}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_guide_is_generated_from_the_agencys_settings()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();
        var agency = await AgencyIdAsync(app, "示范县自然资源局");
        await WithDbAsync(app, async db =>
        {
            var record = await db.Agencies.SingleAsync(a => a.Id == agency);
            record.Address = "示范县建设路 88 号";
            record.OfficeHours = "周一至周五 9:00—17:00";
            record.Fax = "0373-5000099";
            record.AcceptedChannels = (1 << (int)Gongkai.Applications.ReceiptChannel.InPerson) | (1 << (int)Gongkai.Applications.ReceiptChannel.Online);
            return await db.SaveChangesAsync();
        });

        var page = Parser.ParseDocument(await client.GetStringAsync(new Uri($"/agencies/{agency}/guide", UriKind.Relative)));
        var text = page.QuerySelector("main")!.TextContent;

        page.QuerySelector("h1")!.TextContent.ShouldBe("示范县自然资源局政府信息公开指南");
        string Fact(string label) => page.QuerySelectorAll("dl.facts dt").First(d => d.TextContent == label).NextElementSibling!.TextContent.Trim();
        Fact("受理机构").ShouldBe("示范县自然资源局办公室");
        Fact("办公地址").ShouldBe("示范县建设路 88 号");
        Fact("办公时间").ShouldBe("周一至周五 9:00—17:00（法定节假日除外）");
        Fact("联系电话").ShouldBe("0373-5000003");
        Fact("传真").ShouldBe("0373-5000099");
        Fact("电子邮箱").ShouldBe("gk@11410799mb0000003x.example.gov.cn");
        page.QuerySelectorAll("table.guide-channels tbody th").Select(t => t.TextContent).ShouldBe(["当面提交", "互联网渠道"]);
        text.ShouldContain("在办公时间到示范县建设路 88 号当面提交书面申请。");
        text.ShouldContain("自收到申请之日起 20 个工作日内予以答复");
        text.ShouldContain("延长的期限最长不超过 20 个工作日");
        page.QuerySelectorAll("table.fees tbody td").Select(t => t.TextContent).ShouldContain("100 元/件");
        page.QuerySelectorAll("table.fees tbody td").Select(t => t.TextContent).ShouldContain("10 元/页");
        text.ShouldContain("《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）");
        text.ShouldContain("：示范县人民政府办公室，电话 0373-5000001");
        text.ShouldContain("60 日内依法申请行政复议");
        text.ShouldContain("6 个月内依法提起行政诉讼");
        text.ShouldContain("应当先申请行政复议");
        text.ShouldContain("每年 1 月 31 日前公布上一年度政府信息公开工作年度报告");
    }

    [Fact]
    public async Task An_agencys_published_annual_reports_are_shown_as_html_with_the_previous_years()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();
        var agency = await AgencyIdAsync(app, "示范县人民政府办公室");
        var report2023 = ReportParser.ParseText(await File.ReadAllTextAsync(Sample("002"))).Report;
        report2023.Title = "示范县人民政府办公室2023年政府信息公开工作年度报告";
        var report2022 = report2023.Clone();
        report2022.Title = "示范县人民政府办公室2022年政府信息公开工作年度报告";
        report2022.Year = 2022;
        await WithDbAsync(app, async db =>
        {
            var at = new DateTime(2024, 3, 20, 2, 0, 0, DateTimeKind.Utc);
            db.AnnualReports.Add(Record(agency, 2022, 1, AnnualReportStatus.Published, report2022, at.AddYears(-1)));
            db.AnnualReports.Add(Record(agency, 2023, 1, AnnualReportStatus.Published, report2023, at));
            db.AnnualReports.Add(Record(agency, 2024, 1, AnnualReportStatus.Draft, report2023, at));
            return await db.SaveChangesAsync();
        });

        var latestHtml = await client.GetStringAsync(new Uri($"/agencies/{agency}/reports", UriKind.Relative));
        var latest = Parser.ParseDocument(latestHtml);

        latestHtml.ShouldContain(HtmlReportRenderer.RenderBody(ReportJson.Deserialize(ReportJson.Serialize(report2023))),
            customMessage: "the portal shows the standalone document's body as the renderer writes it");

        latest.QuerySelector("article.annual-report h1")!.TextContent.ShouldBe("示范县人民政府办公室2023年政府信息公开工作年度报告");
        latest.QuerySelector("title")!.TextContent.ShouldStartWith("示范县人民政府办公室2023年政府信息公开工作年度报告");
        latest.QuerySelectorAll("article.annual-report h2").Select(h => h.TextContent).ShouldContain("二、主动公开政府信息情况");
        latest.QuerySelectorAll("article.annual-report table").Length.ShouldBe(3);
        latest.QuerySelectorAll("article.annual-report div.table-scroll > table").Length.ShouldBe(3, "each wide table scrolls on its own");
        latest.QuerySelectorAll("nav.report-years a").Select(a => a.TextContent).ShouldBe(["2023 年度报告", "2022 年度报告"]);

        var previous = Parser.ParseDocument(await client.GetStringAsync(new Uri($"/agencies/{agency}/reports/2022", UriKind.Relative)));
        previous.QuerySelector("article.annual-report h1")!.TextContent.ShouldBe("示范县人民政府办公室2022年政府信息公开工作年度报告");
        (await client.GetAsync(new Uri($"/agencies/{agency}/reports/2024", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a draft is not public");
        var list = Parser.ParseDocument(await client.GetStringAsync(new Uri("/agencies", UriKind.Relative)));
        list.QuerySelectorAll("a.year-link").Select(a => a.GetAttribute("href")).Where(h => h!.StartsWith($"/agencies/{agency}/", StringComparison.Ordinal))
            .ShouldBe([$"/agencies/{agency}/reports/2023", $"/agencies/{agency}/reports/2022"]);
    }

    private static AnnualReportRecord Record(Guid agency, int year, int version, AnnualReportStatus status, Gongkai.AnnualReports.AnnualReport report, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(),
        AgencyId = agency,
        Year = year,
        Version = version,
        Status = status,
        Json = ReportJson.Serialize(report),
        UpdatedAtUtc = at,
        UpdatedBy = "测试",
        PublishedAtUtc = status == AnnualReportStatus.Published ? at : null,
        PublishedBy = status == AnnualReportStatus.Published ? "测试" : null,
    };

    /// <summary>A real report from samples/reports of the repository.</summary>
    private static string Sample(string number)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !Directory.Exists(Path.Combine(folder.FullName, "samples", "reports")))
        {
            folder = folder.Parent;
        }

        var reports = Path.Combine(folder?.FullName ?? throw new DirectoryNotFoundException("samples/reports"), "samples", "reports");
        return Directory.GetFiles(reports, number + "_*.txt").Single();
    }
}

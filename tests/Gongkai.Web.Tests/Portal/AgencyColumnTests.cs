using System.Net;
using AngleSharp.Html.Parser;
using Gongkai.AnnualReports.Parsing;
using Gongkai.Data;
using Gongkai.Data.AnnualReports;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;
using static Gongkai.Tests.Catalog.CatalogWorkflowPageTests;

namespace Gongkai.Tests.Portal;

/// <summary>An agency's 政府信息公开 column: the standard structure, only live links, reports to read and download.</summary>
public class AgencyColumnTests
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task The_column_has_the_standard_sections_and_every_link_in_it_leads_somewhere()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();
        var agency = await AgencyIdAsync(app, "示范县教育局");

        var page = await client.GetPageAsync($"/agencies/{agency}");

        page.QuerySelector("h1")!.TextContent.ShouldBe("示范县教育局政府信息公开");
        page.QuerySelectorAll("main section h2").Select(h => h.TextContent)
            .ShouldBe(["信息公开指南", "信息公开制度", "法定主动公开内容", "信息公开年报", "依申请公开", "政民互动"]);
        var links = page.QuerySelectorAll("main a[href]").Select(a => a.GetAttribute("href")!).Where(h => !h.StartsWith('#')).Distinct().ToList();
        links.Count.ShouldBeGreaterThan(8);
        foreach (var link in links)
        {
            var response = await client.GetAsync(new Uri(link, UriKind.Relative));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, link);
        }
    }

    [Fact]
    public async Task Each_class_of_the_standard_catalogue_counts_the_agencys_published_items_and_links_only_when_it_has_some()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();
        var agency = await AgencyIdAsync(app, "示范县教育局");
        var expected = await WithDbAsync(app, db => db.CatalogItems.Where(i => i.AgencyId == agency && i.SearchKey != null && i.TopicCategoryId != null)
            .GroupBy(i => i.TopicCategoryId).Select(g => new { Id = g.Key!.Value, Count = g.Count() }).ToListAsync());
        expected.Count.ShouldBeGreaterThan(0);

        var page = await client.GetPageAsync($"/agencies/{agency}");

        var tree = page.QuerySelector("ul.category-tree")!;
        var linked = tree.QuerySelectorAll("a").Select(a => (Href: a.GetAttribute("href")!, Count: a.ParentElement!.QuerySelector(".meta")!.TextContent)).ToList();
        linked.Select(l => l.Href).ShouldBe(expected.Select(e => $"/catalog?agency={agency}&category={e.Id}"), ignoreOrder: true);
        foreach (var (href, count) in linked)
        {
            var number = expected.Single(e => href.EndsWith(e.Id.ToString(), StringComparison.Ordinal)).Count;
            count.ShouldBe($"（{number}）");
            var list = await client.GetPageAsync(href);
            list.QuerySelector("main [role=status]")!.TextContent.ShouldStartWith($"共 {number} 条");
        }

        tree.QuerySelectorAll("span.empty").Length.ShouldBeGreaterThan(40, "the classes without items are named, not linked");
        tree.QuerySelector("summary")!.TextContent.ShouldBe("综合政务 （0）");
    }

    [Fact]
    public async Task Each_published_annual_report_is_viewable_and_downloadable_as_docx_and_pdf()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();
        var agency = await AgencyIdAsync(app, "示范县教育局");
        var published = await WithDbAsync(app, db => db.AnnualReports.Where(r => r.AgencyId == agency && r.Status == AnnualReportStatus.Published).Select(r => r.Year).SingleAsync());
        var office = await AgencyIdAsync(app, "示范县人民政府办公室");

        var page = await client.GetPageAsync($"/agencies/{agency}");
        page.QuerySelectorAll("#reports li > a").Select(a => a.GetAttribute("href")).ShouldBe([$"/agencies/{agency}/reports/{published}"]);
        page.QuerySelectorAll("#reports .downloads a").Select(a => a.GetAttribute("href"))
            .ShouldBe([$"/agencies/{agency}/reports/{published}/pdf", $"/agencies/{agency}/reports/{published}/docx"]);
        var reportPage = await client.GetPageAsync($"/agencies/{agency}/reports/{published}");
        reportPage.QuerySelectorAll("p.report-files a").Select(a => a.GetAttribute("href"))
            .ShouldBe([$"/agencies/{agency}/reports/{published}/pdf", $"/agencies/{agency}/reports/{published}/docx"]);

        var docx = await client.GetAsync(new Uri($"/agencies/{agency}/reports/{published}/docx", UriKind.Relative));
        docx.StatusCode.ShouldBe(HttpStatusCode.OK);
        docx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        var read = ReportParser.ParseBytes(await docx.Content.ReadAsByteArrayAsync(), "report.docx");
        read.Report.Title.ShouldBe($"示范县教育局{published}年政府信息公开工作年度报告");

        var pdf = await client.GetAsync(new Uri($"/agencies/{agency}/reports/{published}/pdf", UriKind.Relative));
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await pdf.Content.ReadAsByteArrayAsync())[..5].ShouldBe("%PDF-"u8.ToArray());

        (await client.GetAsync(new Uri($"/agencies/{agency}/reports/{published + 1}/docx", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync(new Uri($"/agencies/{office}/reports/{published}/pdf", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "no report published");
        var empty = await client.GetPageAsync($"/agencies/{office}");
        empty.QuerySelector("#reports")!.TextContent.ShouldContain("本机关尚未在本平台公布年度报告。");
    }

    [Fact]
    public async Task Without_libreoffice_the_pdf_link_explains_and_offers_the_docx()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        app.Settings["Letters:LibreOffice"] = "/nonexistent/soffice";
        using var client = app.CreateClient();
        var agency = await AgencyIdAsync(app, "示范县教育局");
        var published = await WithDbAsync(app, db => db.AnnualReports.Where(r => r.AgencyId == agency && r.Status == AnnualReportStatus.Published).Select(r => r.Year).SingleAsync());

        var response = await client.GetAsync(new Uri($"/agencies/{agency}/reports/{published}/pdf", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        page.QuerySelector("[role=alert]")!.TextContent.ShouldBe(Gongkai.Web.Letters.LibreOfficePdf.NotInstalled);
        page.QuerySelectorAll(".actions a").Select(a => a.GetAttribute("href")).ShouldBe([$"/agencies/{agency}/reports/{published}/docx", $"/agencies/{agency}/reports/{published}"]);
    }
}

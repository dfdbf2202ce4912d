using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Rendering;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Agencies;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Gongkai.Web.AnnualReports;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.Supervision;

public class SupervisionTests
{
    private static readonly DateTimeOffset February2025 = new(2025, 2, 20, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_dashboard_lists_every_agency_of_the_subtree_with_those_that_have_not_submitted_first(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2025, 1, 10, 2, 0, 0, TimeSpan.Zero)), demoCases: false, demoCatalog: false);
        await ReportCases.Seed2024Async(app);
        await PublishEducationAsync(app);
        app.Clock.Now = February2025;
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");

        var page = await supervisor.GetPageAsync("/supervision?year=2024");

        var missing = page.QuerySelectorAll("#missing li").Select(li => li.QuerySelector("strong")!.TextContent).ToList();
        missing.ShouldBe(["示范县人民政府办公室", "示范县自然资源局", "示范县住房和城乡建设局", "示范县人力资源和社会保障局", "示范县市场监督管理局"]);
        page.QuerySelector("#missing")!.TextContent.ShouldContain("已逾期 20 天未发布", customMessage: "departments were due on 2025-01-31");
        var rows = page.QuerySelectorAll("#agency-reports tbody tr").ToList();
        rows.Count.ShouldBe(6);
        rows.Take(5).ShouldAllBe(r => r.QuerySelector(".status-missing") != null);
        var education = rows[5];
        education.QuerySelector("th")!.TextContent.ShouldContain("示范县教育局");
        education.TextContent.ShouldContain("已发布 第1版");
        education.TextContent.ShouldContain("2025-01-10");
        education.TextContent.ShouldContain("按时发布");
        page.QuerySelector("ul.summary-cards")!.TextContent.ShouldContain("5 个未提交");
        page.QuerySelectorAll("#agency-reports tbody tr a").Select(a => a.GetAttribute("href")).ShouldHaveSingleItem()
            .ShouldStartWith("/supervision/reports/");

        var onlyMissing = await supervisor.GetPageAsync("/supervision?year=2024&show=missing");
        onlyMissing.QuerySelectorAll("#agency-reports tbody tr").Length.ShouldBe(5);
    }

    [Fact]
    public async Task A_supervisor_reads_reports_of_the_subtree_only_and_other_roles_cannot_supervise()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2025, 1, 10, 2, 0, 0, TimeSpan.Zero)), demoCases: false, demoCatalog: false);
        var education = await ReportCases.Seed2024Async(app);
        await PublishEducationAsync(app);
        var outside = await OtherCountyAgencyAsync(app);
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");

        var page = await supervisor.GetPageAsync($"/supervision/reports/{education}/2024");

        page.QuerySelector("h1")!.TextContent.ShouldBe("示范县教育局2024年政府信息公开工作年度报告");
        page.QuerySelector("td[data-path='table3.newReceived.total']")!.TextContent.Trim().ShouldBe("8");
        page.QuerySelector("#findings")!.TextContent.ShouldContain("未发现问题");
        (await supervisor.GetAsync(new Uri($"/supervision/reports/{outside}/2024", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await supervisor.GetAsync(new Uri($"/supervision/reports/{education}/2024?version=2", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var docx = await supervisor.GetAsync(new Uri($"/supervision/reports/{education}/2024?handler=export&format=docx", UriKind.Relative));
        docx.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Gongkai.AnnualReports.Parsing.ReportParser.ParseBytesAsync(await docx.Content.ReadAsByteArrayAsync(), "r.docx"))
            .Report.Table3[Table3Row.TotalProcessed, Table3Column.Total].Value.ShouldBe(7);

        using var handler = app.CreateBrowserClient();
        await handler.LoginAsync("handler");
        var denied = await handler.GetAsync(new Uri("/supervision", UriKind.Relative));
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.AbsolutePath.ShouldBe("/accounts/denied");
    }

    [Fact]
    public async Task A_batch_is_read_file_by_file_bad_files_get_a_message_and_confirmed_reports_count()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(February2025), demoCases: false, demoCatalog: false);
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");

        var upload = await UploadAsync(supervisor,
            ("自然资源局2024年报.html", Encoding.UTF8.GetBytes(HtmlReportRenderer.Render(NaturalResources()))),
            ("broken.docx", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x01, 0x02]),
            ("住建局.md", Encoding.UTF8.GetBytes(MarkdownReportRenderer.Render(Housing()))),
            ("会议纪要.txt", Encoding.UTF8.GetBytes("今天开会讨论了食堂菜单。")));

        upload.StatusCode.ShouldBe(HttpStatusCode.OK);
        var results = (await upload.PageAsync()).QuerySelectorAll("#upload-results tbody tr").Select(r => r.TextContent).ToList();
        results.Count.ShouldBe(4);
        results[0].ShouldContain("已读取");
        results[0].ShouldContain("示范县自然资源局 · 2024 年度");
        results[1].ShouldContain("未读取");
        results[1].ShouldContain("不是有效的 DOCX 文件：文件已损坏，或者并不是 Word 文档");
        results[2].ShouldContain("示范县住房和城乡建设局");
        results[3].ShouldContain("没有找到国家格式的表二、表三或表四。这份文件可能不是政府信息公开工作年度报告");

        var collect = await supervisor.GetPageAsync("/supervision/collect");
        collect.QuerySelectorAll("#confirm-form tbody tr").Length.ShouldBe(2);
        var confirm = await supervisor.SubmitAsync(collect, "/supervision/collect", new Dictionary<string, string>
        {
            ["Rows[0].PublishedOn"] = "2025-02-15",
            ["Rows[1].PublishedOn"] = "2025-01-20",
        }, formSelector: "#confirm-form");
        confirm.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var dashboard = await supervisor.GetPageAsync("/supervision?year=2024");
        dashboard.QuerySelectorAll("#missing li").Length.ShouldBe(4);
        var rows = dashboard.QuerySelectorAll("#agency-reports tbody tr").Where(r => r.TextContent.Contains("已收集", StringComparison.Ordinal)).ToList();
        rows.Count.ShouldBe(2);
        string.Join("|", rows.Select(r => r.TextContent)).ShouldContain("逾期 15 天发布", customMessage: "the housing bureau's file was confirmed as published on 2025-02-15");

        var again = await UploadAsync(supervisor, ("copy.html", Encoding.UTF8.GetBytes(HtmlReportRenderer.Render(NaturalResources()))));
        (await again.PageAsync()).QuerySelector("#upload-results")!.TextContent.ShouldContain("同一文件已于 2025-02-20 10:00 收集过（“自然资源局2024年报.html”），未重复保存。");
    }

    [Fact]
    public async Task Aggregation_sums_the_subtrees_reports_exactly_and_the_csv_has_a_row_per_agency_and_a_column_per_cell()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2025, 1, 10, 2, 0, 0, TimeSpan.Zero)), demoCases: false, demoCatalog: false);
        await ReportCases.Seed2024Async(app);
        await PublishEducationAsync(app);
        app.Clock.Now = February2025;
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        await UploadAsync(supervisor,
            ("a.html", Encoding.UTF8.GetBytes(HtmlReportRenderer.Render(NaturalResources()))),
            ("b.md", Encoding.UTF8.GetBytes(MarkdownReportRenderer.Render(Housing()))));
        await supervisor.SubmitAsync("/supervision/collect", new Dictionary<string, string>(), formSelector: "#confirm-form");

        var page = await supervisor.GetPageAsync("/supervision/aggregate?year=2024");

        Sum(page, "table3.newReceived.total").ShouldBe("18", "8 + 7 + 3");
        Sum(page, "table3.newReceived.naturalPerson").ShouldBe("11", "3 + 5 + 3");
        Sum(page, "table3.granted.total").ShouldBe("10", "2 + 5 + 3");
        Sum(page, "table3.carriedForward.total").ShouldBe("4", "2 + 2 + 0");
        Sum(page, "table4.reconsideration.total").ShouldBe("2");
        Sum(page, "table2.licensing").ShouldBe("150", "0 + 100 + 50");
        page.QuerySelectorAll("#side-by-side tbody tr").Length.ShouldBe(4, "three agencies and the sum");
        page.QuerySelector("main")!.TextContent.ShouldContain("另有 3 个机关未提交，未计入");

        var csv = await supervisor.GetAsync(new Uri("/supervision/aggregate?handler=csv&year=2024", UriKind.Relative));
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await csv.BodyAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(8, "header, six agencies, the sum");
        var header = lines[0].Split(',');
        header.Length.ShouldBe(5 + 200);
        header.Take(5).ShouldBe(["机关", "区域", "来源", "版本", "发布日期"]);
        header.Skip(5).ShouldBe(FormatCell.All(ReportFormat.Format2021).Select(c => c.Heading));
        header[5].ShouldBe("表二「第二十条第（一）项 规章」本年制发件数");
        header.Distinct(StringComparer.Ordinal).Count().ShouldBe(header.Length);
        header.ShouldNotContain(h => h.Contains("table", StringComparison.Ordinal));
        var column = Array.IndexOf(header, "表三「一、本年新收政府信息公开申请数量」总计");
        var byAgency = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[column]);
        byAgency["示范县教育局"].ShouldBe("8");
        byAgency["示范县自然资源局"].ShouldBe("7");
        byAgency["示范县住房和城乡建设局"].ShouldBe("3");
        byAgency["示范县市场监督管理局"].ShouldBe("");
        byAgency["合计"].ShouldBe("18");

        // The same table in Excel: Chinese headers, the figures as numbers, an empty cell where a report is missing.
        var xlsx = await supervisor.GetAsync(new Uri("/supervision/aggregate?handler=xlsx&year=2024", UriKind.Relative));
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        xlsx.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("示范县2024年度报告汇总.xlsx");
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheets.ShouldHaveSingleItem();
        sheet.Name.ShouldBe("2024年度报告汇总");
        var headers = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        headers.ShouldBe(header);
        var xColumn = headers.IndexOf("表三「一、本年新收政府信息公开申请数量」总计") + 1;
        var xRows = Enumerable.Range(2, 7).ToDictionary(r => sheet.Cell(r, 1).GetString(), r => sheet.Cell(r, xColumn));
        xRows.Keys.ShouldBe(byAgency.Keys, ignoreOrder: true);
        (xRows["示范县教育局"].DataType, xRows["示范县教育局"].GetValue<decimal>()).ShouldBe((ClosedXML.Excel.XLDataType.Number, 8m));
        xRows["合计"].GetValue<decimal>().ShouldBe(18m);
        xRows["示范县市场监督管理局"].IsEmpty().ShouldBeTrue();
        sheet.Cell(2, 4).DataType.ShouldBe(ClosedXML.Excel.XLDataType.Number, "the version is a number");
    }

    [Fact]
    public async Task A_corrected_version_published_after_the_deadline_keeps_the_first_publication_date()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2025, 1, 10, 2, 0, 0, TimeSpan.Zero)), demoCases: false, demoCatalog: false);
        await ReportCases.Seed2024Async(app);
        await PublishEducationAsync(app);
        app.Clock.Now = February2025;
        using var publisher = ReportCases.Client(app);
        await publisher.LoginAsync("publisher");
        await publisher.SubmitAsync("/annual-reports/2024", new Dictionary<string, string> { ["Table2[Penalty]"] = "3" }, "Command=publish");
        using var supervisor = ReportCases.Client(app);
        await supervisor.LoginAsync("supervisor");

        var row = (await supervisor.GetPageAsync("/supervision?year=2024")).QuerySelectorAll("#agency-reports tbody tr")
            .Single(r => r.TextContent.Contains("示范县教育局", StringComparison.Ordinal)).TextContent;

        row.ShouldContain("已发布 第2版");
        row.ShouldContain("2025-01-10");
        row.ShouldContain("按时发布");
    }

    private static string Sum(AngleSharp.Html.Dom.IHtmlDocument page, string path) =>
        page.QuerySelector($"table.national td[data-path='{path}']")!.TextContent.Trim();

    internal static async Task PublishEducationAsync(GongkaiApp app)
    {
        using var publisher = ReportCases.Client(app);
        await publisher.LoginAsync("publisher");
        var form = WorkspaceTests.CompleteForm();
        await publisher.SubmitAsync("/annual-reports/2024", form, "Command=insert:overview");
        await publisher.SubmitAsync("/annual-reports/2024", new Dictionary<string, string>(), "Command=publish");
        (await publisher.GetPageAsync("/annual-reports/2024")).QuerySelector("#report-status")!.TextContent.ShouldContain("已发布 第1版");
    }

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, params (string Name, byte[] Content)[] files)
    {
        var page = await client.GetPageAsync("/supervision/collect");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken");
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "Files", name);
        }

        return await client.PostAsync(new Uri("/supervision/collect?handler=upload", UriKind.Relative), content);
    }

    /// <summary>示范县自然资源局 2024: 5 natural persons granted, 2 companies carried forward; 行政许可 100.</summary>
    internal static AnnualReport NaturalResources() => Report("示范县自然资源局",
        [.. Enumerable.Repeat(new CaseSummary(ApplicantType.NaturalPerson, new(2024, 3, 1), new(2024, 3, 5), Outcome.Granted), 5),
         .. Enumerable.Repeat(new CaseSummary(ApplicantType.Commercial, new(2024, 12, 20)), 2)],
        licensing: 100);

    /// <summary>示范县住房和城乡建设局 2024: 3 natural persons granted; 行政许可 50.</summary>
    internal static AnnualReport Housing() => Report("示范县住房和城乡建设局",
        [.. Enumerable.Repeat(new CaseSummary(ApplicantType.NaturalPerson, new(2024, 5, 1), new(2024, 5, 10), Outcome.Granted), 3)],
        licensing: 50);

    private static AnnualReport Report(string organization, CaseSummary[] cases, decimal licensing)
    {
        var content = new ReportContent();
        foreach (var field in ReportContent.Table2Fields)
        {
            content.Table2[field] = Cell.Of(field == Table2Field.Licensing ? licensing : 0);
        }

        content.Sections[SectionKey.Problems] = "信息公开工作还存在公开内容不够全面等问题，将逐步改进。";
        content.Sections[SectionKey.Other] = "本年度未收取信息处理费。";
        return content.Compose(NationalFormat.Title(organization, 2024), organization, 2024,
            CaseTables.BuildTable3(cases, 2024), CaseTables.BuildTable4([], 2024));
    }

    private static async Task<Guid> OtherCountyAgencyAsync(GongkaiApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var city = db.Regions.Single(r => r.Name == "新乡市");
        var id = Guid.NewGuid();
        db.Regions.Add(new Region { Id = id, ParentId = city.Id, Name = "另一县", Level = RegionLevel.County, Path = Region.ChildPath(city.Path, id) });
        var agency = new Agency { Id = Guid.NewGuid(), RegionId = id, Name = "另一县教育局", Kind = AgencyKind.Department };
        db.Agencies.Add(agency);
        await db.SaveChangesAsync();
        return agency.Id;
    }
}

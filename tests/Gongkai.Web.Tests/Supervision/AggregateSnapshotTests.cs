using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Rendering;
using Gongkai.Data.AnnualReports;
using Gongkai.Data.Jobs;
using Gongkai.Data.Supervision;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Gongkai.Web.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Web.Supervision;

/// <summary>
/// A large region's aggregate (<c>/supervision/aggregate</c>) stored by the assessment snapshot worker
/// (<see cref="AssessmentSnapshots.ReadAggregateAsync"/>): every region counts as large in one app
/// (<c>Supervision:AssessmentInlineAgencies</c> = 0), a second app on the same database adds up live, and the job runs
/// when the test says.
/// </summary>
public class AggregateSnapshotTests
{
    private static readonly DateTimeOffset January2025 = new(2025, 1, 10, 2, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset February2025 = new(2025, 2, 20, 2, 0, 0, TimeSpan.Zero);

    private const string Url = "/supervision/aggregate?year=2024";

    private static readonly string[] Views = ["table3", "table4", "table2"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_stored_aggregate_equals_the_live_one_cell_by_cell_its_exports_come_from_it_and_a_new_report_makes_it_stale(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Large(new GongkaiApp(database, clock: new TestClock(January2025), demoCases: false, demoCatalog: false));
        await using var live = new GongkaiApp(database, clock: new TestClock(February2025), demoCases: false, demoCatalog: false);
        live.Settings["ScheduledJobs:Enabled"] = "false";
        await ReportCases.Seed2024Async(app);
        await SupervisionTests.PublishEducationAsync(app);
        app.Clock.Now = February2025;
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        using var liveSupervisor = live.CreateBrowserClient();
        await liveSupervisor.LoginAsync("supervisor");
        await SupervisionTests.UploadAsync(supervisor, ("a.html", Encoding.UTF8.GetBytes(HtmlReportRenderer.Render(SupervisionTests.NaturalResources()))));
        await supervisor.SubmitAsync("/supervision/collect", new Dictionary<string, string>(), formSelector: "#confirm-form");

        // A small region adds up live and stores nothing.
        var livePage = await liveSupervisor.GetPageAsync(Url);
        livePage.QuerySelector("#aggregate-snapshot").ShouldBeNull();
        Sum(livePage, "table3.newReceived.total").ShouldBe("15", "8 + 7");
        (await ApplicantCases.QueryAsync(live, db => db.AssessmentSnapshots.CountAsync())).ShouldBe(0);

        // Nothing stored yet: reading queues the computation and the page says so, without adding up in the request.
        var waiting = await supervisor.GetPageAsync(Url);
        waiting.QuerySelector("#aggregate-snapshot")!.TextContent.ShouldContain("汇总尚未计算完成。");
        waiting.QuerySelector("#aggregate-snapshot [data-part=label]")!.TextContent.ShouldBe("排队中");
        waiting.QuerySelector("#aggregate-snapshot [data-part=refresh]")!.GetAttribute("href").ShouldBe("/supervision/aggregate?year=2024&view=table3#aggregate-snapshot");
        waiting.QuerySelector("#side-by-side").ShouldBeNull();
        waiting.QuerySelector("#aggregate-exports").ShouldBeNull();
        (await supervisor.GetAsync(new Uri(Url + "&handler=csv", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var row = await RowAsync(app);
        (row.PeriodKey, row.State, row.RequestedBy, row.ResultsJson).ShouldBe(("A2024", RenderJobState.Queued, AssessmentSnapshots.System, (string?)null));

        (await AssessmentSnapshotTests.RoundAsync(app)).ShouldBe(1);
        (await AssessmentSnapshotTests.RoundAsync(app)).ShouldBe(0, "nothing left to compute");
        var stored = await supervisor.GetPageAsync(Url);
        stored.QuerySelector("#aggregate-computed-at")!.TextContent.ShouldBe("2025-02-20 10:00");
        stored.QuerySelector("#aggregate-snapshot [data-part=label]").ShouldBeNull("done says nothing more than its time");
        foreach (var view in Views)
        {
            var url = $"{Url}&view={view}";
            Cells(await supervisor.GetPageAsync(url)).ShouldBe(Cells(await liveSupervisor.GetPageAsync(url)), $"{view}: the stored aggregate is the live one, cell by cell");
        }

        Sum(stored, "table3.newReceived.total").ShouldBe("15");
        Sum(stored, "table3.newReceived.naturalPerson").ShouldBe("8", "3 + 5");
        Sum(stored, "table3.granted.total").ShouldBe("7", "2 + 5");
        Sum(stored, "table2.licensing").ShouldBe("100", "0 + 100");
        stored.QuerySelectorAll("#side-by-side tbody tr").Select(r => r.Children[0].TextContent + " " + r.Children[1].TextContent)
            .ShouldBe(["示范县教育局 8", "示范县自然资源局 7", "合计 15"]);
        stored.QuerySelector("#aggregate-counts")!.TextContent.ShouldContain("另有 4 个机关未提交，未计入");
        stored.QuerySelector("nav.pager").ShouldBeNull("two agencies fit on one page");
        (await supervisor.GetPageAsync(Url)).QuerySelector("#aggregate-snapshot [data-part=label]").ShouldBeNull("unchanged and fresh: not queued again");
        (await RowAsync(app)).State.ShouldBe(RenderJobState.Done);

        var csv = await CsvAsync(supervisor);
        csv.ShouldBe(await CsvAsync(liveSupervisor));
        ReceivedByAgency(csv).ShouldBe(new Dictionary<string, string>
        {
            ["示范县教育局"] = "8", ["示范县自然资源局"] = "7", ["示范县人民政府办公室"] = "", ["示范县住房和城乡建设局"] = "",
            ["示范县人力资源和社会保障局"] = "", ["示范县市场监督管理局"] = "", ["合计"] = "15",
        });
        (await XlsxAsync(supervisor)).ShouldBe([("示范县教育局", 8m), ("示范县自然资源局", 7m), ("合计", 15m)]);

        // Another report confirmed in the region: the stored aggregate is stale at once. It is still what the page and the
        // exports show (15, not the live 18) until the job has computed it again.
        await SupervisionTests.UploadAsync(supervisor, ("b.md", Encoding.UTF8.GetBytes(MarkdownReportRenderer.Render(SupervisionTests.Housing()))));
        await supervisor.SubmitAsync("/supervision/collect", new Dictionary<string, string>(), formSelector: "#confirm-form");
        var stale = await supervisor.GetPageAsync(Url);
        stale.QuerySelector("#aggregate-snapshot [data-part=label]")!.TextContent.ShouldBe("排队中");
        stale.QuerySelector("#aggregate-computed-at")!.TextContent.ShouldBe("2025-02-20 10:00");
        Sum(stale, "table3.newReceived.total").ShouldBe("15");
        ReceivedByAgency(await CsvAsync(supervisor))["合计"].ShouldBe("15", "the CSV is made from the stored aggregate");
        (await XlsxAsync(supervisor)).ShouldBe([("示范县教育局", 8m), ("示范县自然资源局", 7m), ("合计", 15m)], "so is the workbook");
        Sum(await liveSupervisor.GetPageAsync(Url), "table3.newReceived.total").ShouldBe("18");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        (await AssessmentSnapshotTests.RoundAsync(app)).ShouldBe(1);
        var recomputed = await supervisor.GetPageAsync(Url);
        recomputed.QuerySelector("#aggregate-computed-at")!.TextContent.ShouldBe("2025-02-20 10:01");
        Sum(recomputed, "table3.newReceived.total").ShouldBe("18", "8 + 7 + 3");
        Cells(recomputed).ShouldBe(Cells(await liveSupervisor.GetPageAsync(Url)));
        (await XlsxAsync(supervisor)).ShouldBe([("示范县教育局", 8m), ("示范县自然资源局", 7m), ("示范县住房和城乡建设局", 3m), ("合计", 18m)]);

        // A new version published on the platform makes it stale too.
        using var publisher = ReportCases.Client(app);
        await publisher.LoginAsync("publisher");
        await publisher.SubmitAsync("/annual-reports/2024", new Dictionary<string, string> { ["Table2[Penalty]"] = "3" }, "Command=publish");
        var republished = await supervisor.GetPageAsync(Url);
        republished.QuerySelector("#aggregate-snapshot [data-part=label]")!.TextContent.ShouldBe("排队中");
        EducationVersion(await CsvAsync(supervisor)).ShouldBe("1");
        (await AssessmentSnapshotTests.RoundAsync(app)).ShouldBe(1);
        EducationVersion(await CsvAsync(supervisor)).ShouldBe("2");
        Cells(await supervisor.GetPageAsync(Url)).ShouldBe(Cells(await liveSupervisor.GetPageAsync(Url)));
        (await RowAsync(app)).Attempts.ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_side_by_side_table_of_more_than_a_hundred_agencies_is_shown_a_hundred_at_a_time_and_exported_whole(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Large(new GongkaiApp(database, clock: new TestClock(February2025), demoCases: false, demoCatalog: false));
        var report = ReportJson.Serialize(SupervisionTests.Housing());
        await ApplicantCases.QueryAsync(app, async db =>
        {
            var county = await db.Agencies.Where(a => a.Name == "示范县教育局").Select(a => a.RegionId).SingleAsync();
            foreach (var i in Enumerable.Range(1, 105))
            {
                var agency = new Gongkai.Data.Agencies.Agency
                {
                    Id = Guid.NewGuid(), RegionId = county, Name = $"示范县第{i:000}号机关", Kind = Gongkai.Data.Agencies.AgencyKind.Department, SortOrder = 1000 + i,
                };
                db.Agencies.Add(agency);
                db.AnnualReports.Add(new AnnualReportRecord
                {
                    Id = Guid.NewGuid(), AgencyId = agency.Id, Year = 2024, Version = 1, Status = AnnualReportStatus.Published, Json = report,
                    UpdatedAtUtc = new DateTime(2025, 1, 10, 2, 0, 0, DateTimeKind.Utc), UpdatedBy = "测试",
                    PublishedAtUtc = new DateTime(2025, 1, 10, 2, 0, 0, DateTimeKind.Utc), PublishedBy = "测试",
                });
            }

            return await db.SaveChangesAsync();
        });
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        _ = await supervisor.GetPageAsync(Url);
        (await AssessmentSnapshotTests.RoundAsync(app)).ShouldBe(1);

        var first = await supervisor.GetPageAsync(Url);
        var rows = first.QuerySelectorAll("#side-by-side tbody tr");
        rows.Length.ShouldBe(101, "a hundred agencies and the sum");
        rows[0].Children[0].TextContent.ShouldBe("示范县第001号机关");
        rows[100].Children[0].TextContent.ShouldBe("合计");
        rows[100].Children[1].TextContent.ShouldBe("315", "the sum of all 105 agencies on every page");
        first.QuerySelector("#side-by-side-range")!.TextContent.ShouldBe("第 1–100 个，共 105 个机关；合计行为全部机关之和，下载的 Excel 和 CSV 含全部机关。");
        var next = first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;
        next.ShouldBe("/supervision/aggregate?year=2024&view=table3&page=2#side-by-side");
        var second = await supervisor.GetPageAsync(next.Split('#')[0]);
        second.QuerySelectorAll("#side-by-side tbody tr").Select(r => r.Children[0].TextContent)
            .ShouldBe(["示范县第101号机关", "示范县第102号机关", "示范县第103号机关", "示范县第104号机关", "示范县第105号机关", "合计"]);
        second.QuerySelector("#side-by-side-range")!.TextContent.ShouldStartWith("第 101–105 个");
        (await supervisor.GetPageAsync(Url + "&view=table4&page=99")).QuerySelectorAll("#side-by-side tbody tr").Length.ShouldBe(6, "a page past the end shows the last");
        (await supervisor.GetPageAsync(Url + "&page=-1")).QuerySelectorAll("#side-by-side tbody tr").Length.ShouldBe(101);
        var csv = await CsvAsync(supervisor);
        csv.Length.ShouldBe(1 + 105 + 6 + 1, "a header, every agency with a report, the six without, the sum");
        ReceivedByAgency(csv)["合计"].ShouldBe("315");
    }

    /// <summary>Every region is computed in the background; the job runs only when the test says.</summary>
    private static GongkaiApp Large(GongkaiApp app)
    {
        app.Settings["ScheduledJobs:Enabled"] = "false";
        app.Settings["Supervision:AssessmentInlineAgencies"] = "0";
        return app;
    }

    private static string Sum(IHtmlDocument page, string path) =>
        page.QuerySelector($"table.national td[data-path='{path}']")!.TextContent.Trim();

    /// <summary>The side-by-side table and the national tables of sums, every cell, row by row.</summary>
    private static List<string> Cells(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#side-by-side tr, table.national tr").Select(r => string.Join('|', r.Children.Select(c => c.TextContent.Trim())))];

    private static async Task<string[]> CsvAsync(HttpClient client) =>
        (await client.GetStringAsync(new Uri(Url + "&handler=csv", UriKind.Relative))).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    /// <summary>表三 新收 总计 per agency (first column) from the CSV.</summary>
    private static Dictionary<string, string> ReceivedByAgency(string[] csv)
    {
        var column = Array.IndexOf(csv[0].Split(','), "表三「一、本年新收政府信息公开申请数量」总计");
        return csv.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[column]);
    }

    /// <summary>The workbook's agencies with a number for 表三 新收 总计, and that number.</summary>
    private static async Task<List<(string, decimal)>> XlsxAsync(HttpClient client)
    {
        var bytes = await client.GetByteArrayAsync(new Uri(Url + "&handler=xlsx", UriKind.Relative));
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheet(1);
        var headers = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        var column = headers.IndexOf("表三「一、本年新收政府信息公开申请数量」总计") + 1;
        return [.. Enumerable.Range(2, sheet.LastRowUsed()!.RowNumber() - 1)
            .Where(r => !sheet.Cell(r, column).IsEmpty())
            .Select(r => (sheet.Cell(r, 1).GetString(), sheet.Cell(r, column).GetValue<decimal>()))];
    }

    private static string EducationVersion(string[] csv) => csv.Single(l => l.StartsWith("示范县教育局,", StringComparison.Ordinal)).Split(',')[3];

    private static Task<AssessmentSnapshotRecord> RowAsync(GongkaiApp app) =>
        ApplicantCases.QueryAsync(app, db => db.AssessmentSnapshots.AsNoTracking().SingleAsync(s => s.PeriodKey == AssessmentSnapshots.AggregateKey(2024)));
}

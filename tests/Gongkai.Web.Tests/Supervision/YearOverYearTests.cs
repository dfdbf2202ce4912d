using System.Net;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.Data.AnnualReports;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;

namespace Gongkai.Tests.Web.Supervision;

/// <summary>An agency's report against the year before: cell by cell, large changes marked, cross-year findings, a chart.</summary>
public class YearOverYearTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_supervisor_compares_a_report_with_the_year_before_cell_by_cell_with_the_large_changes_and_the_cross_year_findings(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        var natural = await ReportCases.AgencyIdAsync(app, "示范县自然资源局");
        var current = SupervisionTests.NaturalResources();
        var previous = current.Clone();
        previous.Year = 2023;
        previous.Title = NationalFormat.Title("示范县自然资源局", 2023);
        Set(previous, NationalFormat.PathOf(Table2Field.Licensing), 40m);
        Set(previous, NationalFormat.PathOf(Table3Row.NewReceived, Table3Column.Total), 30m);
        await ApplicantCases.QueryAsync(app, db =>
        {
            db.AnnualReports.Add(Record(natural, previous, new DateTime(2024, 1, 20, 2, 0, 0, DateTimeKind.Utc)));
            db.AnnualReports.Add(Record(natural, current, new DateTime(2025, 1, 20, 2, 0, 0, DateTimeKind.Utc)));
            return db.SaveChangesAsync();
        });
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");

        var report = await supervisor.GetPageAsync($"/supervision/reports/{natural}/2024");
        var link = report.QuerySelector("#compare-link")!.GetAttribute("href")!;
        link.ShouldBe($"/supervision/reports/{natural}/2024/compare");
        var page = await supervisor.GetPageAsync(link);

        page.QuerySelector("h1")!.TextContent.ShouldBe("示范县自然资源局 2024 年度报告与 2023 年度对比");
        page.QuerySelector("#threshold")!.TextContent.ShouldContain("增减达到上年数的 50% 且相差至少 10 的标为“变化较大”");
        page.QuerySelector("#large-count")!.TextContent.ShouldBe("2");
        var large = page.QuerySelectorAll("tr.large-change").Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        large.ShouldBe(
        [
            $"{Label(Table2Field.Licensing)}|40|100|+60|+150% 变化较大",
            "一、本年新收政府信息公开申请数量|30|7|-23|-76.7% 变化较大",
        ]);
        page.QuerySelectorAll("#compare-ProactiveDisclosure tbody tr").Length.ShouldBe(FormatCell.All(ReportFormat.Format2021).Count(c => c.Table == ReportTable.Table2));
        page.QuerySelectorAll("table.compare tbody tr").Length.ShouldBe(FormatCell.All(ReportFormat.Format2021).Count);
        var crossYear = page.QuerySelector("#cross-year")!.TextContent;
        crossYear.ShouldContain("错误（2 项）", customMessage: "上年结转 in the 总计 and 法人或其他组织 columns: last year carried 2 forward, this year none over");
        crossYear.ShouldContain("跨年度结转不一致");
        var chart = page.QuerySelector("#chart-year-over-year")!;
        chart.QuerySelectorAll("tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim()))).ShouldBe(
            ["2023年（件）|30|0|5|5|2", "2024年（件）|7|0|5|5|2"]);
        chart.GetAttribute("data-chart")!.ShouldContain("\"kind\":\"bar\"");

        var onlyLarge = await supervisor.GetPageAsync(link + "?show=large");
        onlyLarge.QuerySelectorAll("table.compare tbody tr").Length.ShouldBe(2);
        onlyLarge.QuerySelector("#compare-ReviewAndLitigation")!.TextContent.ShouldContain("没有变化较大的单元格。");

        var missing = await supervisor.GetPageAsync($"/supervision/reports/{natural}/2023/compare");
        missing.QuerySelector("#compare-missing")!.TextContent.ShouldContain("2022 年度报告未提交。");
        (await supervisor.GetAsync(new Uri($"/supervision/reports/{Guid.NewGuid()}/2024/compare", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await supervisor.GetAsync(new Uri($"/supervision/reports/{natural}/-2147483648/compare", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var assessment = await supervisor.GetPageAsync($"/supervision/assessment/{natural}?period=2025Q1");
        assessment.QuerySelector("#agency-compare")!.GetAttribute("href").ShouldBe(link);
    }

    [Fact]
    public async Task A_threshold_that_cannot_be_used_stops_the_start_instead_of_failing_the_page()
    {
        await using var database = await TestDatabase.CreateAsync(Gongkai.Data.DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        app.Settings["Supervision:LargeChange:Percent"] = "0";

        var failure = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => app.CreateClient());
        failure.Message.ShouldBe("Supervision:LargeChange: Percent must be above 0 and MinimumDifference must not be negative.");
    }

    private static string Label(Table2Field field) => Gongkai.Web.Supervision.AggregateModel.ShortLabel(FormatCell.All(ReportFormat.Format2021).Single(c => c.Field == field));

    private static void Set(AnnualReport report, string path, decimal value) =>
        FormatCell.All(ReportFormat.Format2021).Single(c => c.Path == path).Set(report, Cell.Of(value));

    internal static AnnualReportRecord Record(Guid agency, AnnualReport report, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(),
        AgencyId = agency,
        Year = report.Year!.Value,
        Version = 1,
        Status = AnnualReportStatus.Published,
        Json = ReportJson.Serialize(report),
        UpdatedAtUtc = at,
        UpdatedBy = "测试",
        PublishedAtUtc = at,
        PublishedBy = "测试",
    };
}

using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.Applications;
using Gongkai.Data.AnnualReports;
using Gongkai.Data.Agencies;
using Gongkai.ProvinceLoad;
using Gongkai.Supervision;
using Gongkai.Tests.Data;
using Gongkai.Web.AnnualReports;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Web.Supervision;

/// <summary>
/// The bench generator (bench/Gongkai.ProvinceLoad) on both providers: the tiny preset makes exactly the same rows on
/// SQLite and PostgreSQL, and the supervision pages the load test measures answer on what it made.
/// </summary>
public class ProvinceLoadTests
{
    private static readonly DateOnly Until = new(2026, 12, 3);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_tiny_preset_makes_exact_counts_and_the_overview_regions_assessment_and_export_answer_on_it(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var shape = ProvinceShape.Tiny(Until);
        await new ProvinceGenerator(database.Options, shape, TextWriter.Null).GenerateAsync();

        await using (var db = database.CreateContext())
        {
            (await db.Regions.GroupBy(r => r.Level).Select(g => new { g.Key, Count = g.Count() }).OrderBy(g => g.Key).ToListAsync())
                .Select(g => (g.Key, g.Count)).ShouldBe([(RegionLevel.Province, 1), (RegionLevel.City, 2), (RegionLevel.County, 4)]);
            (await db.Agencies.CountAsync()).ShouldBe(20);
            (await db.Agencies.CountAsync(a => a.Kind == AgencyKind.Government)).ShouldBe(7);
            (await db.Applications.CountAsync()).ShouldBe(600);
            (await db.Applications.CountAsync(a => a.ConcludedOn != null)).ShouldBe(591);
            (await db.Applications.CountAsync(a => a.Outcome == Outcome.Granted)).ShouldBe(330);
            (await db.Applications.CountAsync(a => a.Outcome == Outcome.PartiallyGranted)).ShouldBe(72);
            (await db.Applications.CountAsync(a => a.Channel == ReceiptChannel.Online)).ShouldBe(329);
            (await db.Applications.CountAsync(a => a.ConcludedOn > a.DueOn)).ShouldBe(18);
            (await db.Applications.CountAsync(a => a.AgencyId == ProvinceGenerator.Id(1, ProvinceGenerator.LargeAgency(shape)))).ShouldBe(88);
            (await db.Applications.MinAsync(a => a.ReceivedOn)).ShouldBe(new DateOnly(2024, 1, 1));
            (await db.Applications.MaxAsync(a => a.ReceivedOn)).ShouldBe(new DateOnly(2026, 12, 2));
            (await db.Letters.CountAsync()).ShouldBe(591);
            (await db.ApplicationEvents.CountAsync(e => e.Kind == nameof(CaseEventKind.ExtensionApproved))).ShouldBe(31);
            (await db.ApplicationEvents.CountAsync(e => e.Kind == nameof(CaseEventKind.CorrectionRequested))).ShouldBe(24);
            (await db.Reviews.CountAsync()).ShouldBe(5);
            (await db.CatalogItems.CountAsync()).ShouldBe(120);
            (await db.Rectifications.GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() }).OrderBy(g => g.Key).ToListAsync())
                .Select(g => (g.Key, g.Count)).ShouldBe([(RectificationState.Answered, 6), (RectificationState.Closed, 7)]);
            (await db.AssessmentSchemes.CountAsync()).ShouldBe(7);
            (await db.Users.CountAsync()).ShouldBe(4);
        }

        await using var app = new GongkaiApp(database, demo: false, clock: new TestClock(new DateTimeOffset(2026, 12, 4, 2, 0, 0, TimeSpan.Zero)));
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("supervisor", ProvinceGenerator.Password);

        var overview = await client.GetPageAsync("/supervision");
        overview.QuerySelectorAll("#agency-reports tbody tr").Length.ShouldBe(20);

        (await client.GetPageAsync("/supervision/regions")).QuerySelectorAll("#region-summary tbody tr, #region-summary tfoot tr")
            .Select(r => string.Join("|", r.Children.Take(6).Select(c => c.TextContent.Trim())))
            .ShouldBe(["示范省本级|3|0|0|1|0", "郑原市|9|0|0|3|0", "开源市|8|0|0|2|0", "合计|20|0|0|6|0"]);

        // The province office assesses every other agency of the province under its quarterly scheme, computed live.
        var assessment = await client.GetPageAsync("/supervision/assessment?period=2026Q3");
        assessment.QuerySelector("#scheme-in-force").ShouldNotBeNull();
        assessment.QuerySelectorAll("#ranking tbody tr").Length.ShouldBe(19);

        using var export = await client.GetAsync(new Uri("/supervision/assessment?handler=xlsx&period=2026Q3", UriKind.Relative));
        export.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        app.Errors.Count.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_report_step_publishes_each_complete_years_reports_from_the_cases_once_and_the_overview_validates_them(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var shape = ProvinceShape.Tiny(Until) with { Agencies = 120 };
        await new ProvinceGenerator(database.Options, shape, TextWriter.Null).GenerateAsync();
        (await new ReportPublisher(database.Options, TextWriter.Null).PublishAsync(Until)).ShouldBe(254);
        (await new ReportPublisher(database.Options, TextWriter.Null).PublishAsync(Until)).ShouldBe(0);

        await using (var db = database.CreateContext())
        {
            (await db.AnnualReports.GroupBy(r => new { r.Year, r.Status, r.Version }).Select(g => new { g.Key.Year, g.Key.Status, g.Key.Version, Count = g.Count() })
                    .OrderBy(g => g.Year).ThenBy(g => g.Status).ThenBy(g => g.Version).ToListAsync())
                .Select(g => (g.Year, g.Status, g.Version, g.Count))
                .ShouldBe([
                    (2024, AnnualReportStatus.Draft, 1, 7), (2024, AnnualReportStatus.Published, 1, 107), (2024, AnnualReportStatus.Published, 2, 10),
                    (2025, AnnualReportStatus.Draft, 1, 2), (2025, AnnualReportStatus.Published, 1, 114), (2025, AnnualReportStatus.Published, 2, 14),
                ]);

            // Tables 三 and 四 of every latest published version are what the workspace computes from the agency's cases,
            // except the planned defect: 一、本年新收 one more (自然人 and 总计).
            var tables = new CaseTableQuery(db);
            var latest = await db.AnnualReports.AsNoTracking().Where(r => r.Status == AnnualReportStatus.Published
                    && !db.AnnualReports.Any(n => n.AgencyId == r.AgencyId && n.Year == r.Year && n.Version > r.Version))
                .ToListAsync();
            latest.Count.ShouldBe(221);
            var defects = 0;
            foreach (var record in latest)
            {
                var report = ReportJson.Deserialize(record.Json);
                var live = await tables.ComputeAsync(record.AgencyId, record.Year);
                var defect = ReportPublisher.PlanFor(record.AgencyId, record.Year).Defect;
                defects += defect ? 1 : 0;
                foreach (var row in Enum.GetValues<Table3Row>())
                {
                    foreach (var column in Enum.GetValues<Table3Column>())
                    {
                        var extra = defect && row == Table3Row.NewReceived && column is Table3Column.NaturalPerson or Table3Column.Total ? 1 : 0;
                        report.Table3[row, column].Value.ShouldBe(live.Table3[row, column].Value + extra);
                    }
                }

                foreach (var block in Enum.GetValues<Table4Block>())
                {
                    foreach (var column in Enum.GetValues<Table4Column>())
                    {
                        report.Table4[block, column].Value.ShouldBe(live.Table4[block, column].Value);
                    }
                }
            }

            defects.ShouldBe(3);
        }

        await using var app = new GongkaiApp(database, demo: false, clock: new TestClock(new DateTimeOffset(2026, 12, 4, 2, 0, 0, TimeSpan.Zero)));
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("supervisor", ProvinceGenerator.Password);
        var overview = await client.GetPageAsync("/supervision?year=2025");
        overview.QuerySelector("#agency-reports-range")!.TextContent.ShouldStartWith("第 1–100 个，共 120 个机关", customMessage: "100 agencies a page");
        var rows = overview.QuerySelectorAll("#agency-reports tbody tr")
            .Concat((await client.GetPageAsync("/supervision?year=2025&page=2")).QuerySelectorAll("#agency-reports tbody tr")).ToList();
        rows.Count.ShouldBe(120);
        rows.Count(r => r.Children[1].TextContent.Contains("已发布 第1版", StringComparison.Ordinal)).ShouldBe(100);
        rows.Count(r => r.Children[1].TextContent.Contains("已发布 第2版", StringComparison.Ordinal)).ShouldBe(14);
        rows.Count(r => r.Children[1].TextContent.Contains("未提交", StringComparison.Ordinal)).ShouldBe(6);
        rows.Count(r => r.QuerySelector(".count-error") is not null).ShouldBe(2);
        app.Errors.Count.ShouldBe(0);
    }
}

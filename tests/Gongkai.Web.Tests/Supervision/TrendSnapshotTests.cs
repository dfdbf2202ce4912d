using AngleSharp.Html.Dom;
using Gongkai.Data.Jobs;
using Gongkai.Data.Supervision;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Gongkai.Web.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Web.Supervision;

/// <summary>
/// A large region's overview trends stored by the assessment snapshot worker (<see cref="AssessmentSnapshots.ReadTrendsAsync"/>):
/// every region counts as large here (<c>Supervision:AssessmentInlineAgencies</c> = 0) and the job runs when the test says.
/// </summary>
public class TrendSnapshotTests
{
    private static readonly DateTimeOffset April2025 = new(2025, 4, 10, 2, 0, 0, TimeSpan.Zero);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_large_regions_overview_reads_the_stored_month_series_equal_to_the_live_one_with_数据截至_and_recomputes_it_when_stale(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false);
        app.Settings["ScheduledJobs:Enabled"] = "false";
        app.Settings["Supervision:AssessmentInlineAgencies"] = "0";
        await using var live = new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false);
        live.Settings["ScheduledJobs:Enabled"] = "false";
        var education = await ReportCases.AgencyIdAsync(app, "示范县教育局");
        var natural = await ReportCases.AgencyIdAsync(app, "示范县自然资源局");
        await AssessmentTests.CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 10));
        await AssessmentTests.CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 12));
        await AssessmentTests.CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 1));
        await AssessmentTests.CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 1));
        await AssessmentTests.CaseAsync(app, natural, D(2025, 1, 6), D(2025, 2, 14), D(2025, 1, 20));
        await AssessmentTests.CaseAsync(app, natural, D(2025, 1, 6), D(2025, 2, 14), D(2025, 1, 20));
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        using var liveSupervisor = live.CreateBrowserClient();
        await liveSupervisor.LoginAsync("supervisor");

        // Nothing stored yet: reading queues the computation and the page says so, without counting in the request.
        var waiting = await supervisor.GetPageAsync("/supervision");
        waiting.QuerySelector("#trends-snapshot")!.TextContent.ShouldContain("趋势尚未计算完成。");
        waiting.QuerySelector("#trends-snapshot [data-part=label]")!.TextContent.ShouldBe("排队中");
        waiting.QuerySelector("#chart-applications").ShouldBeNull();
        var row = await RowAsync(app);
        (row.State, row.RequestedBy, row.ResultsJson, row.SchemeId).ShouldBe((RenderJobState.Queued, AssessmentSnapshots.System, (string?)null, (Guid?)null));

        (await AssessmentSnapshotTests.RoundAsync(app)).ShouldBe(1);
        (await AssessmentSnapshotTests.RoundAsync(app)).ShouldBe(0, "nothing left to compute");
        var stored = await supervisor.GetPageAsync("/supervision");
        stored.QuerySelector("#trends-computed-at")!.TextContent.ShouldBe("2025-04-10 10:00");
        stored.QuerySelector("#trends-snapshot [data-part=label]").ShouldBeNull("done says nothing more than its time");
        var livePage = await liveSupervisor.GetPageAsync("/supervision");
        livePage.QuerySelector("#trends-snapshot").ShouldBeNull("a small region is counted live");
        Tables(stored).ShouldBe(Tables(livePage), "the stored series is the live one, cell by cell");
        var expected = new List<string>
        {
            "applications 2024-05 2024-06 2024-07 2024-08 2024-09 2024-10 2024-11 2024-12 2025-01 2025-02 2025-03 2025-04",
            "applications 收到（件） 0 0 0 0 0 0 0 0 6 0 0 0",
            "applications 办结（件） 0 0 0 0 0 0 0 0 2 4 0 0",
            "timeliness 2024-05 2024-06 2024-07 2024-08 2024-09 2024-10 2024-11 2024-12 2025-01 2025-02 2025-03 2025-04",
            "timeliness 按时办结率（%） — — — — — — — — 100 75 — —",
            "timeliness 逾期办结（件） 0 0 0 0 0 0 0 0 0 1 0 0",
            "outcomes 结果 办结（件）",
            "outcomes 予以公开 6",
            "catalogue 2024-05 2024-06 2024-07 2024-08 2024-09 2024-10 2024-11 2024-12 2025-01 2025-02 2025-03 2025-04",
            "catalogue 发布（条） 0 0 0 0 0 0 0 0 0 0 0 0",
        };
        Tables(stored).ShouldBe(expected);

        // A new case: fresh for 15 minutes the stored series is shown as it was; sixteen minutes later it is queued again
        // (the old series still shown), then computed with the new case.
        await AssessmentTests.CaseAsync(app, natural, D(2025, 3, 3), D(2025, 3, 31), D(2025, 3, 20));
        Tables(await supervisor.GetPageAsync("/supervision")).ShouldBe(expected);
        (await RowAsync(app)).State.ShouldBe(RenderJobState.Done);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var stale = await supervisor.GetPageAsync("/supervision");
        stale.QuerySelector("#trends-computed-at")!.TextContent.ShouldBe("2025-04-10 10:00");
        stale.QuerySelector("#trends-snapshot [data-part=label]")!.TextContent.ShouldBe("排队中");
        stale.QuerySelector("#trends-snapshot [data-part=refresh]")!.GetAttribute("href").ShouldBe("/supervision?year=2024#trends-snapshot");
        Tables(stale).ShouldBe(expected);
        (await AssessmentSnapshotTests.RoundAsync(app)).ShouldBe(1);
        var fresh = await supervisor.GetPageAsync("/supervision");
        fresh.QuerySelector("#trends-computed-at")!.TextContent.ShouldBe("2025-04-10 10:16");
        Tables(fresh)[1].ShouldBe("applications 收到（件） 0 0 0 0 0 0 0 0 6 0 1 0");
        Tables(fresh)[4].ShouldBe("timeliness 按时办结率（%） — — — — — — — — 100 75 100 —");
        Tables(fresh).ShouldBe(Tables(await liveSupervisor.GetPageAsync("/supervision")));
    }

    /// <summary>Every row of every trend table, prefixed with its chart's id.</summary>
    private static List<string> Tables(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#trends figure.trend").SelectMany(f => f.QuerySelectorAll("tr").Select(r =>
            f.Id!["chart-".Length..] + " " + string.Join(' ', r.Children.Select(c => c.TextContent.Trim()).Where(t => t.Length > 0))))];

    private static Task<AssessmentSnapshotRecord> RowAsync(GongkaiApp app) =>
        ApplicantCases.QueryAsync(app, db => db.AssessmentSnapshots.AsNoTracking().SingleAsync(s => s.PeriodKey == AssessmentSnapshots.TrendsKey));
}

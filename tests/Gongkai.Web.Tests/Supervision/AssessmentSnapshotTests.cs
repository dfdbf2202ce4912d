using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Gongkai.Data.Jobs;
using Gongkai.Data.Supervision;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Gongkai.Web.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.Supervision;

/// <summary>
/// A large region's ranking computed in the background (<see cref="AssessmentSnapshots"/>): here every region counts
/// as large (<c>Supervision:AssessmentInlineAgencies</c> = 0) and the scheduled job is run by hand, one round at a time.
/// </summary>
public class AssessmentSnapshotTests
{
    private static readonly DateTimeOffset April2025 = new(2025, 4, 10, 2, 0, 0, TimeSpan.Zero);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_stored_ranking_equals_the_live_one_says_when_it_was_computed_and_is_computed_again_when_stale_or_the_scheme_changes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Large(new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false));
        await using var live = new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false);
        live.Settings["ScheduledJobs:Enabled"] = "false";
        var education = await ReportCases.AgencyIdAsync(app, "示范县教育局");
        var natural = await ReportCases.AgencyIdAsync(app, "示范县自然资源局");
        await AssessmentTests.CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 10));
        var late = await AssessmentTests.CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 12));
        await AssessmentTests.CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 1));
        await AssessmentTests.CaseAsync(app, education, D(2025, 1, 2), D(2025, 2, 10), D(2025, 2, 1));
        await AssessmentTests.CaseAsync(app, natural, D(2025, 1, 6), D(2025, 2, 14), D(2025, 1, 20));
        await AssessmentTests.CaseAsync(app, natural, D(2025, 1, 6), D(2025, 2, 14), D(2025, 1, 20));
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        using var liveSupervisor = live.CreateBrowserClient();
        await liveSupervisor.LoginAsync("supervisor");
        (await supervisor.SubmitAsync("/supervision/schemes?kind=Quarter", AssessmentTests.SchemeForm("2025Q1"), formSelector: "#scheme-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        const string url = "/supervision/assessment?period=2025Q1";

        // Nothing computed yet: reading queues it, and the page says so instead of computing in the request.
        var waiting = await supervisor.GetPageAsync(url);
        waiting.QuerySelector("#ranking").ShouldBeNull();
        waiting.QuerySelector("#snapshot")!.TextContent.ShouldContain("排名尚未计算完成。");
        waiting.QuerySelector("#snapshot [data-part=label]")!.TextContent.ShouldBe("排队中");
        waiting.QuerySelector("#snapshot [data-part=refresh]")!.GetAttribute("href").ShouldEndWith("#snapshot");
        waiting.QuerySelector("#recompute-form").ShouldBeNull("a queued computation is not asked for twice");
        var row = await RowAsync(app, "2025Q1");
        (row.State, row.RequestedBy, row.ResultsJson, row.Attempts).ShouldBe((RenderJobState.Queued, AssessmentSnapshots.System, (string?)null, 0));
        var state = await supervisor.GetFromJsonAsync<JsonElement>(new Uri(waiting.QuerySelector("#snapshot")!.GetAttribute("data-snapshot-job")!, UriKind.Relative));
        (state.GetProperty("state").GetString(), state.GetProperty("label").GetString(), state.GetProperty("detail").GetString()).ShouldBe(("queued", "排队中", "已等待 0 秒"));

        (await RoundAsync(app)).ShouldBe(1);
        (await RoundAsync(app)).ShouldBe(0, "nothing left to compute");
        var computed = await supervisor.GetPageAsync(url);
        computed.QuerySelector("#computed-at")!.TextContent.ShouldBe("2025-04-10 10:00");
        computed.QuerySelector("#snapshot")!.TextContent.ShouldContain("按考核方案第 1 版计算");
        computed.QuerySelector("#snapshot [data-part=label]").ShouldBeNull("done says nothing more than its time");
        computed.QuerySelector("#scheme-in-force")!.TextContent.ShouldContain("以下为按 2025-04-10 10:00 的数据计算的结果");
        var livePage = await liveSupervisor.GetPageAsync(url);
        livePage.QuerySelector("#snapshot").ShouldBeNull("a small region is computed live");
        Cells(computed).ShouldBe(Cells(livePage), "the stored ranking is the live one, cell by cell");
        Cells(computed).Select(r => r[2] + " " + r[3]).ShouldBe(
            ["示范县自然资源局 100", "示范县教育局 60", "示范县住房和城乡建设局 不适用", "示范县人力资源和社会保障局 不适用", "示范县市场监督管理局 不适用"]);
        var xlsx = await supervisor.GetAsync(new Uri(computed.QuerySelector("#ranking-exports a")!.GetAttribute("href")!, UriKind.Relative));
        using (var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            workbook.Worksheet("排名").Cell(3, 3).GetString().ShouldBe("示范县教育局");
            workbook.Worksheet("排名").Cell(3, 4).GetValue<decimal>().ShouldBe(60m);
        }

        // The late case is corrected: the drill-down is live and says how it differs from the stored ranking.
        await ApplicantCases.QueryAsync(app, db => db.Applications.Where(a => a.Id == late).ExecuteUpdateAsync(s => s.SetProperty(a => a.ConcludedOn, D(2025, 2, 10))));
        var detail = await supervisor.GetPageAsync($"/supervision/assessment/{education}?period=2025Q1");
        detail.QuerySelector("#agency-total dd")!.TextContent.ShouldBe("100");
        detail.QuerySelector("#live-note")!.TextContent.ShouldBe("本页为实时数据，与排名（数据截至 2025-04-10 10:00）可能不同：排名中的总分为 60。");
        (await supervisor.GetPageAsync(url)).QuerySelector("#snapshot [data-part=label]").ShouldBeNull("fresh for 15 minutes: not queued again");
        (await RowAsync(app, "2025Q1")).State.ShouldBe(RenderJobState.Done);

        // Sixteen minutes later it is stale: the old ranking is shown while the new one is queued, then computed.
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var stale = await supervisor.GetPageAsync(url);
        stale.QuerySelector("#snapshot [data-part=label]")!.TextContent.ShouldBe("排队中");
        Cells(stale)[1][3].ShouldBe("60");
        (await RoundAsync(app)).ShouldBe(1);
        var fresh = await supervisor.GetPageAsync(url);
        fresh.QuerySelector("#computed-at")!.TextContent.ShouldBe("2025-04-10 10:16");
        Cells(fresh).Select(r => r[2] + " " + r[3]).Take(2).Order(StringComparer.Ordinal).ShouldBe(["示范县教育局 100", "示范县自然资源局 100"]);
        (await supervisor.GetPageAsync($"/supervision/assessment/{education}?period=2025Q1")).QuerySelector("#live-note")!.TextContent
            .ShouldBe("本页为实时数据，与排名（数据截至 2025-04-10 10:16）可能不同。");

        // A new scheme version for the quarter: the ranking scored under version 1 is marked and computed again.
        var second = AssessmentTests.SchemeForm("2025Q1");
        second["Lines[0].Weight"] = "50";
        second["Lines[1].Weight"] = "50";
        (await supervisor.SubmitAsync("/supervision/schemes?kind=Quarter", second, formSelector: "#scheme-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var outdated = await supervisor.GetPageAsync(url);
        outdated.QuerySelector("#snapshot")!.TextContent.ShouldContain("考核方案已修订，排名将按施行中的方案重新计算。");
        outdated.QuerySelector("#snapshot")!.TextContent.ShouldContain("按考核方案第 1 版计算");
        outdated.QuerySelector("#scheme-in-force")!.TextContent.ShouldContain("第 1 版");
        (await RoundAsync(app)).ShouldBe(1);
        var rescored = await supervisor.GetPageAsync(url);
        rescored.QuerySelector("#snapshot")!.TextContent.ShouldContain("按考核方案第 2 版计算");
        rescored.QuerySelector("#snapshot")!.TextContent.ShouldNotContain("已修订");
        rescored.QuerySelectorAll("#ranking thead th")[4].TextContent.ShouldContain("50 分");

        // 重新计算 by hand: queued once and audited; asking again while it is queued adds nothing.
        var asked = await supervisor.SubmitAsync(rescored, url, new Dictionary<string, string>(), formSelector: "#recompute-form");
        asked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var queued = await supervisor.GetPageAsync(asked.Headers.Location!.ToString());
        queued.QuerySelector("p.notice[role=status]")!.TextContent.ShouldBe("已提交重新计算，完成后本页显示新的排名。");
        queued.QuerySelector("#snapshot [data-part=label]")!.TextContent.ShouldBe("排队中");
        (await RowAsync(app, "2025Q1")).RequestedBy.ShouldBe("陈静（监督人）");
        var again = await supervisor.SubmitAsync(rescored, url, new Dictionary<string, string>(), formSelector: "#recompute-form");
        (await supervisor.GetPageAsync(again.Headers.Location!.ToString())).QuerySelector("p.notice[role=status]")!.TextContent.ShouldBe("排名正在计算中，完成后本页显示新的排名。");
        var audit = await ApplicantCases.QueryAsync(app, db => db.AuditLog.Where(a => a.Action == AssessmentSnapshots.RequestedAction).Select(a => a.Summary).ToListAsync());
        audit.ShouldBe(["重新计算示范县2025年第一季度考核排名"]);
        Gongkai.Web.Audit.AuditLabels.Action(AssessmentSnapshots.RequestedAction).ShouldBe("重新计算考核排名");
        (await RoundAsync(app)).ShouldBe(1);
        (await RowAsync(app, "2025Q1")).Attempts.ShouldBe(4);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_failed_computation_shows_失败_with_the_reason_and_can_be_retried(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Large(new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false));
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        (await supervisor.SubmitAsync("/supervision/schemes?kind=Quarter", AssessmentTests.SchemeForm("2025Q1"), formSelector: "#scheme-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        const string url = "/supervision/assessment?period=2025Q1";
        (await supervisor.GetPageAsync(url)).QuerySelector("#snapshot [data-part=label]")!.TextContent.ShouldBe("排队中");

        // The scheme is withdrawn behind the page's back before the job runs: the computation fails with the reason.
        var scheme = await ApplicantCases.QueryAsync(app, db => db.AssessmentSchemes.AsNoTracking().SingleAsync());
        await ApplicantCases.QueryAsync(app, db => db.AssessmentSchemes.Where(s => s.Id == scheme.Id).ExecuteDeleteAsync());
        (await RoundAsync(app)).ShouldBe(1);
        var row = await RowAsync(app, "2025Q1");
        (row.State, row.Failure, row.ResultsJson).ShouldBe((RenderJobState.Failed, AssessmentSnapshotWorker.NoScheme, (string?)null));

        await ApplicantCases.QueryAsync(app, db =>
        {
            db.AssessmentSchemes.Add(scheme);
            return db.SaveChangesAsync();
        });
        var failed = await supervisor.GetPageAsync(url);
        failed.QuerySelector("#snapshot [data-part=label]")!.TextContent.ShouldBe("失败");
        failed.QuerySelector("#snapshot [data-part=detail]")!.TextContent.ShouldBe(AssessmentSnapshotWorker.NoScheme);
        failed.QuerySelector("#snapshot [data-part=refresh]").ShouldBeNull("nothing is running");
        failed.QuerySelector("#recompute-form button")!.TextContent.ShouldBe("重试");
        (await RowAsync(app, "2025Q1")).State.ShouldBe(RenderJobState.Failed, "reading a failed one does not retry it by itself");

        var retried = await supervisor.SubmitAsync(failed, url, new Dictionary<string, string>(), formSelector: "#recompute-form");
        retried.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RowAsync(app, "2025Q1")).State.ShouldBe(RenderJobState.Queued);
        (await RoundAsync(app)).ShouldBe(1);
        row = await RowAsync(app, "2025Q1");
        (row.State, row.Failure, row.Attempts, row.SchemeId).ShouldBe((RenderJobState.Done, (string?)null, 2, (Guid?)scheme.Id));
        var done = await supervisor.GetPageAsync(url);
        done.QuerySelector("#computed-at")!.TextContent.ShouldBe("2025-04-10 10:00");
        done.QuerySelectorAll("#ranking tbody tr").Length.ShouldBe(5);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_computation_whose_node_keeps_dying_ends_失败_after_the_configured_claims_and_重试_counts_again(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Large(new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false));
        app.Settings["Supervision:AssessmentMaxAttempts"] = "2";
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        (await supervisor.SubmitAsync("/supervision/schemes?kind=Quarter", AssessmentTests.SchemeForm("2025Q1"), formSelector: "#scheme-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        const string url = "/supervision/assessment?period=2025Q1";
        _ = await supervisor.GetPageAsync(url);

        // A node claims it and dies: 31 minutes later (past AssessmentStaleAfter) another node takes it over, its second claim.
        await DiedAsync(app, claims: 1);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        (await RoundAsync(app)).ShouldBe(1);
        var row = await RowAsync(app, "2025Q1");
        (row.State, row.Claims, row.Attempts).ShouldBe((RenderJobState.Done, 2, 2));

        // Queued again and claimed twice by nodes that died: the stale claim is not taken over a third time but ends 失败.
        (await supervisor.SubmitAsync(await supervisor.GetPageAsync(url), url, new Dictionary<string, string>(), formSelector: "#recompute-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RowAsync(app, "2025Q1")).Claims.ShouldBe(0, "queuing starts the count again");
        await DiedAsync(app, claims: 2);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        (await RoundAsync(app)).ShouldBe(0);
        row = await RowAsync(app, "2025Q1");
        (row.State, row.Failure, row.Claims, row.Attempts).ShouldBe((RenderJobState.Failed, AssessmentSnapshotWorker.GaveUp(2), 2, 4));
        AssessmentSnapshotWorker.GaveUp(2).ShouldBe("已尝试计算 2 次均未完成（处理的服务器中途停止或出错），不再自动尝试；请点“重试”重新计算，仍失败的请联系系统管理员。");
        var failed = await supervisor.GetPageAsync(url);
        failed.QuerySelector("#snapshot [data-part=label]")!.TextContent.ShouldBe("失败");
        failed.QuerySelector("#snapshot [data-part=detail]")!.TextContent.ShouldBe(AssessmentSnapshotWorker.GaveUp(2));
        (await RoundAsync(app)).ShouldBe(0, "a failed computation is not taken up again by the job");

        // 重试 queues it with its claims counted from zero; it is computed.
        (await supervisor.SubmitAsync(failed, url, new Dictionary<string, string>(), formSelector: "#recompute-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RoundAsync(app)).ShouldBe(1);
        row = await RowAsync(app, "2025Q1");
        (row.State, row.Failure, row.Claims, row.Attempts).ShouldBe((RenderJobState.Done, (string?)null, 1, 5));
    }

    /// <summary>Stands for nodes that claimed the computation <paramref name="claims"/> times since it was queued, the last one now, and died.</summary>
    private static Task<int> DiedAsync(GongkaiApp app, int claims)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        return ApplicantCases.QueryAsync(app, db => db.AssessmentSnapshots.ExecuteUpdateAsync(u => u
            .SetProperty(s => s.State, RenderJobState.Running).SetProperty(s => s.ClaimedBy, "dead-node").SetProperty(s => s.ClaimedAtUtc, now)
            .SetProperty(s => s.Claims, claims).SetProperty(s => s.Attempts, s => s.Attempts + claims)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_nodes_on_one_database_compute_each_queued_ranking_exactly_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = Large(new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false));
        await using var second = Large(new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false));
        _ = first.Services;
        _ = second.Services;
        using var supervisor = first.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        (await supervisor.SubmitAsync("/supervision/schemes?kind=Quarter", AssessmentTests.SchemeForm("2024Q1"), formSelector: "#scheme-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        string[] periods = ["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2"];
        foreach (var period in periods)
        {
            (await supervisor.GetPageAsync($"/supervision/assessment?period={period}")).QuerySelector("#snapshot [data-part=label]")!.TextContent.ShouldBe("排队中");
        }

        var rounds = await Task.WhenAll(Task.Run(() => RoundAsync(first)), Task.Run(() => RoundAsync(second)));

        rounds.Sum().ShouldBe(periods.Length);
        await using var db = database.CreateContext();
        var rows = await db.AssessmentSnapshots.AsNoTracking().ToListAsync();
        rows.Select(r => r.PeriodKey).Order(StringComparer.Ordinal).ShouldBe(periods);
        rows.ShouldAllBe(r => r.State == RenderJobState.Done && r.Attempts == 1, "each computed by exactly one node");
        (await Task.WhenAll(RoundAsync(first), RoundAsync(second))).ShouldBe([0, 0], "nothing is computed twice");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_ranking_of_more_than_a_hundred_agencies_is_shown_a_hundred_at_a_time_and_exported_whole(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Large(new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false));
        await ApplicantCases.QueryAsync(app, async db =>
        {
            var county = await db.Agencies.Where(a => a.Name == "示范县教育局").Select(a => a.RegionId).SingleAsync();
            db.Agencies.AddRange(Enumerable.Range(1, 100).Select(i => new Gongkai.Data.Agencies.Agency
            {
                Id = Guid.NewGuid(), RegionId = county, Name = $"示范县第{i:000}号机关", Kind = Gongkai.Data.Agencies.AgencyKind.Department, SortOrder = 1000 + i,
            }));
            return await db.SaveChangesAsync();
        });
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        (await supervisor.SubmitAsync("/supervision/schemes?kind=Quarter", AssessmentTests.SchemeForm("2025Q1"), formSelector: "#scheme-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        _ = await supervisor.GetPageAsync("/supervision/assessment?period=2025Q1");
        (await RoundAsync(app)).ShouldBe(1);

        var first = await supervisor.GetPageAsync("/supervision/assessment?period=2025Q1");
        first.QuerySelectorAll("#ranking tbody tr").Length.ShouldBe(100);
        first.QuerySelector("#ranking-range")!.TextContent.ShouldBe("第 1–100 个，共 105 个机关；下载的 Excel 和 CSV 含全部机关。");
        var next = first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;
        next.ShouldEndWith("&page=2#ranking");
        var second = await supervisor.GetPageAsync(next.Split('#')[0]);
        second.QuerySelectorAll("#ranking tbody tr").Length.ShouldBe(5);
        second.QuerySelector("#ranking-range")!.TextContent.ShouldStartWith("第 101–105 个");
        (await supervisor.GetPageAsync(next.Split('#')[0].Replace("page=2", "page=99", StringComparison.Ordinal))).QuerySelectorAll("#ranking tbody tr").Length.ShouldBe(5, "a page past the end shows the last");
        (await supervisor.GetPageAsync(next.Split('#')[0].Replace("page=2", "page=-1", StringComparison.Ordinal))).QuerySelectorAll("#ranking tbody tr").Length.ShouldBe(100);
        var csv = (await supervisor.GetStringAsync(new Uri("/supervision/assessment?handler=csv&period=2025Q1", UriKind.Relative))).TrimStart('\uFEFF');
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(106, "a header and every agency");
    }

    /// <summary>Every region is computed in the background; the job runs only when the test says.</summary>
    private static GongkaiApp Large(GongkaiApp app)
    {
        app.Settings["ScheduledJobs:Enabled"] = "false";
        app.Settings["Supervision:AssessmentInlineAgencies"] = "0";
        return app;
    }

    private static List<string[]> Cells(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#ranking tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray())];

    internal static async Task<int> RoundAsync(GongkaiApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AssessmentSnapshotWorker>().RunAsync(CancellationToken.None);
    }

    private static Task<AssessmentSnapshotRecord> RowAsync(GongkaiApp app, string period) =>
        ApplicantCases.QueryAsync(app, db => db.AssessmentSnapshots.AsNoTracking().SingleAsync(s => s.PeriodKey == period));
}

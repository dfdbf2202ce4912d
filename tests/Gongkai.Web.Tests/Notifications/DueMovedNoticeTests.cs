using System.Net.Http.Json;
using Gongkai.Tests.Applications;
using Gongkai.Tests.Data;
using Gongkai.Web.Admin;
using Gongkai.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.Notifications;

/// <summary>
/// Loading a holiday notice that moves an open case's due date tells its handler in the platform (case.due-moved,
/// a template like every event), naming the case and both dates: once per case and move, however many nodes run.
/// </summary>
public class DueMovedNoticeTests
{
    private const string Notice2027 = """
        year,date,kind,name,notice
        2027,2027-01-01,off,元旦,国办发明电〔2026〕9号
        2027,2027-01-02,off,元旦,国办发明电〔2026〕9号
        2027,2027-01-03,off,元旦,国办发明电〔2026〕9号
        """;

    /// <summary>The same notice corrected: 4 January off as well (made up for the test).</summary>
    private const string Notice2027Corrected = Notice2027 + "\n2027,2027-01-04,off,元旦,国办发明电〔2026〕9号\n";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_moved_due_date_is_told_to_the_handler_once_per_case_and_move_with_two_nodes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new TestClock(new DateTimeOffset(2026, 12, 4, 2, 0, 0, TimeSpan.Zero));
        await using var first = new GongkaiApp(database, clock: clock, demoCases: false, demoCatalog: false);
        await using var second = new GongkaiApp(database, clock: clock, demoCases: false, demoCatalog: false);
        first.Settings["ScheduledJobs:Enabled"] = "false";
        second.Settings["ScheduledJobs:Enabled"] = "false";
        _ = second.Services;
        var agencyId = await first.AgencyIdAsync(Desk.Education);
        using var applicant = first.CreateClient();
        foreach (var name in new[] { "刘晓明", "王五" })
        {
            var submitted = await applicant.PostAsJsonAsync(new Uri("/api/applications", UriKind.Relative), Desk.OnlineApplication(agencyId, name), Desk.Json);
            submitted.EnsureSuccessStatusCode();
        }

        (await Task.WhenAll(Task.Run(() => RunAsync(first)), Task.Run(() => RunAsync(second)))).Sum().ShouldBe(0, "nothing moved yet");
        await LoadAsync(first, Notice2027, 2);
        (await Task.WhenAll(Task.Run(() => RunAsync(first)), Task.Run(() => RunAsync(second)))).Sum().ShouldBe(2, "each case told by exactly one node");
        (await Task.WhenAll(RunAsync(first), RunAsync(second))).ShouldBe([0, 0], "told once");

        await LoadAsync(first, Notice2027Corrected, 2);
        (await Task.WhenAll(Task.Run(() => RunAsync(first)), Task.Run(() => RunAsync(second)))).Sum().ShouldBe(2, "a second move is told again");
        (await Task.WhenAll(RunAsync(first), RunAsync(second))).ShouldBe([0, 0]);

        var told = await ApplicantCases.QueryAsync(first, db => (
            from n in db.Notifications.AsNoTracking()
            where n.Event == "case.due-moved"
            join u in db.Users on n.UserId equals u.Id
            select new { n.CreatedAtUtc, u.UserName, n.Channel, n.Subject, n.Body, n.Url }).ToListAsync());
        told.Select(n => $"{n.UserName} {n.Channel} {n.Subject}｜{n.Body}").Order(StringComparer.Ordinal).ShouldBe(
        [
            "handler InApp 申请 2026-0001 的答复期限已调整｜节假日安排已载入，申请 2026-0001（刘晓明）的答复期限由 2027年1月1日 调整为 2027年1月4日，请按新的期限办理。",
            "handler InApp 申请 2026-0001 的答复期限已调整｜节假日安排已载入，申请 2026-0001（刘晓明）的答复期限由 2027年1月1日 调整为 2027年1月5日，请按新的期限办理。",
            "handler InApp 申请 2026-0002 的答复期限已调整｜节假日安排已载入，申请 2026-0002（王五）的答复期限由 2027年1月1日 调整为 2027年1月4日，请按新的期限办理。",
            "handler InApp 申请 2026-0002 的答复期限已调整｜节假日安排已载入，申请 2026-0002（王五）的答复期限由 2027年1月1日 调整为 2027年1月5日，请按新的期限办理。",
        ]);
        told.ShouldAllBe(n => n.Url!.StartsWith("/applications/", StringComparison.Ordinal));
        NotificationEvents.Find("case.due-moved")!.Name.ShouldBe("答复期限已调整");
    }

    [Fact]
    public async Task A_case_opened_before_the_job_runs_is_not_told_again()
    {
        await using var database = await TestDatabase.CreateAsync(Gongkai.Data.DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(new DateTimeOffset(2026, 12, 4, 2, 0, 0, TimeSpan.Zero)), demoCases: false, demoCatalog: false);
        app.Settings["ScheduledJobs:Enabled"] = "false";
        using var applicant = app.CreateClient();
        (await applicant.PostAsJsonAsync(new Uri("/api/applications", UriKind.Relative), Desk.OnlineApplication(await app.AgencyIdAsync(Desk.Education)), Desk.Json)).EnsureSuccessStatusCode();
        var id = await ApplicantCases.QueryAsync(app, db => db.Applications.Select(a => a.Id).SingleAsync());
        await LoadAsync(app, Notice2027, 1);
        using var handler = await app.SignedInAsync("handler");
        await handler.GetPageAsync($"/applications/{id}");

        (await RunAsync(app)).ShouldBe(0, "the handler has seen the new date on the case page");
    }

    private static async Task LoadAsync(GongkaiApp app, string csv, int expectedMoves)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var plan = await scope.ServiceProvider.GetRequiredService<CalendarImport>().ApplyAsync(csv);
        plan.Error.ShouldBeNull();
        plan.Moves.Count.ShouldBe(expectedMoves);
    }

    private static async Task<int> RunAsync(GongkaiApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DueReminders>().RunAsync(CancellationToken.None);
    }
}

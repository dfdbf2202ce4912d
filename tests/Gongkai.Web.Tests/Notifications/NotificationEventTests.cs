using System.Net;
using System.Net.Http.Json;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Tests.Applications;
using Gongkai.Tests.Data;
using Gongkai.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.Notifications;

/// <summary>Platform events become outbox rows: who is told, on which channel, in which words, and reminders made once.</summary>
public class NotificationEventTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_sign_off_tells_the_reviewer_the_handler_and_the_applicant_who_agreed(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, demoCases: false);
        var agencyId = await ApplicantCases.AgencyIdAsync(app);
        using var citizen = app.CreateClient();
        var submitted = await citizen.PostAsJsonAsync(new Uri("/api/applications", UriKind.Relative), new
        {
            agencyId,
            applicantType = "NaturalPerson",
            applicantName = "王五",
            idDocumentType = "ResidentIdCard",
            idNumber = "11010519491231002X",
            phone = "13812345678",
            email = "wangwu@example.cn",
            description = "示范县2023年度义务教育阶段学校名单",
            requestedForm = "Electronic",
            deliveryPreference = "Online",
            notify = "Email",
        }, Desk.Json);
        submitted.StatusCode.ShouldBe(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var application = await ApplicantCases.QueryAsync(app, db => db.Applications.AsNoTracking().SingleAsync());
        application.Notify.ShouldBe(ApplicantNotice.Email);
        await ApplicantCases.AppendAsync(app, application.Id, at => new Registered(at, ApplicantCases.Handler));

        using var handler = await app.SignedInAsync("handler");
        using var reviewer = await app.SignedInAsync("reviewer");
        var drafted = await handler.PostAsJsonAsync(new Uri($"/api/applications/{application.Id}/letters", UriKind.Relative), new { kind = "Reply.Granted" }, Desk.Json);
        drafted.StatusCode.ShouldBe(HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        var url = $"/api/applications/{application.Id}/letters/{(await drafted.JsonAsync()).GetProperty("id").GetGuid()}";
        await StepAsync(app, handler, url + "/submit", null);
        await StepAsync(app, reviewer, url + "/return", new { reason = "请写明公开信息的获取方式。" });
        await StepAsync(app, handler, url + "/submit", null);
        await StepAsync(app, reviewer, url + "/approve", null);
        await StepAsync(app, handler, url + "/issue", new { delivery = "Electronic" });

        var rows = await RowsAsync(app);
        rows.ShouldBe(
        [
            "applicant.receipt Email wangwu@example.cn 您的政府信息公开申请已收到",
            "application.received InApp handler 新的在线申请 2024-0001",
            "letter.submitted InApp reviewer 示范县教育局政府信息公开申请答复书待审批（申请 2024-0001）",
            "letter.returned InApp handler 示范县教育局政府信息公开申请答复书被退回（申请 2024-0001）",
            "letter.submitted InApp reviewer 示范县教育局政府信息公开申请答复书待审批（申请 2024-0001）",
            "applicant.reply Email wangwu@example.cn 您的政府信息公开申请已答复",
        ]);
        var bodies = await ApplicantCases.QueryAsync(app, db => db.Notifications.AsNoTracking().Select(n => new { n.CreatedAtUtc, n.Event, n.Body }).ToListAsync());
        bodies = [.. bodies.OrderBy(b => b.CreatedAtUtc).ThenBy(b => b.Event, StringComparer.Ordinal)];
        bodies[0].Body.ShouldBe($"王五：示范县教育局已收到您的政府信息公开申请，编号 2024-0001，查询码 {application.ReceiptCode}，答复期限 2024年7月15日。");
        bodies[3].Body.ShouldBe("李华（审核人）退回了申请 2024-0001 的示范县教育局政府信息公开申请答复书，退回理由：请写明公开信息的获取方式。");
        bodies[5].Body.ShouldBe($"王五：示范县教育局已对您的申请 2024-0001 作出答复（示范县教育局政府信息公开申请答复书），请凭查询码 {application.ReceiptCode} 在政府信息公开平台查看。");
    }

    [Fact]
    public async Task An_applicant_who_did_not_agree_is_told_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false);
        var online = await ApplicantCases.ReceiveAsync(app);
        online.Notify.ShouldBe(ApplicantNotice.None);
        (await RowsAsync(app)).ShouldBe(["application.received InApp handler 新的在线申请 2024-0001"]);

        await ApplicantCases.AppendAsync(app, online.Id, at => new Registered(at, ApplicantCases.Handler));
        using var handler = await app.SignedInAsync("handler");
        var correction = await handler.ActAsync(online.Id, "request-correction", new { items = "请写明学校所在乡镇。", correctBy = "2024-07-01" });
        correction.StatusCode.ShouldBe(HttpStatusCode.OK, await correction.Content.ReadAsStringAsync());
        (await RowsAsync(app)).Count.ShouldBe(1, "no consent, no notice of the correction");
    }

    [Fact]
    public void Quiet_hours_hold_email_and_sms_until_eight_in_the_morning_china_time()
    {
        var options = new NotificationOptions();
        options.NotBefore(new DateTime(2024, 6, 17, 2, 0, 0, DateTimeKind.Utc)).ShouldBe(new DateTime(2024, 6, 17, 2, 0, 0, DateTimeKind.Utc), "10:00 is not quiet");
        options.NotBefore(new DateTime(2024, 6, 17, 13, 30, 0, DateTimeKind.Utc)).ShouldBe(new DateTime(2024, 6, 18, 0, 0, 0, DateTimeKind.Utc), "21:30 waits for 08:00 next day");
        options.NotBefore(new DateTime(2024, 6, 17, 18, 0, 0, DateTimeKind.Utc)).ShouldBe(new DateTime(2024, 6, 18, 0, 0, 0, DateTimeKind.Utc), "02:00 waits for 08:00 the same day");
        options.NotBefore(new DateTime(2024, 6, 18, 0, 0, 0, DateTimeKind.Utc)).ShouldBe(new DateTime(2024, 6, 18, 0, 0, 0, DateTimeKind.Utc), "08:00 is the end");
        new NotificationOptions { QuietFrom = "12:00", QuietUntil = "14:00" }.NotBefore(new DateTime(2024, 6, 17, 4, 30, 0, DateTimeKind.Utc))
            .ShouldBe(new DateTime(2024, 6, 17, 6, 0, 0, DateTimeKind.Utc), "12:30 waits for 14:00");
        new NotificationOptions { QuietFrom = "" }.NotBefore(new DateTime(2024, 6, 17, 15, 0, 0, DateTimeKind.Utc)).ShouldBe(new DateTime(2024, 6, 17, 15, 0, 0, DateTimeKind.Utc), "none configured");
    }

    [Fact]
    public async Task Due_soon_reminders_count_working_days_on_the_calendar_across_national_day()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        var clock = new TestClock(new DateTimeOffset(2024, 9, 3, 2, 0, 0, TimeSpan.Zero));
        await using var app = new GongkaiApp(database, clock: clock, demoCases: false);
        app.Settings["ScheduledJobs:Enabled"] = "false";
        var application = await ApplicantCases.ReceiveAsync(app);
        application.DueOn.ShouldBe(new DateOnly(2024, 10, 8), "20 working days after 09-03, with 中秋 and 国庆 off and 09-14, 09-29 worked");

        clock.Now = new DateTimeOffset(2024, 9, 26, 2, 0, 0, TimeSpan.Zero);
        (await RemindAsync(app)).ShouldBe(0, "four working days left on 09-26: 09-27, 09-29, 09-30, 10-08");
        clock.Now = new DateTimeOffset(2024, 9, 27, 2, 0, 0, TimeSpan.Zero);
        (await RemindAsync(app)).ShouldBe(1, "three working days left on 09-27");
        (await RemindAsync(app)).ShouldBe(0, "reminded once");
        clock.Now = new DateTimeOffset(2024, 10, 9, 2, 0, 0, TimeSpan.Zero);
        (await RemindAsync(app)).ShouldBe(1, "overdue on 10-09");
        (await RemindAsync(app)).ShouldBe(0);

        var reminders = await ApplicantCases.QueryAsync(app, db => db.Notifications.AsNoTracking().Where(n => n.Event != "application.received").OrderBy(n => n.CreatedAtUtc).Select(n => n.Body).ToListAsync());
        reminders.ShouldBe(
        [
            "申请 2024-0001（张三）的答复期限为 2024年10月8日，还剩3个工作日，尚未答复。",
            "申请 2024-0001（张三）已超过答复期限 2024年10月8日，尚未答复。",
        ]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_nodes_reminding_at_the_same_moment_make_each_reminder_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new TestClock(new DateTimeOffset(2024, 9, 3, 2, 0, 0, TimeSpan.Zero));
        await using var first = new GongkaiApp(database, clock: clock, demoCases: false, demoCatalog: false);
        await using var second = new GongkaiApp(database, clock: clock, demoCases: false, demoCatalog: false);
        first.Settings["ScheduledJobs:Enabled"] = "false";
        second.Settings["ScheduledJobs:Enabled"] = "false";
        _ = first.Services;
        _ = second.Services;
        for (var i = 0; i < 8; i++)
        {
            await ApplicantCases.ReceiveAsync(first, applicant: "申请人" + i);
        }

        clock.Now = new DateTimeOffset(2024, 10, 9, 2, 0, 0, TimeSpan.Zero);
        var made = await Task.WhenAll(Task.Run(() => RemindAsync(first)), Task.Run(() => RemindAsync(second)));

        made.Sum().ShouldBe(8, "each case's overdue reminder made by exactly one node");
        var overdue = await ApplicantCases.QueryAsync(first, db => db.Notifications.AsNoTracking().Where(n => n.Event == "case.overdue").CountAsync());
        overdue.ShouldBe(8);
        (await Task.WhenAll(RemindAsync(first), RemindAsync(second))).ShouldBe([0, 0]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cases_reminded_in_earlier_rounds_do_not_hide_the_cases_after_them(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new TestClock(new DateTimeOffset(2024, 9, 3, 2, 0, 0, TimeSpan.Zero));
        await using var app = new GongkaiApp(database, clock: clock, demoCases: false, demoCatalog: false);
        app.Settings["ScheduledJobs:Enabled"] = "false";
        app.Settings["Notifications:RemindBatch"] = "2";
        for (var i = 0; i < 5; i++)
        {
            await ApplicantCases.ReceiveAsync(app, applicant: "申请人" + i);
        }

        clock.Now = new DateTimeOffset(2024, 10, 9, 2, 0, 0, TimeSpan.Zero);
        (await RemindAsync(app)).ShouldBe(2, "a round makes at most two");
        (await RemindAsync(app)).ShouldBe(2, "the next round walks past the two already reminded");
        (await RemindAsync(app)).ShouldBe(1);
        (await RemindAsync(app)).ShouldBe(0);
        var reminded = await ApplicantCases.QueryAsync(app, db => db.Notifications.AsNoTracking().Where(n => n.Event == "case.overdue").Select(n => n.Body).ToListAsync());
        reminded.Order(StringComparer.Ordinal).ShouldBe(
        [
            "申请 2024-0001（申请人0）已超过答复期限 2024年10月8日，尚未答复。",
            "申请 2024-0002（申请人1）已超过答复期限 2024年10月8日，尚未答复。",
            "申请 2024-0003（申请人2）已超过答复期限 2024年10月8日，尚未答复。",
            "申请 2024-0004（申请人3）已超过答复期限 2024年10月8日，尚未答复。",
            "申请 2024-0005（申请人4）已超过答复期限 2024年10月8日，尚未答复。",
        ]);
    }

    private static async Task<int> RemindAsync(GongkaiApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DueReminders>().RunAsync(CancellationToken.None);
    }

    /// <summary>The outbox in order (rows of one moment by event): event, channel, recipient (user name or address), subject.</summary>
    private static async Task<List<string>> RowsAsync(GongkaiApp app)
    {
        var rows = await ApplicantCases.QueryAsync(app, db => (
            from n in db.Notifications.AsNoTracking()
            join u in db.Users on n.UserId equals u.Id into users
            from u in users.DefaultIfEmpty()
            select new { n.CreatedAtUtc, n.Event, n.Channel, To = u != null ? u.UserName : n.Address, n.Subject }).ToListAsync());
        return [.. rows.OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Event, StringComparer.Ordinal).ThenBy(r => r.Channel).Select(r => $"{r.Event} {r.Channel} {r.To} {r.Subject}")];
    }

    private static async Task StepAsync(GongkaiApp app, HttpClient client, string url, object? body)
    {
        app.Clock.Now = app.Clock.Now.AddMinutes(1);
        var response = await client.PostAsJsonAsync(new Uri(url, UriKind.Relative), body ?? new { }, Desk.Json);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}

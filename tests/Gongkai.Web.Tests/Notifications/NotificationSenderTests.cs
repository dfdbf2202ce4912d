using Gongkai.Data;
using Gongkai.Data.Notifications;
using Gongkai.Tests.Data;
using Gongkai.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.Notifications;

/// <summary>The outbox: two nodes on one database send each notification once; the scheduled job host runs the sender by itself.</summary>
public class NotificationSenderTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_nodes_sending_at_the_same_moment_send_each_notification_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        await using var second = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        first.Settings["ScheduledJobs:Enabled"] = "false";
        second.Settings["ScheduledJobs:Enabled"] = "false";
        _ = first.Services;
        _ = second.Services;
        var ids = await EnqueueAsync(database, first.Clock.GetUtcNow().UtcDateTime, 60);

        var rounds = await Task.WhenAll(Task.Run(() => RoundAsync(first)), Task.Run(() => RoundAsync(second)));

        rounds.Sum().ShouldBe(60, "every notification sent by exactly one node");
        await using var db = database.CreateContext();
        var rows = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id)).ToListAsync();
        rows.Count(n => n.SentAtUtc != null && n.ClaimedBy != null && n.Failure == null).ShouldBe(60);
        rows.Select(n => n.ClaimedBy).Distinct().Count().ShouldBeInRange(1, 2);
        (await Task.WhenAll(RoundAsync(first), RoundAsync(second))).ShouldBe([0, 0], "nothing is sent twice");
    }

    [Fact]
    public async Task The_scheduled_job_host_sends_what_is_due_and_keeps_what_is_not_yet()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        app.Settings["Notifications:SendEvery"] = "00:00:00.200";
        _ = app.Services;
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var due = (await EnqueueAsync(database, now, 1)).Single();
        var quiet = (await EnqueueAsync(database, now.AddHours(8), 1)).Single();

        await using var db = database.CreateContext();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await db.Notifications.AsNoTracking().Where(n => n.Id == due).Select(n => n.SentAtUtc).SingleAsync() is null)
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(2), "the host never ran the sender");
            await Task.Delay(100);
        }

        (await db.Notifications.AsNoTracking().Where(n => n.Id == quiet).Select(n => n.ClaimedBy).SingleAsync()).ShouldBeNull("not before its time");
    }

    private static async Task<int> RoundAsync(GongkaiApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NotificationSender>().RunAsync(CancellationToken.None);
    }

    private static async Task<List<Guid>> EnqueueAsync(TestDatabase database, DateTime notBefore, int count)
    {
        await using var db = database.CreateContext();
        var rows = Enumerable.Range(1, count).Select(i => new Notification
        {
            Id = Guid.NewGuid(),
            Event = "application.received",
            Channel = NotificationChannel.Sms,
            Address = "13800138000",
            Subject = "收到政府信息公开申请",
            Body = $"您的申请已收到（{i}）。",
            CreatedAtUtc = notBefore,
            NotBeforeUtc = notBefore,
        }).ToList();
        db.Notifications.AddRange(rows);
        await db.SaveChangesAsync();
        return [.. rows.Select(r => r.Id)];
    }
}

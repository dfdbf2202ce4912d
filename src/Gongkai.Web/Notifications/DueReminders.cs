using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Data.Notifications;
using Gongkai.Web.Applications;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Notifications;

/// <summary>
/// The scheduled job that reminds handlers of open cases due within <see cref="NotificationOptions.RemindWorkingDays"/>
/// working days (counted on the case engine's calendar, so a due date after a holiday is reminded of before the
/// holiday) and of cases past their due date. Each reminder is made once per case and due date: under the key
/// "case.due-soon:{case}:{due date}" inserted in the transaction that adds its notifications, so a second node making
/// the same reminder at once fails on the key and adds nothing; a due date that moves is reminded of again.
/// It also tells the handler of a due date that loading a holiday notice moved (<see cref="ApplicationRecord.DueMovedFrom"/>,
/// until someone acting on the case has opened it), once per case and move: under "case.due-moved:{case}:{from}:{to}".
/// </summary>
public sealed class DueReminders(GongkaiDbContext db, Notifier notifier, CaseRulesProvider rulesProvider, TimeProvider clock, IOptions<NotificationOptions> options) : IScheduledJob
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var rules = await rulesProvider.GetAsync(cancellationToken);
        var today = ChinaTime.Today(clock);

        // At most N working days after today ⇔ before the (N+1)-th working day after today (as the queue's 即将到期).
        var limit = rules.Calendar.AddWorkingDays(today, Math.Max(0, options.Value.RemindWorkingDays) + 1);
        var dueSoon = await CandidatesAsync(db.Applications.Open().Where(a => a.DueOn != null && a.DueOn >= today && a.DueOn < limit), NotificationEvents.DueSoon, ReminderKeyOf(NotificationEvents.DueSoon), cancellationToken);
        var overdue = await CandidatesAsync(db.Applications.Overdue(today), NotificationEvents.Overdue, ReminderKeyOf(NotificationEvents.Overdue), cancellationToken);
        var made = 0;
        foreach (var (id, notificationEvent, key) in dueSoon.Concat(overdue).Concat(await MovedAsync(cancellationToken)))
        {
            if (await RemindAsync(id, notificationEvent, key, rules.Calendar, today, cancellationToken))
            {
                made++;
            }
        }

        return made;
    }

    /// <summary>The open cases whose due date a holiday notice moved and whose handler was not told of this move yet.</summary>
    private Task<List<(Guid Id, NotificationEvent Event, string Key)>> MovedAsync(CancellationToken cancellationToken) =>
        CandidatesAsync(db.Applications.Open().Where(a => a.DueMovedFrom != null), NotificationEvents.DueMoved,
            (id, due, movedFrom) => MovedKey(id, movedFrom!.Value, due), cancellationToken);

    public static string MovedKey(Guid applicationId, DateOnly from, DateOnly to) =>
        $"{NotificationEvents.DueMoved.Key}:{applicationId:N}:{Gongkai.Calendar.DateText.Iso(from)}:{Gongkai.Calendar.DateText.Iso(to)}";

    /// <summary>
    /// Up to <see cref="NotificationOptions.RemindBatch"/> cases of <paramref name="cases"/> not yet reminded of for their
    /// current due date, with the key each reminder takes. The cases are walked in pages by (due date, id), skipping
    /// those already reminded, so cases reminded in earlier rounds never hide the ones after them.
    /// </summary>
    private async Task<List<(Guid Id, NotificationEvent Event, string Key)>> CandidatesAsync(
        IQueryable<ApplicationRecord> cases, NotificationEvent notificationEvent, Func<Guid, DateOnly, DateOnly?, string> keyOf, CancellationToken cancellationToken)
    {
        var batch = Math.Max(1, options.Value.RemindBatch);
        var candidates = new List<(Guid Id, NotificationEvent Event, string Key)>();
        DateOnly? afterDue = null;
        var afterId = Guid.Empty;
        while (candidates.Count < batch)
        {
            var page = cases.Where(a => a.DueOn != null);
            if (afterDue is { } due)
            {
                var id = afterId;
                page = page.Where(a => a.DueOn > due || (a.DueOn == due && a.Id.CompareTo(id) > 0));
            }

            var found = await page.OrderBy(a => a.DueOn).ThenBy(a => a.Id).Take(batch)
                .Select(a => new { a.Id, a.DueOn, a.DueMovedFrom }).ToListAsync(cancellationToken);
            if (found.Count == 0)
            {
                break;
            }

            var keyed = found.Select(a => (a.Id, notificationEvent, Key: keyOf(a.Id, a.DueOn!.Value, a.DueMovedFrom))).ToList();
            var keys = keyed.Select(k => k.Key).ToList();
            var done = (await db.NotificationKeys.AsNoTracking().Where(k => keys.Contains(k.Key)).Select(k => k.Key).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            candidates.AddRange(keyed.Where(k => !done.Contains(k.Key)).Take(batch - candidates.Count));
            if (found.Count < batch)
            {
                break;
            }

            afterDue = found[^1].DueOn;
            afterId = found[^1].Id;
        }

        return candidates;
    }

    private static Func<Guid, DateOnly, DateOnly?, string> ReminderKeyOf(NotificationEvent notificationEvent) =>
        (id, due, _) => Key(notificationEvent, id, due);

    public static string Key(NotificationEvent notificationEvent, Guid applicationId, DateOnly dueOn)
    {
        ArgumentNullException.ThrowIfNull(notificationEvent);
        return $"{notificationEvent.Key}:{applicationId:N}:{Gongkai.Calendar.DateText.Iso(dueOn)}";
    }

    private async Task<bool> RemindAsync(Guid id, NotificationEvent notificationEvent, string key, Gongkai.Calendar.WorkingCalendar calendar, DateOnly today, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.NotificationKeys.Add(new NotificationKey { Key = key, CreatedAtUtc = clock.GetUtcNow().UtcDateTime });
        var left = application.DueOn is { } due ? calendar.WorkingDaysBetween(today, due) : 0;
        await notifier.AddAsync(notificationEvent, application, new Dictionary<string, string>
        {
            ["剩余工作日"] = left.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["原答复期限"] = application.DueMovedFrom is { } from ? Gongkai.Calendar.DateText.Chinese(from) : "",
        }, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node made this reminder at the same moment: its key is taken, nothing of ours is kept.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return false;
        }
    }
}

using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Work;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Applications;

/// <summary>
/// 工作台's applications beyond the queue lists the work page draws itself (overdue and due soon, awaiting
/// correction, not yet registered, mine): corrections the applicant sent that nobody has acted on since, and cases
/// whose due date moved when a holiday notice was loaded (the member's own and unassigned ones, until opened). The
/// count for the navigation is what needs a handler's action: overdue, not registered, corrections received, moved
/// due dates, and for the reviewer extension requests.
/// </summary>
public sealed class ApplicationInbox(GongkaiDbContext db, Staff staff, CaseAccess access, CaseRulesProvider rulesProvider, TimeProvider clock) : IInboxSource
{
    public async Task<IReadOnlyList<InboxSection>> SectionsAsync(CancellationToken cancellationToken)
    {
        if (!access.CanAct(staff.AgencyId))
        {
            return [];
        }

        var query = CorrectionsReceived();
        var count = await query.CountAsync(cancellationToken);
        var ids = await query.OpenPageIdsAsync(0, InboxSources.ListLength, cancellationToken);
        var rules = await rulesProvider.GetAsync(cancellationToken);
        var items = await QueueQuery.ItemsAsync(db, ids, staff.AgencyId, ChinaTime.Today(clock), rules, cancellationToken);
        var entries = items.Select(i =>
        {
            var badge = CaseLabels.Badge(i.DeadlineStatus);
            return new InboxEntry($"/applications/{i.Id}", $"{i.Number} · {Short(i.Description)}", null, "答复期限 " + Gongkai.Calendar.DateText.Iso(i.DueOn) + Gongkai.Calendar.ProvisionalDate.Mark(i.DueIsProvisional), (badge.Text, badge.CssClass));
        }).ToList();
        var moved = DueMoved();
        var movedCount = await moved.CountAsync(cancellationToken);
        var movedRows = await moved.OrderBy(a => a.DueOn).Take(InboxSources.ListLength)
            .Select(a => new { a.Id, a.Number, a.Description, a.DueMovedFrom, a.DueOn, a.DueIsProvisional }).ToListAsync(cancellationToken);
        var movedEntries = movedRows.Select(a => new InboxEntry(
            $"/applications/{a.Id}",
            $"{a.Number} · {Short(a.Description)}",
            $"节假日安排载入后，答复期限由 {Gongkai.Calendar.DateText.Iso(a.DueMovedFrom)} 调整为 {Gongkai.Calendar.DateText.Iso(a.DueOn)}{Gongkai.Calendar.ProvisionalDate.Mark(a.DueIsProvisional)}",
            "答复期限 " + Gongkai.Calendar.DateText.Iso(a.DueOn) + Gongkai.Calendar.ProvisionalDate.Mark(a.DueIsProvisional))).ToList();
        var awaiting = AwaitingConfirmation();
        var awaitingCount = await awaiting.CountAsync(cancellationToken);
        var awaitingRows = await awaiting.OrderBy(a => a.ArrivedOn).ThenBy(a => a.Number).Take(InboxSources.ListLength)
            .Select(a => new { a.Id, a.Number, a.Description, a.ArrivedOn }).ToListAsync(cancellationToken);
        var awaitingEntries = awaitingRows.Select(a => new InboxEntry(
            $"/applications/{a.Id}",
            $"{a.Number} · {Short(a.Description)}",
            "确认收到（登记）之日为收到申请之日，答复期限自该日起算",
            "在线提交 " + Gongkai.Calendar.DateText.Iso(a.ArrivedOn),
            (CaseText.Label(DeadlineStatus.AwaitingConfirmation), CaseLabels.Badge(DeadlineStatus.AwaitingConfirmation).CssClass))).ToList();
        return
        [
            new InboxSection("awaiting-confirmation", "在线申请待确认收到", awaitingCount, awaitingEntries, "没有待确认收到的在线申请。", null, 49),
            new InboxSection("corrections-received", "已收到补正材料、待处理", count, entries, "没有待处理的补正材料。", null, 50),
            new InboxSection("due-moved", "答复期限已调整", movedCount, movedEntries, "没有期限调整的申请。", null, 51),
        ];
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        if (!access.CanAct(staff.AgencyId))
        {
            return 0;
        }

        var today = ChinaTime.Today(clock);
        var cases = db.Applications.AsNoTracking().Where(a => a.AgencyId == staff.AgencyId);
        // Every count reads open cases only, along the partial index of open cases (IX_Applications_Open).
        var count = await cases.Overdue(today).CountAsync(cancellationToken)
            + await cases.Open().CountAsync(a => a.State == CaseState.Received, cancellationToken)
            + await CorrectionsReceived().CountAsync(cancellationToken)
            + await DueMoved().CountAsync(cancellationToken);
        if (access.CanApproveExtension(staff.AgencyId))
        {
            count += await cases.ExtensionPending().CountAsync(cancellationToken);
        }

        return count;
    }

    /// <summary>
    /// Online applications to an agency that counts them from its confirmation, not yet confirmed (registered); they
    /// are also among the not-registered cases the navigation counts.
    /// </summary>
    private IQueryable<Data.Applications.ApplicationRecord> AwaitingConfirmation() =>
        db.Applications.AsNoTracking().Where(a => a.AgencyId == staff.AgencyId && a.State == CaseState.Received
            && a.SubmittedOnline && a.Channel == ReceiptChannel.Online && a.ConfirmedOn == null);

    /// <summary>Cases in progress whose last event is the applicant's correction: the period restarted, nobody has acted yet.</summary>
    private IQueryable<Data.Applications.ApplicationRecord> CorrectionsReceived() =>
        db.Applications.AsNoTracking().Where(a => a.AgencyId == staff.AgencyId && a.State == CaseState.InProgress
            && db.ApplicationEvents.Where(e => e.ApplicationId == a.Id).OrderByDescending(e => e.Sequence).Select(e => e.Kind).FirstOrDefault() == nameof(CorrectionReceived));

    /// <summary>Open cases whose due date a holiday notice moved, not yet opened by the member (own or unassigned).</summary>
    private IQueryable<Data.Applications.ApplicationRecord> DueMoved() =>
        db.Applications.AsNoTracking().Open().Where(a => a.AgencyId == staff.AgencyId && a.DueMovedFrom != null
            && (a.HandlerId == null || a.HandlerId == staff.UserId));

    private static string Short(string text) => text.Length > 36 ? text[..36] + "…" : text;
}

using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Work;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Applications;

/// <summary>
/// 工作台's applications beyond the queue lists the work page draws itself (overdue and due soon, awaiting
/// correction, not yet registered, mine): corrections the applicant sent that nobody has acted on since. The count
/// for the navigation is what needs a handler's action: overdue, not registered, corrections received, and for the
/// reviewer extension requests.
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
            return new InboxEntry($"/applications/{i.Id}", $"{i.Number} · {Short(i.Description)}", null, "答复期限 " + Gongkai.Calendar.DateText.Iso(i.DueOn), (badge.Text, badge.CssClass));
        }).ToList();
        return [new InboxSection("corrections-received", "已收到补正材料、待处理", count, entries, "没有待处理的补正材料。", null, 50)];
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        if (!access.CanAct(staff.AgencyId))
        {
            return 0;
        }

        var today = ChinaTime.Today(clock);
        var cases = db.Applications.AsNoTracking().Where(a => a.AgencyId == staff.AgencyId);
        var count = await cases.Open().CountAsync(a => a.DueOn != null && a.DueOn < today, cancellationToken)
            + await cases.CountAsync(a => a.State == CaseState.Received, cancellationToken)
            + await CorrectionsReceived().CountAsync(cancellationToken);
        if (access.CanApproveExtension(staff.AgencyId))
        {
            count += await cases.ExtensionPending().CountAsync(cancellationToken);
        }

        return count;
    }

    /// <summary>Cases in progress whose last event is the applicant's correction: the period restarted, nobody has acted yet.</summary>
    private IQueryable<Data.Applications.ApplicationRecord> CorrectionsReceived() =>
        db.Applications.AsNoTracking().Where(a => a.AgencyId == staff.AgencyId && a.State == CaseState.InProgress
            && db.ApplicationEvents.Where(e => e.ApplicationId == a.Id).OrderByDescending(e => e.Sequence).Select(e => e.Kind).FirstOrDefault() == nameof(CorrectionReceived));

    private static string Short(string text) => text.Length > 36 ? text[..36] + "…" : text;
}

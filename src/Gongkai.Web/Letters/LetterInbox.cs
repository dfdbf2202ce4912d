using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Applications;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Work;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Letters;

/// <summary>
/// 工作台's letters: for the reviewer, letters submitted for approval; for handlers, letters returned with a reason
/// and approved letters waiting to be issued — of the reader's agency.
/// </summary>
public sealed class LetterInbox(GongkaiDbContext db, Staff staff) : IInboxSource
{
    public async Task<IReadOnlyList<InboxSection>> SectionsAsync(CancellationToken cancellationToken)
    {
        var sections = new List<InboxSection>();
        if (staff.IsInRole(Roles.Reviewer))
        {
            sections.Add(await SectionAsync("letters-to-approve", "待审批的文书", LetterStatus.Submitted, "没有等待审批的文书。", 20, cancellationToken));
        }

        if (staff.CanHandleCases)
        {
            sections.Add(await SectionAsync("letters-returned", "被退回的文书", LetterStatus.Returned, "没有被退回的文书。", 40, cancellationToken));
            sections.Add(await SectionAsync("letters-to-issue", "已审批、待签发的文书", LetterStatus.Approved, "没有等待签发的文书。", 41, cancellationToken));
        }

        return sections;
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var statuses = new List<LetterStatus>();
        if (staff.IsInRole(Roles.Reviewer))
        {
            statuses.Add(LetterStatus.Submitted);
        }

        if (staff.CanHandleCases)
        {
            statuses.AddRange([LetterStatus.Returned, LetterStatus.Approved]);
        }

        return statuses.Count == 0 ? 0 : await Mine().CountAsync(l => statuses.Contains(l.Status), cancellationToken);
    }

    private IQueryable<LetterRecord> Mine() => db.Letters.AsNoTracking().Where(l => l.AgencyId == staff.AgencyId);

    private async Task<InboxSection> SectionAsync(string id, string title, LetterStatus status, string empty, int order, CancellationToken cancellationToken)
    {
        var query = Mine().Where(l => l.Status == status);
        var count = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(l => l.UpdatedAtUtc)
            .Join(db.Applications, l => l.ApplicationId, a => a.Id, (l, a) => new { l.Id, l.ApplicationId, l.Kind, l.Title, a.Number, a.DueOn, l.ReturnReason, l.SubmittedByName, l.ApprovedByName })
            .Take(InboxSources.ListLength)
            .ToListAsync(cancellationToken);
        var entries = rows.Select(r => new InboxEntry(
            $"/applications/{r.ApplicationId}/letters/{r.Id}",
            $"{r.Number} · {LetterCatalogue.Find(r.Kind)?.Label ?? r.Kind}",
            status switch
            {
                LetterStatus.Returned => "退回理由：" + r.ReturnReason,
                LetterStatus.Submitted => "提交人：" + r.SubmittedByName,
                _ => "审批人：" + r.ApprovedByName,
            },
            r.DueOn is { } due ? "答复期限 " + Gongkai.Calendar.DateText.Iso(due) : null,
            (LetterStates.Label(status), LetterStates.Css(status)))).ToList();
        return new InboxSection(id, title, count, entries, empty, null, order);
    }
}

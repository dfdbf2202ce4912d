using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Interaction;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Work;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction;

/// <summary>
/// 工作台's low ratings (不满意, 非常不满意) of the reviewer's agency, of messages and of disclosure applications alike,
/// until the reviewer marks them read on <c>/interaction/ratings</c>.
/// </summary>
public sealed class RatingInbox(GongkaiDbContext db, Staff staff) : IInboxSource
{
    public async Task<IReadOnlyList<InboxSection>> SectionsAsync(CancellationToken cancellationToken)
    {
        if (!staff.IsInRole(Roles.Reviewer))
        {
            return [];
        }

        var query = LowUnread();
        var count = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(r => r.RatedAtUtc).Take(InboxSources.ListLength)
            .Select(r => new
            {
                r.Subject, r.SubjectId, r.Level, r.Reason,
                Message = db.Messages.Where(m => m.Id == r.SubjectId).Select(m => m.Title).FirstOrDefault(),
                Application = db.Applications.Where(a => a.Id == r.SubjectId).Select(a => a.Number).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var entries = rows.Select(r => new InboxEntry(
            r.Subject == RatedSubject.Message ? $"/interaction/messages/{r.SubjectId}" : $"/applications/{r.SubjectId}",
            r.Subject == RatedSubject.Message ? "留言：" + r.Message : "申请 " + r.Application,
            "理由：" + r.Reason,
            null,
            (InteractionText.Satisfaction(r.Level), "overdue"))).ToList();
        return [new InboxSection("low-ratings", "差评待阅", count, entries, "没有待阅的差评。", "/interaction/ratings", 26)];
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken) =>
        staff.IsInRole(Roles.Reviewer) ? await LowUnread().CountAsync(cancellationToken) : 0;

    private IQueryable<Data.Interaction.Rating> LowUnread() => db.Ratings.AsNoTracking()
        .Where(r => r.AgencyId == staff.AgencyId && r.ReviewedAtUtc == null && (r.Level == Satisfaction.Dissatisfied || r.Level == Satisfaction.VeryDissatisfied));
}

using Gongkai.Calendar;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Catalog;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Work;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Catalog;

/// <summary>
/// 工作台's catalogue: for the reviewer, items waiting for the confidentiality review or approval; for the
/// publisher, approved items to publish with their 条例第二十六条 deadline (20 working days from formation), the
/// earliest first, marked 暂定 where the holiday notice of a year it touches is not loaded.
/// </summary>
public sealed class CatalogInbox(GongkaiDbContext db, Staff staff, CaseRulesProvider rulesProvider, TimeProvider clock) : IInboxSource
{
    public async Task<IReadOnlyList<InboxSection>> SectionsAsync(CancellationToken cancellationToken)
    {
        var sections = new List<InboxSection>();
        if (staff.IsInRole(Roles.Reviewer))
        {
            sections.Add(await SectionAsync("catalog-review", "待保密审查的目录信息", CatalogStatus.InConfidentialityReview, "没有等待保密审查的信息。", 30, cancellationToken));
            sections.Add(await SectionAsync("catalog-approval", "待审批的目录信息", CatalogStatus.AwaitingApproval, "没有等待审批的信息。", 31, cancellationToken));
        }

        if (staff.IsInRole(Roles.Publisher))
        {
            sections.Add(await SectionAsync("catalog-publish", "待发布的目录信息（公开时限）", CatalogStatus.Approved, "没有等待发布的信息。", 10, cancellationToken));
        }

        return sections;
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var statuses = new List<CatalogStatus>();
        if (staff.IsInRole(Roles.Reviewer))
        {
            statuses.AddRange([CatalogStatus.InConfidentialityReview, CatalogStatus.AwaitingApproval]);
        }

        if (staff.IsInRole(Roles.Publisher))
        {
            statuses.Add(CatalogStatus.Approved);
        }

        return statuses.Count == 0 ? 0 : await Mine().CountAsync(i => statuses.Contains(i.Status), cancellationToken);
    }

    private IQueryable<CatalogItem> Mine() => db.CatalogItems.AsNoTracking().Where(i => i.AgencyId == staff.AgencyId);

    private async Task<InboxSection> SectionAsync(string id, string title, CatalogStatus status, string empty, int order, CancellationToken cancellationToken)
    {
        var query = Mine().Where(i => i.Status == status);
        var count = await query.CountAsync(cancellationToken);

        // The Art. 26 period runs from formation, so the earliest formed is the earliest due.
        var rows = await query.OrderBy(i => i.FormedOn).ThenBy(i => i.Title)
            .Select(i => new { i.Id, i.Title, i.IndexNumber, i.FormedOn, i.DraftedByName })
            .Take(InboxSources.ListLength)
            .ToListAsync(cancellationToken);
        var calendar = (await rulesProvider.GetAsync(cancellationToken)).Calendar;
        var today = ChinaTime.Today(clock);
        var entries = rows.Select(r =>
        {
            var deadline = PublicationDeadline.Compute(calendar, r.FormedOn, null, today);
            var badge = deadline.Timeliness == PublicationTimeliness.Overdue ? ("已超期未公开", "overdue")
                : deadline.DueOn == today ? ("今日到期", "soon")
                : ("待公开", "ok");
            return new InboxEntry(
                $"/catalog-admin/{r.Id}",
                r.Title,
                (r.IndexNumber is null ? "" : r.IndexNumber + " · ") + "起草人：" + r.DraftedByName,
                "应于 " + DateText.Iso(deadline.DueOn) + " 前公开" + (deadline.IsProvisional ? "（暂定）" : ""),
                badge);
        }).ToList();
        return new InboxSection(id, title, count, entries, empty, "/catalog-admin", order);
    }
}

using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Interaction;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Work;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Channels;

/// <summary>
/// 工作台's new-media accounts of the publisher's agency that have gone longer than the threshold without an update
/// (or have no update date entered), until someone enters a newer date on <c>/channels</c>.
/// </summary>
public sealed class ChannelInbox(GongkaiDbContext db, Staff staff, ChannelBook channels, TimeProvider clock) : IInboxSource
{
    public async Task<IReadOnlyList<InboxSection>> SectionsAsync(CancellationToken cancellationToken)
    {
        if (!staff.IsInRole(Roles.Publisher))
        {
            return [];
        }

        var today = ChinaTime.Today(clock);
        var stale = await Stale(today).OrderBy(c => c.LastUpdatedOn).ThenBy(c => c.Name).ToListAsync(cancellationToken);
        var entries = stale.Take(InboxSources.ListLength).Select(c => channels.Row(c, today))
            .Select(r => new InboxEntry("/channels#channel-" + r.Id, r.Display, "责任人：" + r.Responsible, null, (r.StaleText!, "overdue"))).ToList();
        return [new InboxSection("stale-channels", "政务新媒体未按时更新", stale.Count, entries, "没有超期未更新的政务新媒体。", "/channels", 27)];
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken) =>
        staff.IsInRole(Roles.Publisher) ? await Stale(ChinaTime.Today(clock)).CountAsync(cancellationToken) : 0;

    // ChannelRules.IsStale in SQL: a new-media account without a date, or last updated before today minus the threshold.
    private IQueryable<Data.Interaction.PublicationChannel> Stale(DateOnly today)
    {
        var cutoff = today.AddDays(-channels.StaleAfterDays);
        return db.PublicationChannels.AsNoTracking()
            .Where(c => c.AgencyId == staff.AgencyId
                && (c.Kind == ChannelKind.WeChat || c.Kind == ChannelKind.Weibo || c.Kind == ChannelKind.App)
                && (c.LastUpdatedOn == null || c.LastUpdatedOn < cutoff));
    }
}

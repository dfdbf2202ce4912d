namespace Gongkai.Web.Work;

/// <summary>One thing waiting for the reader on 工作台: a link, what it is, and its date or mark.</summary>
/// <param name="Url">Where the work is done.</param>
/// <param name="Title">The case number and subject, the letter or the item.</param>
/// <param name="Detail">A second line: who, what state, the reason it came back.</param>
/// <param name="Due">The date that matters (答复期限, 公开时限), already written; null when none.</param>
/// <param name="Badge">A mark and its class (the queue's: overdue, soon, ok), or null.</param>
public sealed record InboxEntry(string Url, string Title, string? Detail = null, string? Due = null, (string Text, string CssClass)? Badge = null);

/// <summary>
/// One section of 工作台: a title, how many things are in it (all of them, not only those listed), the first
/// few, and where to see all. Sections are ordered by <see cref="Order"/> across every source.
/// </summary>
public sealed record InboxSection(string Id, string Title, int Count, IReadOnlyList<InboxEntry> Entries, string EmptyText, string? MoreUrl, int Order);

/// <summary>
/// A feature folder's contribution to 工作台: the sections of work waiting for the signed-in staff member, by
/// their roles. Each folder registers its own (<see cref="InboxSources.AddInboxSource{T}"/> in its AddXxx), so the
/// work page knows no folder's queries; <see cref="CountAsync"/> is what the navigation shows and must be cheap
/// (COUNT queries only).
/// </summary>
public interface IInboxSource
{
    /// <summary>The sections for the reader; none when none of their roles has work here.</summary>
    Task<IReadOnlyList<InboxSection>> SectionsAsync(CancellationToken cancellationToken);

    /// <summary>How many things wait for the reader's action here (the sum the navigation shows).</summary>
    Task<int> CountAsync(CancellationToken cancellationToken);
}

public static class InboxSources
{
    /// <summary>The number of entries a section lists before "查看全部".</summary>
    public const int ListLength = 10;

    public static IServiceCollection AddInboxSource<T>(this IServiceCollection services)
        where T : class, IInboxSource => services.AddScoped<IInboxSource, T>();

    /// <summary>Every source's sections, in order.</summary>
    public static async Task<IReadOnlyList<InboxSection>> SectionsAsync(IEnumerable<IInboxSource> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var sections = new List<InboxSection>();
        foreach (var source in sources)
        {
            sections.AddRange(await source.SectionsAsync(cancellationToken));
        }

        return [.. sections.OrderBy(s => s.Order)];
    }

    /// <summary>The navigation's count: everything waiting for the reader's action, across sources.</summary>
    public static async Task<int> CountAsync(IEnumerable<IInboxSource> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var total = 0;
        foreach (var source in sources)
        {
            total += await source.CountAsync(cancellationToken);
        }

        return total;
    }
}

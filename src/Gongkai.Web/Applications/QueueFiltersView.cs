namespace Gongkai.Web.Applications;

/// <summary>What the shared filter form (<c>_QueueFilters.cshtml</c>) needs: the current filters and the menus' choices.</summary>
public sealed record QueueFiltersView(
    string Action,
    QueueFilter Filter,
    IReadOnlyList<int> Years,
    IReadOnlyList<(Guid Id, string Name)>? Handlers = null,
    IReadOnlyList<(Guid Id, string Name)>? Agencies = null);

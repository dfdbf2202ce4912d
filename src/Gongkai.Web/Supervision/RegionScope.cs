using Gongkai.Data;
using Gongkai.Data.Agencies;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>An agency of a region subtree, with its region for grouping and display.</summary>
public sealed record ScopedAgency(Guid Id, string Name, AgencyKind Kind, Guid RegionId, string RegionName, string RegionPath, int SortOrder, string? CreditCode);

/// <summary>
/// The region subtree of the signed-in user's agency (its region and every region below it, by the materialised
/// path): what a supervisor may read and an administrator may manage. Anything outside it does not exist for them.
/// </summary>
public sealed class RegionScope(GongkaiDbContext db, Staff staff)
{
    private Region? _root;
    private IReadOnlyList<ScopedAgency>? _agencies;
    private bool? _wholePlatform;

    /// <summary>The region of the user's agency, or null when the user has none.</summary>
    public async Task<Region?> RootAsync(CancellationToken cancellationToken = default) =>
        _root ??= await db.Agencies.AsNoTracking().Where(a => a.Id == staff.AgencyId)
            .Join(db.Regions.AsNoTracking(), a => a.RegionId, r => r.Id, (_, r) => r)
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// For background work, where no one is signed in: the subtree is <paramref name="root"/>'s (and no office is the
    /// user's own). Call it before anything else reads the scope.
    /// </summary>
    public void ActFor(Region root) => _root = root ?? throw new ArgumentNullException(nameof(root));

    /// <summary>The regions of the subtree, parents before children.</summary>
    public async Task<IReadOnlyList<Region>> RegionsAsync(CancellationToken cancellationToken = default)
    {
        if (await RootAsync(cancellationToken) is not { } root)
        {
            return [];
        }

        var regions = await db.Regions.AsNoTracking().Where(r => r.Path.StartsWith(root.Path)).ToListAsync(cancellationToken);
        return [.. regions.OrderBy(r => r.Path.Count(c => c == '/')).ThenBy(r => r.Code, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <summary>The agencies of the subtree, region by region (upper levels first), then in their sort order.</summary>
    public async Task<IReadOnlyList<ScopedAgency>> AgenciesAsync(CancellationToken cancellationToken = default) =>
        _agencies ??= await LoadAgenciesAsync(cancellationToken);

    /// <summary>
    /// True when every agency on the platform is in the subtree: only such an administrator may change what all
    /// agencies share (the holiday calendar, the platform's default letter templates).
    /// </summary>
    public async Task<bool> CoversWholePlatformAsync(CancellationToken cancellationToken = default)
    {
        if (_wholePlatform is { } known)
        {
            return known;
        }

        var inScope = (await AgenciesAsync(cancellationToken)).Count;
        _wholePlatform = inScope > 0 && inScope == await db.Agencies.CountAsync(cancellationToken);
        return _wholePlatform.Value;
    }

    /// <summary>
    /// The ids of the subtree's agencies as a query, for filtering other tables in the database: a province's thousands
    /// of ids sent as parameters cost more to bind and plan (SQLite) than the rows they select.
    /// </summary>
    public async Task<IQueryable<Guid>> AgencyIdsAsync(CancellationToken cancellationToken = default)
    {
        if (await RootAsync(cancellationToken) is not { } root)
        {
            return db.Agencies.Where(a => false).Select(a => a.Id);
        }

        var path = root.Path;
        return db.Agencies.Join(db.Regions, a => a.RegionId, r => r.Id, (a, r) => new { a.Id, r.Path }).Where(x => x.Path.StartsWith(path)).Select(x => x.Id);
    }

    /// <summary>An agency of the subtree, or null (also for agencies outside it).</summary>
    public async Task<ScopedAgency?> AgencyAsync(Guid agencyId, CancellationToken cancellationToken = default) =>
        (await AgenciesAsync(cancellationToken)).FirstOrDefault(a => a.Id == agencyId);

    private async Task<IReadOnlyList<ScopedAgency>> LoadAgenciesAsync(CancellationToken cancellationToken)
    {
        if (await RootAsync(cancellationToken) is not { } root)
        {
            return [];
        }

        var agencies = await db.Agencies.AsNoTracking()
            .Join(db.Regions.AsNoTracking(), a => a.RegionId, r => r.Id, (a, r) => new { a, r })
            .Where(x => x.r.Path.StartsWith(root.Path))
            .Select(x => new ScopedAgency(x.a.Id, x.a.Name, x.a.Kind, x.r.Id, x.r.Name, x.r.Path, x.a.SortOrder, x.a.CreditCode))
            .ToListAsync(cancellationToken);
        return [.. agencies.OrderBy(a => a.RegionPath.Count(c => c == '/')).ThenBy(a => a.RegionPath, StringComparer.Ordinal)
            .ThenBy(a => a.SortOrder).ThenBy(a => a.Name, StringComparer.Ordinal)];
    }
}

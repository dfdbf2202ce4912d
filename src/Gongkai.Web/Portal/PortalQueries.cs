using System.Globalization;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Agencies;
using Gongkai.Data.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal;

/// <summary>A line of a catalogue list: what the public sees before opening an item.</summary>
public sealed record CatalogListItem(Guid Id, string? IndexNumber, string Title, string Publisher, string? DocumentNumber, DateOnly? PublishedOn, CatalogItemKind Kind);

/// <summary>An agency as the portal lists it.</summary>
public sealed record PortalAgency(Guid Id, string Name, AgencyKind Kind, string Region);

/// <summary>Reads shared by the public pages. Only published versions are ever public.</summary>
public static class PortalQueries
{
    public static IQueryable<CatalogItem> Published(GongkaiDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        // A search key is set exactly while a version is published (and indexed); filtering on it lets the key's
        // unique index serve both the filter and the newest-first order.
        return db.CatalogItems.AsNoTracking().Where(i => i.SearchKey != null);
    }

    public static IQueryable<CatalogListItem> AsListItems(this IQueryable<CatalogItem> items) =>
        items.Select(i => new CatalogListItem(i.Id, i.IndexNumber, i.Title, i.Publisher, i.DocumentNumber, i.PublishedOn, i.Kind));

    public static Task<List<PortalAgency>> AgenciesAsync(GongkaiDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Agencies.AsNoTracking()
            .OrderBy(a => a.SortOrder).ThenBy(a => a.Name)
            .Select(a => new PortalAgency(a.Id, a.Name, a.Kind, a.Region!.Name))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>File sizes as people read them.</summary>
public static class FileSizes
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };
}

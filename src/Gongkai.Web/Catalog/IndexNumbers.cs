using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Catalog;
using Gongkai.Data.Numbering;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Catalog;

/// <summary>
/// Assigns 索引号: the agency's scheme (its <see cref="CatalogSettings"/> or the default), its registered code as
/// 前段码, and the next serial of the year from its <see cref="NumberSeries.IndexNumbers"/> counter, skipping any number
/// already taken (an imported item may hold one). Runs inside the caller's transaction, which holds the counter until
/// it ends: concurrent publishers of one agency are numbered one after the other.
/// </summary>
public static class IndexNumbers
{
    /// <exception cref="CatalogRuleException">The agency has no usable code or its pattern is invalid (Chinese message).</exception>
    public static async Task<string> NextAsync(GongkaiDbContext db, Guid agencyId, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (scheme, prefix) = await SchemeAsync(db, agencyId, cancellationToken);
        while (true)
        {
            var serial = await NumberCounters.TakeAsync(db, agencyId, NumberSeries.IndexNumbers(date.Year), cancellationToken: cancellationToken);
            var number = scheme.Format(prefix, date, checked((int)serial));
            var taken = db.CatalogItems.Local.Any(i => i.IndexNumber == number)
                || await db.CatalogItems.AnyAsync(i => i.IndexNumber == number, cancellationToken);
            if (!taken)
            {
                return number;
            }
        }
    }

    /// <summary>The agency's scheme and prefix, refusing in Chinese when either is unusable.</summary>
    public static async Task<(IndexNumberScheme Scheme, string Prefix)> SchemeAsync(GongkaiDbContext db, Guid agencyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settings = await db.CatalogSettings.AsNoTracking().SingleOrDefaultAsync(s => s.AgencyId == agencyId, cancellationToken);
        var code = await db.Agencies.Where(a => a.Id == agencyId).Select(a => a.CreditCode).SingleOrDefaultAsync(cancellationToken);
        try
        {
            var scheme = settings is null ? IndexNumberScheme.Default : IndexNumberScheme.Parse(settings.IndexPattern);
            var prefix = IndexNumberScheme.Prefix(code, settings?.PrefixSource ?? IndexPrefixSource.AsRegistered);
            return (scheme, prefix);
        }
        catch (FormatException exception)
        {
            throw new CatalogRuleException(exception.Message);
        }
    }
}

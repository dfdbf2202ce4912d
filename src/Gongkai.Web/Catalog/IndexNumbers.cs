using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Catalog;

/// <summary>
/// Assigns 索引号: the agency's scheme (its <see cref="CatalogSettings"/> or the default), its registered code as
/// 前段码, and the next serial of the year from <see cref="CatalogSerial"/>, skipping any number already taken (an
/// imported item may hold one). Runs inside the caller's transaction; the counter row makes concurrent publishers of
/// one agency wait for each other on PostgreSQL and fail cleanly on SQLite's single writer.
/// </summary>
public static class IndexNumbers
{
    /// <exception cref="CatalogRuleException">The agency has no usable code or its pattern is invalid (Chinese message).</exception>
    public static async Task<string> NextAsync(GongkaiDbContext db, Guid agencyId, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (scheme, prefix) = await SchemeAsync(db, agencyId, cancellationToken);
        var counter = await db.CatalogSerials.SingleOrDefaultAsync(s => s.AgencyId == agencyId && s.Year == date.Year, cancellationToken);
        if (counter is null)
        {
            counter = new CatalogSerial { AgencyId = agencyId, Year = date.Year, LastSerial = 0 };
            db.CatalogSerials.Add(counter);
        }

        while (true)
        {
            counter.LastSerial++;
            var number = scheme.Format(prefix, date, counter.LastSerial);
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

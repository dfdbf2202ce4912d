using Gongkai.AnnualReports;
using Gongkai.Applications;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Reviews;

/// <summary>A record as the yearly list shows it, with the table 四 column it is counted in that year.</summary>
public sealed record ReviewRow(
    Guid Id, Guid ApplicationId, string ApplicationNumber, ReviewKind Kind, DateOnly FiledOn, ReviewResult Result, DateOnly? ConcludedOn,
    string? Body, string? CaseNumber, Table4Column Column);

/// <summary>Table 四 of an agency for a year, from its stored records, by the domain's counting rule.</summary>
public static class Table4Query
{
    public static async Task<(Table4 Table, IReadOnlyList<ReviewRow> Rows)> ForAgencyAsync(
        GongkaiDbContext db, Guid agencyId, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var yearEnd = new DateOnly(year, 12, 31);
        var stored = await db.Reviews.AsNoTracking()
            .Where(r => r.AgencyId == agencyId && r.FiledOn <= yearEnd)
            .Join(db.Applications, r => r.ApplicationId, a => a.Id, (r, a) => new { Review = r, a.Number })
            .ToListAsync(cancellationToken);
        var records = stored.Select(s => (s.Review, s.Number, Domain: s.Review.ToDomain())).ToList();
        var table = CaseTables.BuildTable4(records.Select(r => r.Domain), year);
        var rows = records
            .Where(r => r.Domain.ColumnFor(year) is not null)
            .OrderBy(r => r.Review.Kind).ThenBy(r => r.Review.FiledOn)
            .Select(r => new ReviewRow(
                r.Review.Id, r.Review.ApplicationId, r.Number, r.Review.Kind, r.Review.FiledOn, r.Review.Result, r.Review.ConcludedOn,
                r.Review.Body, r.Review.CaseNumber, r.Domain.ColumnFor(year)!.Value))
            .ToList();
        return (table, rows);
    }
}

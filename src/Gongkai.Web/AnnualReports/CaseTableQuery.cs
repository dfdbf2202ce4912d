using Gongkai.AnnualReports;
using Gongkai.Applications;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.AnnualReports;

/// <summary>
/// Tables 三 and 四 of one agency and year, computed live from its case records by the domain's
/// <see cref="CaseTables"/> (the snapshot columns of the applications and the review records; no counting here).
/// </summary>
public sealed class CaseTableQuery(GongkaiDbContext db)
{
    // Registered per request, in which no case changes: saving and then publishing, or inserting figures and then
    // saving, ask for the same tables more than once.
    private readonly Dictionary<(Guid Agency, int Year), CaseTableSet> _computed = [];

    public async Task<CaseTableSet> ComputeAsync(Guid agencyId, int year, CancellationToken cancellationToken = default)
    {
        if (!_computed.TryGetValue((agencyId, year), out var tables))
        {
            tables = await ComputeFromCasesAsync(agencyId, year, cancellationToken);
            _computed[(agencyId, year)] = tables;
        }

        return tables;
    }

    private async Task<CaseTableSet> ComputeFromCasesAsync(Guid agencyId, int year, CancellationToken cancellationToken)
    {
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);

        // Only cases that can count in the year: received by 31 December and not concluded before 1 January. Table 三
        // needs no more of a case than its applicant type, whether it was received before 1 January, and — when it
        // concluded by 31 December — its outcome; so the database counts the cases per such class (a few dozen rows
        // instead of every case: a large agency has a hundred thousand and more a year), and each class becomes as
        // many summaries dated on the class's edge (received 31 December of the year before or 1 January, concluded
        // 31 December or still open), which the domain's CaseTables counts exactly as it counts the cases themselves.
        var classes = await db.Applications.AsNoTracking()
            .Where(a => a.AgencyId == agencyId && a.ReceivedOn <= end && (a.ConcludedOn == null || a.ConcludedOn >= start))
            .GroupBy(a => new
            {
                a.ApplicantType,
                Before = a.ReceivedOn < start,
                Outcome = a.Outcome != null && a.ConcludedOn != null && a.ConcludedOn <= end ? a.Outcome : null,
            })
            .Select(g => new { g.Key.ApplicantType, g.Key.Before, g.Key.Outcome, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var summaries = new CaseSummary[classes.Sum(c => c.Count)];
        var next = 0;
        foreach (var c in classes)
        {
            var summary = new CaseSummary(c.ApplicantType, c.Before ? start.AddDays(-1) : start, c.Outcome is null ? null : end, c.Outcome);
            summaries.AsSpan(next, c.Count).Fill(summary);
            next += c.Count;
        }

        var reviews = await db.Reviews.AsNoTracking()
            .Where(r => r.AgencyId == agencyId && r.FiledOn <= end && (r.ConcludedOn == null || r.ConcludedOn >= start))
            .Select(r => new { r.Id, r.Kind, r.ApplicationId, r.FiledOn, r.Result, r.ConcludedOn })
            .ToListAsync(cancellationToken);

        // A record without a decision date is undecided whatever its result field says (the domain's invariant).
        var records = reviews.Select(r => new ReviewRecord(
            r.Id.ToString(),
            r.Kind,
            r.ApplicationId.ToString(),
            r.FiledOn,
            r.ConcludedOn is null ? ReviewResult.Pending : r.Result,
            r.Result == ReviewResult.Pending ? null : r.ConcludedOn));

        return new CaseTableSet(year, CaseTables.BuildTable3(summaries, year), CaseTables.BuildTable4(records, year));
    }
}

using System.Text.Json;
using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Agencies;
using Gongkai.Data.Supervision;
using Gongkai.Interaction;
using Gongkai.Supervision;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>A stored scheme version with who made it and when.</summary>
public sealed record StoredScheme(Guid Id, Guid RegionId, AssessmentSchemeVersion Scheme, string? Note, DateTime CreatedAtUtc, string CreatedBy);

/// <summary>
/// A region's assessment for a period: the scheme version in force, each agency's score and rank with the change from
/// the previous period, and whether the results are stored (closed) or computed live from today's data.
/// </summary>
public sealed record AssessmentResult(
    Region Region, AssessmentPeriod Period, StoredScheme Scheme, IReadOnlyList<RankedScore> Ranking,
    IReadOnlyDictionary<Guid, ScopedAgency> Agencies, DateTime? ClosedAtUtc, string? ClosedBy)
{
    /// <summary>When the ranking of an open period was computed in the background (数据截至), or null when it is live or closed.</summary>
    public DateTime? ComputedAtUtc { get; init; }

    /// <summary>Which stored computation this is (the snapshot row and its attempt), for what is kept in memory per computation.</summary>
    public (Guid Snapshot, int Attempt)? Computation { get; init; }
}

/// <summary>
/// Assessment (考核) of a region's agencies: schemes and their versions, the facts the indicators read from live data,
/// scores and rankings, and the stored results of closed periods. Everything is limited to the user's region subtree.
/// </summary>
public sealed class Assessments(GongkaiDbContext db, RegionScope scope, SupervisedReports reports, CaseRulesProvider rules, Staff staff, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string ExtensionApproved = nameof(CaseEventKind.ExtensionApproved);
    private static readonly string CorrectionRequested = nameof(CaseEventKind.CorrectionRequested);

    public DateOnly Today => ChinaTime.Today(clock);

    public async Task<WorkingCalendar> CalendarAsync(CancellationToken cancellationToken) => (await rules.GetAsync(cancellationToken)).Calendar;

    /// <summary>A region of the user's subtree (the root when <paramref name="regionId"/> is null), or null.</summary>
    public async Task<Region?> RegionAsync(Guid? regionId, CancellationToken cancellationToken)
    {
        var regions = await scope.RegionsAsync(cancellationToken);
        return regionId is { } id ? regions.FirstOrDefault(r => r.Id == id) : regions.Count > 0 ? regions[0] : null;
    }

    /// <summary>The scheme versions of a region for a kind of period, newest first.</summary>
    public async Task<IReadOnlyList<StoredScheme>> SchemesAsync(Guid regionId, PeriodKind kind, CancellationToken cancellationToken)
    {
        var rows = await db.AssessmentSchemes.AsNoTracking().Where(s => s.RegionId == regionId && s.Kind == kind).ToListAsync(cancellationToken);
        return [.. rows.Select(ToStored).OrderByDescending(s => s.Scheme.Version)];
    }

    public static StoredScheme ToStored(AssessmentSchemeRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!AssessmentPeriod.TryParse(row.EffectiveFrom, out var from))
        {
            throw new InvalidOperationException($"Scheme {row.Id} has an unreadable period '{row.EffectiveFrom}'.");
        }

        var lines = JsonSerializer.Deserialize<List<SchemeIndicator>>(row.IndicatorsJson, Json) ?? [];
        return new StoredScheme(row.Id, row.RegionId, new AssessmentSchemeVersion(row.Version, row.Kind, from, lines), row.Note, row.CreatedAtUtc, row.CreatedBy);
    }

    /// <summary>The periods of a kind whose results are stored for the region.</summary>
    public async Task<IReadOnlyList<AssessmentPeriod>> ClosedPeriodsAsync(Guid regionId, CancellationToken cancellationToken)
    {
        var keys = await db.AssessmentResults.AsNoTracking().Where(r => r.RegionId == regionId).Select(r => r.PeriodKey).ToListAsync(cancellationToken);
        return [.. keys.Select(k => AssessmentPeriod.TryParse(k, out var p) ? p : null).OfType<AssessmentPeriod>()];
    }

    /// <summary>The agencies a region assesses: its subtree's agencies except the supervising user's own office.</summary>
    public async Task<IReadOnlyList<ScopedAgency>> AssessedAgenciesAsync(Region region, CancellationToken cancellationToken) =>
        [.. (await scope.AgenciesAsync(cancellationToken)).Where(a => a.RegionPath.StartsWith(region.Path, StringComparison.Ordinal) && a.Id != staff.AgencyId)];

    /// <summary>
    /// The assessment of <paramref name="region"/> for <paramref name="period"/>: stored results when the period is
    /// closed, else scores computed now. Null when no scheme is in force for the period.
    /// </summary>
    public Task<AssessmentResult?> AssessAsync(Region region, AssessmentPeriod period, CancellationToken cancellationToken) =>
        AssessAsync(region, period, withIds: false, cancellationToken);

    /// <summary>
    /// As above; <paramref name="withIds"/> computes a live period from every agency's records, so that each value keeps
    /// the ids it counts (what closing a period stores for the drill-down). Without it the values are counted in the
    /// database and carry no ids: <see cref="DrillDownAsync"/> reads them for one agency.
    /// </summary>
    public async Task<AssessmentResult?> AssessAsync(Region region, AssessmentPeriod period, bool withIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(period);
        var agencies = await AssessedAgenciesAsync(region, cancellationToken);
        var byId = agencies.ToDictionary(a => a.Id);
        var stored = await db.AssessmentResults.AsNoTracking().SingleOrDefaultAsync(r => r.RegionId == region.Id && r.PeriodKey == period.Key, cancellationToken);
        if (stored is not null)
        {
            var scheme = ToStored(await db.AssessmentSchemes.AsNoTracking().SingleAsync(s => s.Id == stored.SchemeId, cancellationToken));
            var ranking = JsonSerializer.Deserialize<List<RankedScore>>(stored.ResultsJson, Json) ?? [];
            return new AssessmentResult(region, period, scheme, ranking, byId, stored.ClosedAtUtc, stored.ClosedBy);
        }

        var schemes = await SchemesAsync(region.Id, period.Kind, cancellationToken);
        if (AssessmentSchemes.InForce(schemes.Select(s => s.Scheme), period) is not { } inForce)
        {
            return null;
        }

        var current = schemes.First(s => s.Scheme == inForce);
        var previousScheme = AssessmentSchemes.InForce(schemes.Select(s => s.Scheme), period.Previous) is { } p ? schemes.First(s => s.Scheme == p) : null;
        var previousStored = previousScheme is null ? null : await db.AssessmentResults.AsNoTracking()
            .SingleOrDefaultAsync(r => r.RegionId == region.Id && r.PeriodKey == period.Previous.Key, cancellationToken);

        // Both periods' case indicators in one scan of the applications; the previous one only when it is not stored.
        var countPrevious = previousScheme is not null && previousStored is null;
        var kinds = current.Scheme.Indicators.Concat(countPrevious ? previousScheme!.Scheme.Indicators : []).Select(l => l.Kind).ToHashSet();
        var windows = countPrevious ? [CountingWindow.Of(period, Today), CountingWindow.Of(period.Previous, Today)] : new[] { CountingWindow.Of(period, Today) };
        var counts = await CaseCounts.CountAsync(db, AgencyIdsUnder(region), [.. CaseIndicators.All.Where(i => kinds.Contains(i.Kind))], windows, cancellationToken);
        var scores = await ScoreAsync(current, agencies, period, withIds ? null : counts[0], cancellationToken);
        IReadOnlyDictionary<Guid, decimal?>? previousTotals = null;
        if (previousStored is not null)
        {
            previousTotals = (JsonSerializer.Deserialize<List<RankedScore>>(previousStored.ResultsJson, Json) ?? []).ToDictionary(r => r.Score.AgencyId, r => r.Score.Total);
        }
        else if (previousScheme is not null)
        {
            previousTotals = (await ScoreAsync(previousScheme, agencies, period.Previous, counts[1], cancellationToken)).ToDictionary(s => s.AgencyId, s => s.Total);
        }

        return new AssessmentResult(region, period, current, AssessmentSchemes.Rank(scores, previousTotals), byId, null, null);
    }

    /// <summary>The ids of the agencies of a region's subtree, as a subquery.</summary>
    private IQueryable<Guid> AgencyIdsUnder(Region region) =>
        db.Agencies.Where(a => db.Regions.Any(r => r.Id == a.RegionId && r.Path.StartsWith(region.Path))).Select(a => a.Id);

    /// <summary>
    /// One agency's line of an assessment with the ids behind every value, for its drill-down: the stored line of a
    /// closed period, else its own records read now and scored by the same definitions the ranking counted with.
    /// </summary>
    public async Task<AgencyScore?> DrillDownAsync(AssessmentResult result, ScopedAgency agency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(agency);
        if (result.Ranking.FirstOrDefault(r => r.Score.AgencyId == agency.Id) is not { } row)
        {
            return null;
        }

        return result.ClosedAtUtc is not null ? row.Score : (await ScoreAsync(result.Scheme, [agency], result.Period, caseCounts: null, cancellationToken)).Single();
    }

    /// <summary>
    /// Scores the agencies under a scheme version (with the manual scores given for it and the period). The case
    /// indicators' values come from <paramref name="caseCounts"/> (counted per agency in the database by
    /// <see cref="CaseCounts"/>, without ids), and the other values keep no ids either; with null every agency's records
    /// are read and each value keeps the ids it counts.
    /// </summary>
    public async Task<IReadOnlyList<AgencyScore>> ScoreAsync(
        StoredScheme scheme, IReadOnlyList<ScopedAgency> agencies, AssessmentPeriod period,
        IReadOnlyDictionary<Guid, Dictionary<IndicatorKind, IndicatorValue>>? caseCounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(agencies);
        var withIds = caseCounts is null;
        var kinds = scheme.Scheme.Indicators.Select(l => l.Kind).ToHashSet();
        if (!withIds)
        {
            kinds.RemoveWhere(k => CaseIndicators.Of(k) is not null);
        }

        var facts = await FactsAsync(agencies, period, kinds, cancellationToken);
        var manual = await ManualScoresAsync(scheme.Id, period, cancellationToken);
        var calendar = await CalendarAsync(cancellationToken);
        var today = Today;
        return [.. agencies.Select(a =>
        {
            var agencyFacts = facts.GetValueOrDefault(a.Id, AgencyFacts.Empty);
            var agencyCounts = caseCounts?.GetValueOrDefault(a.Id);
            IndicatorValue ValueOf(IndicatorKind kind)
            {
                if (!kinds.Contains(kind))
                {
                    return agencyCounts?.GetValueOrDefault(kind) ?? IndicatorValue.None;
                }

                var value = Indicators.Compute(kind, agencyFacts, period, today, calendar);
                return withIds || value.NotApplicable ? value : value with { Base = [], Counted = [] };
            }

            return AssessmentSchemes.Score(a.Id, scheme.Scheme, ValueOf,
                manual.TryGetValue(a.Id, out var lines) ? lines.ToDictionary(l => l.Key, l => (decimal)l.Value.Rate) : null);
        })];
    }

    /// <summary>The manual scores of a scheme version for a period, by agency and line.</summary>
    public async Task<Dictionary<Guid, Dictionary<int, ManualScoreRecord>>> ManualScoresAsync(Guid schemeId, AssessmentPeriod period, CancellationToken cancellationToken)
    {
        var rows = await db.ManualScores.AsNoTracking().Where(m => m.SchemeId == schemeId && m.PeriodKey == period.Key).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.AgencyId).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Line));
    }

    /// <summary>
    /// What the indicators read about each agency for the period, from live data. Only the sources the scheme's
    /// indicators use are read.
    /// </summary>
    public async Task<Dictionary<Guid, AgencyFacts>> FactsAsync(
        IReadOnlyList<ScopedAgency> agencies, AssessmentPeriod period, IReadOnlySet<IndicatorKind> kinds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agencies);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(kinds);
        var ids = agencies.Select(a => a.Id).ToList();
        var (start, end) = (period.Start, period.End);

        var cases = new List<(Guid Agency, CaseFact Fact)>();
        if (kinds.Overlaps([IndicatorKind.OnTimeReplyRate, IndicatorKind.OverdueCases, IndicatorKind.ExtensionRate, IndicatorKind.CorrectionRate]))
        {
            var rows = await db.Applications.AsNoTracking()
                .Where(a => ids.Contains(a.AgencyId) && a.ReceivedOn <= end && (a.ConcludedOn == null || a.ConcludedOn >= start || a.DueOn >= start))
                .Select(a => new
                {
                    a.Id,
                    a.AgencyId,
                    a.ReceivedOn,
                    a.DueOn,
                    a.ConcludedOn,
                    Extended = db.ApplicationEvents.Any(e => e.ApplicationId == a.Id && e.Kind == ExtensionApproved),
                    Correction = db.ApplicationEvents.Any(e => e.ApplicationId == a.Id && e.Kind == CorrectionRequested),
                })
                .ToListAsync(cancellationToken);
            cases.AddRange(rows.Select(r => (r.AgencyId, new CaseFact(r.Id, r.ReceivedOn, r.DueOn, r.ConcludedOn, r.Extended, r.Correction))));
        }

        var reviews = new List<(Guid Agency, ReviewFact Fact)>();
        if (kinds.Contains(IndicatorKind.ReviewCorrectionRate))
        {
            var rows = await db.Reviews.AsNoTracking()
                .Where(r => ids.Contains(r.AgencyId) && r.ConcludedOn >= start && r.ConcludedOn <= end)
                .Select(r => new { r.Id, r.AgencyId, r.ConcludedOn, r.Result })
                .ToListAsync(cancellationToken);
            reviews.AddRange(rows.Select(r => (r.AgencyId, new ReviewFact(r.Id, r.ConcludedOn, r.Result))));
        }

        var catalogue = new List<(Guid Agency, CatalogueFact Fact)>();
        if (kinds.Contains(IndicatorKind.CatalogueOnTimeRate))
        {
            var rows = await db.CatalogItems.AsNoTracking()
                .Where(i => ids.Contains(i.AgencyId) && i.Mode == DisclosureMode.Proactive && i.PublishedOn >= start && i.PublishedOn <= end)
                .Select(i => new { i.Id, i.AgencyId, i.FormedOn, i.PublishedOn })
                .ToListAsync(cancellationToken);
            catalogue.AddRange(rows.Select(r => (r.AgencyId, new CatalogueFact(r.Id, r.FormedOn, r.PublishedOn!.Value))));
        }

        var reportFacts = new Dictionary<Guid, ReportFact>();
        if (kinds.Overlaps([IndicatorKind.AnnualReportOnTime, IndicatorKind.AnnualReportErrors]))
        {
            foreach (var report in await reports.ForYearAsync(period.Year - 1, cancellationToken))
            {
                if (ids.Contains(report.Agency.Id))
                {
                    reportFacts[report.Agency.Id] = new ReportFact(report.Year, report.Deadline, report.PublishedOn, report.Errors);
                }
            }
        }

        var rectifications = new List<(Guid Agency, RectificationFact Fact)>();
        if (kinds.Contains(IndicatorKind.RectificationOnTimeRate))
        {
            var rows = await db.Rectifications.AsNoTracking()
                .Where(r => ids.Contains(r.AgencyId) && r.DueOn >= start && r.DueOn <= end)
                .Select(r => new { r.Id, r.AgencyId, r.DueOn, r.AnsweredOn, r.State })
                .ToListAsync(cancellationToken);
            rectifications.AddRange(rows.Select(r => (r.AgencyId, new RectificationFact(r.Id, r.DueOn, r.AnsweredOn, r.State == RectificationState.Closed))));
        }

        var spotChecks = new List<(Guid Agency, SpotCheckFact Fact)>();
        if (kinds.Contains(IndicatorKind.SpotCheckProblemRate))
        {
            var rows = await db.SpotCheckItems.AsNoTracking()
                .Where(i => i.CheckedOn >= start && i.CheckedOn <= end)
                .Join(db.SpotChecks.AsNoTracking().Where(c => ids.Contains(c.AgencyId)), i => i.SpotCheckId, c => c.Id, (i, c) => new
                {
                    i.Id,
                    c.AgencyId,
                    i.CheckedOn,
                    Problems = db.SpotCheckProblems.Count(p => p.SpotCheckItemId == i.Id),
                })
                .ToListAsync(cancellationToken);
            spotChecks.AddRange(rows.Select(r => (r.AgencyId, new SpotCheckFact(r.Id, r.CheckedOn!.Value, r.Problems))));
        }

        var messages = new List<(Guid Agency, MessageFact Fact)>();
        if (kinds.Overlaps([IndicatorKind.MessageOnTimeRate, IndicatorKind.MessageSatisfaction]))
        {
            // The rows InteractionFigures.ForAsync reads for a year, with their ids for the drill-down.
            var rows = await db.Messages.AsNoTracking()
                .Where(m => ids.Contains(m.AgencyId) && m.ReceivedOn >= start && m.ReceivedOn <= end)
                .Select(m => new
                {
                    m.Id, m.AgencyId, m.ReceivedOn, m.DueOn, m.RepliedOn,
                    Rating = db.Ratings.Where(r => r.Subject == RatedSubject.Message && r.SubjectId == m.Id).Select(r => (Satisfaction?)r.Level).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            messages.AddRange(rows.Select(r => (r.AgencyId, new MessageFact(r.Id, new MessageFacts(r.ReceivedOn, r.DueOn, r.RepliedOn, r.Rating)))));
        }

        var caseLookup = cases.ToLookup(c => c.Agency, c => c.Fact);
        var reviewLookup = reviews.ToLookup(c => c.Agency, c => c.Fact);
        var catalogueLookup = catalogue.ToLookup(c => c.Agency, c => c.Fact);
        var rectificationLookup = rectifications.ToLookup(c => c.Agency, c => c.Fact);
        var spotCheckLookup = spotChecks.ToLookup(c => c.Agency, c => c.Fact);
        var messageLookup = messages.ToLookup(c => c.Agency, c => c.Fact);
        return agencies.ToDictionary(a => a.Id, a => new AgencyFacts(
            [.. caseLookup[a.Id]],
            [.. reviewLookup[a.Id]],
            [.. catalogueLookup[a.Id]],
            reportFacts.TryGetValue(a.Id, out var r) ? [r] : [],
            [.. rectificationLookup[a.Id]],
            [.. spotCheckLookup[a.Id]]) { Messages = [.. messageLookup[a.Id]] });
    }
}

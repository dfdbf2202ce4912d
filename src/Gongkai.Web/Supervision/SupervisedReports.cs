using System.Text.Json;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Validation;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.AnnualReports;
using Gongkai.Data.Supervision;
using Gongkai.Web.AnnualReports;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>Where a supervised agency's report comes from.</summary>
public enum ReportSource
{
    /// <summary>未提交: neither published on the platform nor collected.</summary>
    None,

    /// <summary>Published on the platform (the latest published version).</summary>
    Platform,

    /// <summary>Collected by the supervising office from a file and confirmed.</summary>
    Collected,
}

/// <summary>
/// One agency's report for a year as a supervisor sees it: the latest published platform version, else the latest
/// confirmed collected report, with every finding (cross-year rules against the year before, taken the same way).
/// <see cref="PublishedOn"/> is the date of the first publication, which is what the Art. 49 deadline judges.
/// <see cref="Report"/> is null for 未提交 and for a region's reports read with their findings
/// (<see cref="SupervisedReports.ForYearAsync(int, CancellationToken)"/> reads the stored findings, not the reports).
/// </summary>
public sealed record SupervisedReport(
    ScopedAgency Agency,
    int Year,
    ReportSource Source,
    int? Version,
    Guid? CollectedId,
    DateOnly? PublishedOn,
    bool HasDraft,
    AnnualReport? Report,
    IReadOnlyList<Finding> Findings)
{
    public DateOnly Deadline => ReportDeadlines.For(Agency.Kind, Year);

    public int Errors => Findings.Count(f => f.Severity == Severity.Error);

    public int Warnings => Findings.Count(f => f.Severity == Severity.Warning);

    public bool IsLate => PublishedOn is { } published && published > Deadline;
}

/// <summary>The reports of a supervisor's region subtree, read-only.</summary>
public sealed class SupervisedReports(GongkaiDbContext db, RegionScope scope, StoredFindings findingsStore)
{
    private static readonly JsonSerializerOptions FindingJson = new(JsonSerializerDefaults.Web);

    /// <summary>The parser findings of a collected report, as stored.</summary>
    public static IReadOnlyList<Finding> ParseFindings(string json) =>
        JsonSerializer.Deserialize<List<Finding>>(json, FindingJson) ?? [];

    public static string ParseFindingsJson(IReadOnlyList<Finding> findings) => JsonSerializer.Serialize(findings, FindingJson);

    /// <summary>
    /// Every agency of the subtree with its report's findings for <paramref name="year"/> (or none), from the stored
    /// findings of each report version (<see cref="StoredFindings"/>): the reports themselves are not read
    /// (<see cref="SupervisedReport.Report"/> is null), except those whose findings are computed now.
    /// </summary>
    public async Task<IReadOnlyList<SupervisedReport>> ForYearAsync(int year, CancellationToken cancellationToken = default)
    {
        var agencies = await scope.AgenciesAsync(cancellationToken);
        return await LoadAsync(agencies, await scope.AgencyIdsAsync(cancellationToken), year, Reading.StoredFindings, cancellationToken);
    }

    /// <summary>
    /// The same; without findings (<paramref name="withFindings"/> false) each report is read with its figures
    /// (<see cref="SupervisedReport.Report"/>), its <see cref="SupervisedReport.Findings"/> empty and the year before not
    /// read, for callers that only show or add up the figures.
    /// </summary>
    public async Task<IReadOnlyList<SupervisedReport>> ForYearAsync(int year, bool withFindings, CancellationToken cancellationToken = default)
    {
        var agencies = await scope.AgenciesAsync(cancellationToken);
        return await LoadAsync(agencies, await scope.AgencyIdsAsync(cancellationToken), year, withFindings ? Reading.StoredFindings : Reading.Figures, cancellationToken);
    }

    /// <summary>
    /// What a supervisor sees as a report's findings: a collected report's parser findings as stored
    /// (<paramref name="parseFindingsJson"/>; null for a platform version), then every rule of the validator, the
    /// cross-year ones against <paramref name="previous"/>. The live reading and <see cref="StoredFindings"/> both call this.
    /// </summary>
    public static IReadOnlyList<Finding> Check(AnnualReport report, AnnualReport? previous, string? parseFindingsJson) =>
        parseFindingsJson is null ? ReportValidator.Validate(report, previous) : [.. ParseFindings(parseFindingsJson), .. ReportValidator.Validate(report, previous)];

    /// <summary>One agency of the subtree, or null when it is outside it. A <paramref name="version"/> selects an older published version.</summary>
    public async Task<SupervisedReport?> ForAgencyAsync(Guid agencyId, int year, int? version = null, CancellationToken cancellationToken = default)
    {
        if (!ReportDeadlines.IsPlausibleYear(year) || await scope.AgencyAsync(agencyId, cancellationToken) is not { } agency)
        {
            return null;
        }

        return (await LoadAsync([agency], null, year, Reading.Live, cancellationToken, version)).Single();
    }

    /// <summary>How the reports are read.</summary>
    private enum Reading
    {
        /// <summary>The shown reports with their figures, no findings, the year before not read.</summary>
        Figures,

        /// <summary>The shown reports and the years before, checked in the request.</summary>
        Live,

        /// <summary>The stored findings of the shown reports (computed and stored where missing), no reports.</summary>
        StoredFindings,
    }

    /// <remarks>
    /// Linear in the agencies: the published versions' heads (no JSON) and the confirmed collections' heads are read
    /// once and grouped by agency and year, and only the one report shown per agency and year is read and deserialised
    /// (at 2,000 agencies the scans per agency and every superseded version's JSON cost seconds per request).
    /// </remarks>
    private async Task<List<SupervisedReport>> LoadAsync(
        IReadOnlyList<ScopedAgency> agencies, IQueryable<Guid>? agencyIds, int year, Reading reading, CancellationToken cancellationToken, int? version = null)
    {
        if (agencyIds is null)
        {
            var ids = agencies.Select(a => a.Id).ToList();
            agencyIds = db.Agencies.Where(a => ids.Contains(a.Id)).Select(a => a.Id);
        }

        var before = reading == Reading.Figures ? year : year - 1;
        var heads = await db.AnnualReports.AsNoTracking()
            .Where(r => agencyIds.Contains(r.AgencyId) && (r.Year == year || r.Year == before) && r.Status == AnnualReportStatus.Published)
            .Select(r => new { r.Id, r.AgencyId, r.Year, r.Version, r.PublishedAtUtc })
            .ToListAsync(cancellationToken);
        var drafts = (await db.AnnualReports.AsNoTracking()
            .Where(r => agencyIds.Contains(r.AgencyId) && r.Year == year && r.Status == AnnualReportStatus.Draft)
            .Select(r => r.AgencyId)
            .ToListAsync(cancellationToken)).ToHashSet();
        var collectedHeads = await db.CollectedReports.AsNoTracking()
            .Where(r => r.AgencyId != null && agencyIds.Contains(r.AgencyId.Value) && (r.Year == year || r.Year == before) && r.Status == CollectedReportStatus.Confirmed)
            .Select(r => new { r.Id, AgencyId = r.AgencyId!.Value, Year = r.Year!.Value, r.ConfirmedAtUtc })
            .ToListAsync(cancellationToken);

        // The platform version shown per agency and year (the latest, or the one asked for), and the first publication of the year.
        var platform = new Dictionary<(Guid Agency, int Year), (Guid Id, int Version)>();
        var firstPublished = new Dictionary<Guid, DateTime>();
        foreach (var head in heads)
        {
            var key = (head.AgencyId, head.Year);
            if ((head.Year != year || version is null || head.Version == version)
                && (!platform.TryGetValue(key, out var known) || head.Version > known.Version))
            {
                platform[key] = (head.Id, head.Version);
            }

            if (head.Year == year && (!firstPublished.TryGetValue(head.AgencyId, out var first) || head.PublishedAtUtc!.Value < first))
            {
                firstPublished[head.AgencyId] = head.PublishedAtUtc!.Value;
            }
        }

        var collectedLatest = new Dictionary<(Guid Agency, int Year), (Guid Id, DateTime? ConfirmedAtUtc)>();
        foreach (var head in collectedHeads)
        {
            var key = (head.AgencyId, head.Year);
            if (!collectedLatest.TryGetValue(key, out var known) || Nullable.Compare(head.ConfirmedAtUtc, known.ConfirmedAtUtc) > 0)
            {
                collectedLatest[key] = (head.Id, head.ConfirmedAtUtc);
            }
        }

        // A collected report counts only where the platform has none (this year only when no older version was asked for).
        var collectedNeeded = collectedLatest
            .Where(c => !platform.ContainsKey(c.Key) && (c.Key.Year != year || version is null))
            .Select(c => c.Value.Id)
            .ToList();
        // The stored findings are selected in the database by the year's reports of the agencies, not by their ids.
        var shownIds = db.AnnualReports.Where(r => agencyIds.Contains(r.AgencyId) && r.Year == year && r.Status == AnnualReportStatus.Published).Select(r => r.Id)
            .Concat(db.CollectedReports.Where(r => r.AgencyId != null && agencyIds.Contains(r.AgencyId.Value) && r.Year == year && r.Status == CollectedReportStatus.Confirmed).Select(r => r.Id));
        var stored = reading == Reading.StoredFindings ? await findingsStore.ReadAsync(FindingsKeys(), shownIds, cancellationToken) : null;
        var platformNeeded = stored is null ? platform.Values.Select(p => p.Id).ToList() : [];
        var contents = await db.AnnualReports.AsNoTracking()
            .Where(r => platformNeeded.Contains(r.Id))
            .Select(r => new { r.Id, r.Year, r.Json, r.Table2Sources })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var readFiles = stored is null;
        var files = await db.CollectedReports.AsNoTracking()
            .Where(r => collectedNeeded.Contains(r.Id))
            .Select(r => new { r.Id, Json = readFiles ? r.Json : "", ParseFindings = readFiles ? r.ParseFindings : "", r.PublishedOn })
            .ToDictionaryAsync(r => r.Id, cancellationToken);

        AnnualReport Platform(Guid id)
        {
            var content = contents[id];
            return AnnualReportStore.Frozen(content.Year, content.Json, content.Table2Sources).Report;
        }

        // The report of the year before the cross-year rules compare with, as shown for that year.
        StoredReportId? Previous(Guid agencyId) =>
            platform.TryGetValue((agencyId, year - 1), out var p) ? new StoredReportId(p.Id, Collected: false)
            : collectedLatest.TryGetValue((agencyId, year - 1), out var c) ? new StoredReportId(c.Id, Collected: true) : null;

        List<FindingsKey> FindingsKeys()
        {
            var keys = new List<FindingsKey>(agencies.Count);
            foreach (var agency in agencies)
            {
                if (platform.TryGetValue((agency.Id, year), out var shown))
                {
                    keys.Add(new FindingsKey(new StoredReportId(shown.Id, Collected: false), Previous(agency.Id)));
                }
                else if (version is null && collectedLatest.TryGetValue((agency.Id, year), out var latest))
                {
                    keys.Add(new FindingsKey(new StoredReportId(latest.Id, Collected: true), Previous(agency.Id)));
                }
            }

            return keys;
        }

        var result = new List<SupervisedReport>(agencies.Count);
        foreach (var agency in agencies)
        {
            AnnualReport? previous = null;
            if (reading == Reading.Live)
            {
                previous = Previous(agency.Id) is not { } p ? null : p.Collected ? ReportJson.Deserialize(files[p.Id].Json) : Platform(p.Id);
            }

            var hasDraft = drafts.Contains(agency.Id);
            if (platform.TryGetValue((agency.Id, year), out var shown))
            {
                var report = stored is null ? Platform(shown.Id) : null;
                var findings = stored is not null ? stored[shown.Id] : reading == Reading.Live ? Check(report!, previous, null) : [];
                // The deadline is met by the first publication; a later corrected version does not make it late.
                result.Add(new SupervisedReport(agency, year, ReportSource.Platform, shown.Version, null,
                    DateText.ChinaDate(firstPublished[agency.Id]), hasDraft, report, findings));
            }
            else if (version is null && collectedLatest.TryGetValue((agency.Id, year), out var latest))
            {
                var file = files[latest.Id];
                var report = stored is null ? ReportJson.Deserialize(file.Json) : null;
                var findings = stored is not null ? stored[latest.Id] : reading == Reading.Live ? Check(report!, previous, file.ParseFindings) : [];
                result.Add(new SupervisedReport(agency, year, ReportSource.Collected, null, file.Id, file.PublishedOn, hasDraft, report, findings));
            }
            else
            {
                result.Add(new SupervisedReport(agency, year, ReportSource.None, null, null, null, hasDraft, null, []));
            }
        }

        return result;
    }
}

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
public sealed class SupervisedReports(GongkaiDbContext db, RegionScope scope)
{
    private static readonly JsonSerializerOptions FindingJson = new(JsonSerializerDefaults.Web);

    /// <summary>The parser findings of a collected report, as stored.</summary>
    public static IReadOnlyList<Finding> ParseFindings(string json) =>
        JsonSerializer.Deserialize<List<Finding>>(json, FindingJson) ?? [];

    public static string ParseFindingsJson(IReadOnlyList<Finding> findings) => JsonSerializer.Serialize(findings, FindingJson);

    /// <summary>Every agency of the subtree with its report for <paramref name="year"/> (or none).</summary>
    public Task<IReadOnlyList<SupervisedReport>> ForYearAsync(int year, CancellationToken cancellationToken = default) =>
        ForYearAsync(year, withFindings: true, cancellationToken);

    /// <summary>
    /// The same; without findings (<paramref name="withFindings"/> false) each report's <see cref="SupervisedReport.Findings"/>
    /// is empty and the year before is not read, for callers that only show or add up the figures.
    /// </summary>
    public async Task<IReadOnlyList<SupervisedReport>> ForYearAsync(int year, bool withFindings, CancellationToken cancellationToken = default)
    {
        var agencies = await scope.AgenciesAsync(cancellationToken);
        return await LoadAsync(agencies, year, withFindings, cancellationToken);
    }

    /// <summary>One agency of the subtree, or null when it is outside it. A <paramref name="version"/> selects an older published version.</summary>
    public async Task<SupervisedReport?> ForAgencyAsync(Guid agencyId, int year, int? version = null, CancellationToken cancellationToken = default)
    {
        if (!ReportDeadlines.IsPlausibleYear(year) || await scope.AgencyAsync(agencyId, cancellationToken) is not { } agency)
        {
            return null;
        }

        return (await LoadAsync([agency], year, withFindings: true, cancellationToken, version)).Single();
    }

    /// <remarks>
    /// Linear in the agencies: the published versions' heads (no JSON) and the confirmed collections' heads are read
    /// once and grouped by agency and year, and only the one report shown per agency and year is read and deserialised
    /// (at 2,000 agencies the scans per agency and every superseded version's JSON cost seconds per request).
    /// </remarks>
    private async Task<List<SupervisedReport>> LoadAsync(
        IReadOnlyList<ScopedAgency> agencies, int year, bool withFindings, CancellationToken cancellationToken, int? version = null)
    {
        var ids = agencies.Select(a => a.Id).ToList();
        var before = withFindings ? year - 1 : year;
        var heads = await db.AnnualReports.AsNoTracking()
            .Where(r => ids.Contains(r.AgencyId) && (r.Year == year || r.Year == before) && r.Status == AnnualReportStatus.Published)
            .Select(r => new { r.Id, r.AgencyId, r.Year, r.Version, r.PublishedAtUtc })
            .ToListAsync(cancellationToken);
        var drafts = (await db.AnnualReports.AsNoTracking()
            .Where(r => ids.Contains(r.AgencyId) && r.Year == year && r.Status == AnnualReportStatus.Draft)
            .Select(r => r.AgencyId)
            .ToListAsync(cancellationToken)).ToHashSet();
        var collectedHeads = await db.CollectedReports.AsNoTracking()
            .Where(r => r.AgencyId != null && ids.Contains(r.AgencyId.Value) && (r.Year == year || r.Year == before) && r.Status == CollectedReportStatus.Confirmed)
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
        var platformNeeded = platform.Values.Select(p => p.Id).ToList();
        var contents = await db.AnnualReports.AsNoTracking()
            .Where(r => platformNeeded.Contains(r.Id))
            .Select(r => new { r.Id, r.Year, r.Json, r.Table2Sources })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var files = await db.CollectedReports.AsNoTracking()
            .Where(r => collectedNeeded.Contains(r.Id))
            .Select(r => new { r.Id, r.Json, r.ParseFindings, r.PublishedOn })
            .ToDictionaryAsync(r => r.Id, cancellationToken);

        AnnualReport Platform(Guid id)
        {
            var stored = contents[id];
            return AnnualReportStore.Frozen(stored.Year, stored.Json, stored.Table2Sources).Report;
        }

        var result = new List<SupervisedReport>(agencies.Count);
        foreach (var agency in agencies)
        {
            AnnualReport? previous = null;
            if (withFindings)
            {
                previous = platform.TryGetValue((agency.Id, year - 1), out var p) ? Platform(p.Id)
                    : collectedLatest.TryGetValue((agency.Id, year - 1), out var c) ? ReportJson.Deserialize(files[c.Id].Json) : null;
            }

            var hasDraft = drafts.Contains(agency.Id);
            if (platform.TryGetValue((agency.Id, year), out var shown))
            {
                var report = Platform(shown.Id);
                // The deadline is met by the first publication; a later corrected version does not make it late.
                result.Add(new SupervisedReport(agency, year, ReportSource.Platform, shown.Version, null,
                    DateText.ChinaDate(firstPublished[agency.Id]), hasDraft, report, withFindings ? ReportValidator.Validate(report, previous) : []));
            }
            else if (version is null && collectedLatest.TryGetValue((agency.Id, year), out var latest))
            {
                var file = files[latest.Id];
                var report = ReportJson.Deserialize(file.Json);
                result.Add(new SupervisedReport(agency, year, ReportSource.Collected, null, file.Id, file.PublishedOn, hasDraft, report,
                    withFindings ? [.. ParseFindings(file.ParseFindings), .. ReportValidator.Validate(report, previous)] : []));
            }
            else
            {
                result.Add(new SupervisedReport(agency, year, ReportSource.None, null, null, null, hasDraft, null, []));
            }
        }

        return result;
    }
}

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
    public async Task<IReadOnlyList<SupervisedReport>> ForYearAsync(int year, CancellationToken cancellationToken = default)
    {
        var agencies = await scope.AgenciesAsync(cancellationToken);
        return await LoadAsync(agencies, year, cancellationToken);
    }

    /// <summary>One agency of the subtree, or null when it is outside it. A <paramref name="version"/> selects an older published version.</summary>
    public async Task<SupervisedReport?> ForAgencyAsync(Guid agencyId, int year, int? version = null, CancellationToken cancellationToken = default)
    {
        if (!ReportDeadlines.IsPlausibleYear(year) || await scope.AgencyAsync(agencyId, cancellationToken) is not { } agency)
        {
            return null;
        }

        return (await LoadAsync([agency], year, cancellationToken, version)).Single();
    }

    private async Task<List<SupervisedReport>> LoadAsync(
        IReadOnlyList<ScopedAgency> agencies, int year, CancellationToken cancellationToken, int? version = null)
    {
        var ids = agencies.Select(a => a.Id).ToList();
        var published = await db.AnnualReports.AsNoTracking()
            .Where(r => ids.Contains(r.AgencyId) && (r.Year == year || r.Year == year - 1) && r.Status == AnnualReportStatus.Published)
            .ToListAsync(cancellationToken);
        var drafts = await db.AnnualReports.AsNoTracking()
            .Where(r => ids.Contains(r.AgencyId) && r.Year == year && r.Status == AnnualReportStatus.Draft)
            .Select(r => r.AgencyId)
            .ToListAsync(cancellationToken);
        var collected = await db.CollectedReports.AsNoTracking()
            .Where(r => r.AgencyId != null && ids.Contains(r.AgencyId.Value) && (r.Year == year || r.Year == year - 1) && r.Status == CollectedReportStatus.Confirmed)
            .ToListAsync(cancellationToken);

        AnnualReportRecord? Platform(Guid agency, int y, int? v = null) => published
            .Where(r => r.AgencyId == agency && r.Year == y && (v == null || r.Version == v))
            .MaxBy(r => r.Version);
        CollectedReportRecord? Collected(Guid agency, int y) => collected
            .Where(r => r.AgencyId == agency && r.Year == y)
            .MaxBy(r => r.ConfirmedAtUtc);

        var result = new List<SupervisedReport>();
        foreach (var agency in agencies)
        {
            AnnualReport? previous = Platform(agency.Id, year - 1) is { } p
                ? AnnualReportStore.Frozen(p).Report
                : Collected(agency.Id, year - 1) is { } c ? ReportJson.Deserialize(c.Json) : null;
            var hasDraft = drafts.Contains(agency.Id);
            if (Platform(agency.Id, year, version) is { } platform)
            {
                var report = AnnualReportStore.Frozen(platform).Report;
                // The deadline is met by the first publication; a later corrected version does not make it late.
                var first = published.Where(r => r.AgencyId == agency.Id && r.Year == year).Min(r => r.PublishedAtUtc!.Value);
                result.Add(new SupervisedReport(agency, year, ReportSource.Platform, platform.Version, null,
                    DateText.ChinaDate(first), hasDraft, report, ReportValidator.Validate(report, previous)));
            }
            else if (version is null && Collected(agency.Id, year) is { } file)
            {
                var report = ReportJson.Deserialize(file.Json);
                result.Add(new SupervisedReport(agency, year, ReportSource.Collected, null, file.Id, file.PublishedOn, hasDraft, report,
                    [.. ParseFindings(file.ParseFindings), .. ReportValidator.Validate(report, previous)]));
            }
            else
            {
                result.Add(new SupervisedReport(agency, year, ReportSource.None, null, null, null, hasDraft, null, []));
            }
        }

        return result;
    }
}

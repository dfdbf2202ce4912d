using System.Globalization;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Validation;
using Gongkai.Data;
using Gongkai.Data.Agencies;
using Gongkai.Data.AnnualReports;
using Gongkai.Data.Supervision;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.AnnualReports;

/// <summary>The agency a report belongs to, as the report pages need it.</summary>
public sealed record AgencyInfo(Guid Id, string Name, AgencyKind Kind, Guid RegionId);

/// <summary>One stored version of a report, for the history list.</summary>
public sealed record ReportVersion(
    int Version, AnnualReportStatus Status, DateTime UpdatedAtUtc, string UpdatedBy, DateTime? PublishedAtUtc, string? PublishedBy);

/// <summary>
/// A report ready to show or export: the record it came from (null for a draft never saved), the report with its
/// editable parts recomposed (so findings lead back to sections) and its source notes.
/// </summary>
public sealed record LoadedReport(AnnualReportRecord? Record, AnnualReport Report, ReportContent Content);

/// <summary>The answer to a publish request: the published version, or the error findings that prevent it.</summary>
public sealed record PublishResult(int? PublishedVersion, string? Refusal, IReadOnlyList<Finding> Blocking);

/// <summary>
/// Annual-report versions of an agency and year. At most one draft exists, and it is the latest version; publishing
/// freezes it (tables 三 and 四 as computed at that moment); saving after publishing starts draft v(n+1) from the
/// published text. A draft always shows the tables computed live from the cases.
/// </summary>
public sealed class AnnualReportStore(
    GongkaiDbContext db, CaseTableQuery tables, TimeProvider clock, AuditLog audit, Staff staff)
{
    public async Task<AgencyInfo?> AgencyAsync(Guid agencyId, CancellationToken cancellationToken = default) =>
        await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId)
            .Select(a => new AgencyInfo(a.Id, a.Name, a.Kind, a.RegionId))
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<ReportVersion>> VersionsAsync(Guid agencyId, int year, CancellationToken cancellationToken = default) =>
        await db.AnnualReports.AsNoTracking()
            .Where(r => r.AgencyId == agencyId && r.Year == year)
            .OrderByDescending(r => r.Version)
            .Select(r => new ReportVersion(r.Version, r.Status, r.UpdatedAtUtc, r.UpdatedBy, r.PublishedAtUtc, r.PublishedBy))
            .ToListAsync(cancellationToken);

    public Task<AnnualReportRecord?> LatestAsync(Guid agencyId, int year, CancellationToken cancellationToken = default) =>
        db.AnnualReports.Where(r => r.AgencyId == agencyId && r.Year == year)
            .OrderByDescending(r => r.Version).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The latest published version, or the given one if it is published.</summary>
    public async Task<LoadedReport?> PublishedAsync(Guid agencyId, int year, int? version = null, CancellationToken cancellationToken = default)
    {
        var record = await db.AnnualReports.AsNoTracking()
            .Where(r => r.AgencyId == agencyId && r.Year == year && r.Status == AnnualReportStatus.Published && (version == null || r.Version == version))
            .OrderByDescending(r => r.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return record is null ? null : Frozen(record);
    }

    /// <summary>Any stored version as it was saved (a draft's tables as of its last save).</summary>
    public async Task<LoadedReport?> VersionAsync(Guid agencyId, int year, int version, CancellationToken cancellationToken = default)
    {
        var record = await db.AnnualReports.AsNoTracking()
            .SingleOrDefaultAsync(r => r.AgencyId == agencyId && r.Year == year && r.Version == version, cancellationToken);
        return record is null ? null : Frozen(record);
    }

    /// <summary>
    /// What the workspace shows: the latest version's text (a new, unsaved draft when there is none) with the tables
    /// computed now; a published latest version is shown as the starting point of the next draft.
    /// </summary>
    public async Task<LoadedReport> CurrentAsync(AgencyInfo agency, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var record = await LatestAsync(agency.Id, year, cancellationToken);
        var content = record is null
            ? new ReportContent()
            : ReportContent.From(ReportJson.Deserialize(record.Json), record.Table2Sources);
        var live = await tables.ComputeAsync(agency.Id, year, cancellationToken);
        var report = content.Compose(NationalFormat.Title(agency.Name, year), agency.Name, year, live.Table3, live.Table4);
        return new LoadedReport(record, report, content);
    }

    /// <summary>
    /// The report the cross-year rules compare with: the agency's latest published report for the year before, or
    /// a supervisor's confirmed collection of it when the agency did not publish on the platform then.
    /// </summary>
    public async Task<AnnualReport?> PreviousAsync(Guid agencyId, int year, CancellationToken cancellationToken = default)
    {
        if (await PublishedAsync(agencyId, year - 1, cancellationToken: cancellationToken) is { } published)
        {
            return published.Report;
        }

        var collected = await db.CollectedReports.AsNoTracking()
            .Where(r => r.AgencyId == agencyId && r.Year == year - 1 && r.Status == CollectedReportStatus.Confirmed)
            .OrderByDescending(r => r.ConfirmedAtUtc)
            .Select(r => r.Json)
            .FirstOrDefaultAsync(cancellationToken);
        return collected is null ? null : ReportJson.Deserialize(collected);
    }

    /// <summary>
    /// Saves the content as the draft: the existing draft is overwritten, otherwise (nothing saved yet, or the latest
    /// version is published) a new draft version is created. Tables 三 and 四 are stored as computed now.
    /// </summary>
    public async Task<AnnualReportRecord> SaveAsync(AgencyInfo agency, int year, ReportContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(content);
        var live = await tables.ComputeAsync(agency.Id, year, cancellationToken);
        var report = content.Compose(NationalFormat.Title(agency.Name, year), agency.Name, year, live.Table3, live.Table4);
        var now = clock.GetUtcNow().UtcDateTime;
        var latest = await LatestAsync(agency.Id, year, cancellationToken);
        var record = latest;
        if (latest is null || latest.Status == AnnualReportStatus.Published)
        {
            record = new AnnualReportRecord
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                AgencyId = agency.Id,
                Year = year,
                Version = (latest?.Version ?? 0) + 1,
                Status = AnnualReportStatus.Draft,
                Json = "",
                UpdatedBy = "",
            };
            db.AnnualReports.Add(record);
        }

        record!.Json = ReportJson.Serialize(report);
        record.Table2Sources = content.SourcesJson();
        record.UpdatedAtUtc = now;
        record.UpdatedBy = staff.DisplayName;
        audit.Record("annual-report.saved", "AnnualReport", record.Id.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"保存{agency.Name}{year}年度报告草稿第{record.Version}版"), agency.Id);
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    /// <summary>
    /// Publishes the draft with the tables computed now, unless the year is not over or a rule of error severity
    /// fails (the refusal names each). The published version is frozen from then on.
    /// </summary>
    public async Task<PublishResult> PublishAsync(AgencyInfo agency, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var today = ChinaTime.Today(clock);
        if (!ReportDeadlines.YearIsOver(year, today))
        {
            return new PublishResult(null, ReportDeadlines.YearNotOver(year), []);
        }

        var record = await LatestAsync(agency.Id, year, cancellationToken);
        if (record is not { Status: AnnualReportStatus.Draft })
        {
            return new PublishResult(null, "没有待发布的草稿：请先保存草稿。", []);
        }

        var current = await CurrentAsync(agency, year, cancellationToken);
        var previous = await PreviousAsync(agency.Id, year, cancellationToken);
        var errors = ReportValidator.Validate(current.Report, previous).Where(f => f.Severity == Severity.Error).ToList();
        if (errors.Count > 0)
        {
            return new PublishResult(null, string.Create(CultureInfo.InvariantCulture, $"还有 {errors.Count} 项错误，不能发布。请逐项改正后再发布："), errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        record.Json = ReportJson.Serialize(current.Report);
        record.Status = AnnualReportStatus.Published;
        record.PublishedAtUtc = now;
        record.PublishedBy = staff.DisplayName;
        record.UpdatedAtUtc = now;
        record.UpdatedBy = staff.DisplayName;
        audit.Record("annual-report.published", "AnnualReport", record.Id.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"发布{agency.Name}{year}年度报告第{record.Version}版"), agency.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new PublishResult(record.Version, null, []);
    }

    /// <summary>A stored version with its text recomposed over its stored tables, title and organisation.</summary>
    public static LoadedReport Frozen(AnnualReportRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (report, content) = Frozen(record.Year, record.Json, record.Table2Sources);
        return new LoadedReport(record, report, content);
    }

    /// <summary>The same from the three columns it needs (readers of many reports load no more than these).</summary>
    public static (AnnualReport Report, ReportContent Content) Frozen(int year, string json, string? table2Sources)
    {
        var stored = ReportJson.Deserialize(json);
        var content = ReportContent.From(stored, table2Sources);
        var report = content.Compose(stored.Title ?? "", stored.Organization ?? "", stored.Year ?? year, stored.Table3, stored.Table4);
        return (report, content);
    }
}

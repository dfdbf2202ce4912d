using System.Security.Cryptography;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Parsing;
using Gongkai.AnnualReports.Validation;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Supervision;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Supervision;

/// <summary>What happened to one uploaded file.</summary>
/// <param name="FileName">The file's name as uploaded.</param>
/// <param name="Record">The stored report, or null when the file was not taken.</param>
/// <param name="Problem">Why the file was not taken, in Chinese (null when it was).</param>
/// <param name="SuggestedAgency">The agency whose name matches the organisation the parser read, when exactly one does.</param>
/// <param name="Errors">Error findings (parser and rules).</param>
/// <param name="Warnings">Warning findings.</param>
public sealed record CollectedFile(string FileName, CollectedReportRecord? Record, string? Problem, ScopedAgency? SuggestedAgency, int Errors, int Warnings);

/// <summary>
/// Reads published reports of agencies not on the platform, checks them and stores them for a supervisor to assign.
/// One bad file never stops the batch: it gets its own message. Every file is read within the
/// <see cref="ReportReadLimits"/> of the "ReportReading" configuration section (the defaults when it is absent), so no
/// upload can hold the server longer or use more memory than those allow.
/// </summary>
public sealed class ReportCollector(GongkaiDbContext db, RegionScope scope, Staff staff, AuditLog audit, TimeProvider clock, IOptions<ReportReadLimits> limits)
{

    public async Task<IReadOnlyList<CollectedFile>> CollectAsync(IEnumerable<IFormFile> files, int? year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var agencies = await scope.AgenciesAsync(cancellationToken);
        var results = new List<CollectedFile>();
        foreach (var file in files)
        {
            results.Add(await CollectAsync(file, year, agencies, cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);
        return results;
    }

    /// <summary>
    /// The agency named like the organisation the parser read: the same name (spaces ignored), or else the only agency
    /// whose name contains it or is contained in it.
    /// </summary>
    public static ScopedAgency? Match(string? organization, IReadOnlyList<ScopedAgency> agencies)
    {
        ArgumentNullException.ThrowIfNull(agencies);
        var name = Compact(organization);
        if (name.Length == 0)
        {
            return null;
        }

        var exact = agencies.Where(a => Compact(a.Name) == name).ToList();
        if (exact.Count == 1)
        {
            return exact[0];
        }

        var near = agencies.Where(a => Compact(a.Name) is var own && (name.Contains(own, StringComparison.Ordinal) || own.Contains(name, StringComparison.Ordinal))).ToList();
        return near.Count == 1 ? near[0] : null;
    }

    private async Task<CollectedFile> CollectAsync(IFormFile file, int? year, IReadOnlyList<ScopedAgency> agencies, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file.FileName);
        if (file.Length == 0)
        {
            return new CollectedFile(name, null, "文件是空的。", null, 0, 0);
        }

        byte[] bytes;
        try
        {
            await using var stream = file.OpenReadStream();
            bytes = await ReportParser.ReadAllAsync(stream, name, limits.Value, cancellationToken);
        }
        catch (ReportReadException exception)
        {
            return new CollectedFile(name, null, exception.Message, null, 0, 0);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var collectedBy = staff.AgencyId;
        if (db.CollectedReports.Local.FirstOrDefault(r => r.CollectedByAgencyId == collectedBy && r.Sha256 == hash) is { } sameBatch)
        {
            return new CollectedFile(name, null, $"同一文件在本次上传中已有（“{sameBatch.FileName}”），未重复保存。", null, 0, 0);
        }

        if (await db.CollectedReports.AsNoTracking().Where(r => r.CollectedByAgencyId == collectedBy && r.Sha256 == hash)
                .Select(r => new { r.FileName, r.UploadedAtUtc }).FirstOrDefaultAsync(cancellationToken) is { } earlier)
        {
            return new CollectedFile(name, null, $"同一文件已于 {DateText.Minute(earlier.UploadedAtUtc)} 收集过（“{earlier.FileName}”），未重复保存。", null, 0, 0);
        }

        ReportParseResult parsed;
        try
        {
            parsed = await ReportParser.ParseBytesAsync(bytes, name, limits: limits.Value, cancellationToken: cancellationToken);
        }
        catch (ReportReadException exception)
        {
            return new CollectedFile(name, null, exception.Message, null, 0, 0);
        }

        var report = parsed.Report;
        var findings = ReportCheck.Findings(parsed);
        var suggestion = Match(report.Organization, agencies);
        var now = clock.GetUtcNow();
        var record = new CollectedReportRecord
        {
            Id = Guid.CreateVersion7(now),
            CollectedByAgencyId = collectedBy,
            AgencyId = suggestion?.Id,
            Year = report.Year ?? year,
            Status = CollectedReportStatus.Unconfirmed,
            FileName = Truncate(name, 260),
            Sha256 = hash,
            Size = bytes.Length,
            Organization = report.Organization is { } organization ? Truncate(organization, 200) : null,
            Title = report.Title is { } title ? Truncate(title, 300) : null,
            Json = ReportJson.Serialize(report),
            ParseFindings = SupervisedReports.ParseFindingsJson(parsed.Findings),
            UploadedAtUtc = now.UtcDateTime,
            UploadedBy = staff.DisplayName,
        };
        db.CollectedReports.Add(record);
        audit.Record("annual-report.collected", "CollectedReport", record.Id.ToString(), $"收集年度报告文件“{name}”（{report.Title ?? "未识别标题"}）");
        return new CollectedFile(name, record, null, suggestion,
            findings.Count(f => f.Severity == Severity.Error), findings.Count(f => f.Severity == Severity.Warning));
    }

    private static string Compact(string? text) => string.Concat((text ?? "").Where(c => !char.IsWhiteSpace(c)));

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

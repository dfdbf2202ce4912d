using System.Globalization;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Supervision;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>
/// Collecting reports that agencies published elsewhere: upload many files at once (any format the report engine
/// reads), see what was read from each, then confirm by hand which agency and year each belongs to. Only confirmed
/// reports count in the dashboard and the aggregation.
/// </summary>
[Authorize(Roles = Roles.Supervisor)]
[RequestSizeLimit(200 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 200 * 1024 * 1024)]
public sealed class CollectModel(GongkaiDbContext db, RegionScope scope, ReportCollector collector, Staff staff, AuditLog audit, TimeProvider clock) : PageModel
{
    /// <summary>One unconfirmed report in the confirmation form.</summary>
    public sealed class ConfirmRow
    {
        public Guid Id { get; set; }

        public bool Selected { get; set; }

        public Guid? AgencyId { get; set; }

        public int? Year { get; set; }

        public DateOnly? PublishedOn { get; set; }
    }

    public IReadOnlyList<CollectedFile> Results { get; private set; } = [];

    public IReadOnlyList<CollectedReportRecord> Pending { get; private set; } = [];

    public IReadOnlyList<CollectedReportRecord> Confirmed { get; private set; } = [];

    public IReadOnlyList<ScopedAgency> Agencies { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public DateOnly Today { get; private set; }

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    /// <summary>The year for files whose title names none.</summary>
    [BindProperty]
    public int? Year { get; set; }

    [BindProperty]
    public List<ConfirmRow> Rows { get; set; } = [];

    public string AgencyName(Guid? id) => Agencies.FirstOrDefault(a => a.Id == id)?.Name ?? "";

    public ConfirmRow? Posted(Guid id) => Rows.FirstOrDefault(r => r.Id == id);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        Today = ChinaTime.Today(clock);
        if (Files.Count == 0)
        {
            Errors["Files"] = "请选择要上传的报告文件（可一次选择多个）。";
        }

        if (Year is { } year && (year < 2008 || year > Today.Year))
        {
            Errors["Year"] = string.Create(CultureInfo.InvariantCulture, $"报告年度应在 2008 至 {Today.Year} 之间。");
        }

        if (Errors.Count == 0)
        {
            Results = await collector.CollectAsync(Files, Year, cancellationToken);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var selected = Rows.Where(r => r.Selected).ToList();
        if (selected.Count == 0)
        {
            Errors["Rows"] = "请勾选要确认的报告。";
            return Page();
        }

        var records = await db.CollectedReports
            .Where(r => r.CollectedByAgencyId == staff.AgencyId && r.Status == CollectedReportStatus.Unconfirmed)
            .ToListAsync(cancellationToken);
        var confirmed = 0;
        foreach (var row in selected)
        {
            var record = records.FirstOrDefault(r => r.Id == row.Id);
            if (record is null)
            {
                continue;
            }

            var key = row.Id.ToString();
            if (row.AgencyId is not { } agencyId || Agencies.All(a => a.Id != agencyId))
            {
                Errors["agency-" + key] = $"请为“{record.FileName}”选择所属机关。";
            }

            if (row.Year is not { } year || year < 2008 || year > Today.Year)
            {
                Errors["year-" + key] = $"请为“{record.FileName}”填写报告年度（2008 至 {Today.Year.ToString(CultureInfo.InvariantCulture)}）。";
            }

            if (row.PublishedOn is { } on && (on > Today || (row.Year is { } y && on.Year <= y)))
            {
                Errors["published-" + key] = $"“{record.FileName}”的发布日期应在报告年度之后，且不晚于今天。";
            }

            if (Errors.Keys.Any(k => k.EndsWith(key, StringComparison.Ordinal)))
            {
                continue;
            }

            record.AgencyId = row.AgencyId;
            record.Year = row.Year;
            record.PublishedOn = row.PublishedOn;
            record.Status = CollectedReportStatus.Confirmed;
            record.ConfirmedAtUtc = clock.GetUtcNow().UtcDateTime;
            record.ConfirmedBy = staff.DisplayName;
            audit.Record("annual-report.collected.confirmed", "CollectedReport", record.Id.ToString(),
                string.Create(CultureInfo.InvariantCulture, $"确认“{record.FileName}”为{AgencyName(row.AgencyId)}{row.Year}年度报告"), row.AgencyId);
            confirmed++;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (Errors.Count > 0)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData["Message"] = string.Create(CultureInfo.InvariantCulture, $"已确认 {confirmed} 份报告。");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var record = await db.CollectedReports.SingleOrDefaultAsync(r => r.Id == id && r.CollectedByAgencyId == staff.AgencyId, cancellationToken);
        if (record is null)
        {
            return NotFound();
        }

        db.CollectedReports.Remove(record);
        audit.Record("annual-report.collected.deleted", "CollectedReport", record.Id.ToString(), $"删除收集的报告文件“{record.FileName}”");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = $"已删除“{record.FileName}”。";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Today = ChinaTime.Today(clock);
        Agencies = await scope.AgenciesAsync(cancellationToken);
        var mine = await db.CollectedReports.AsNoTracking()
            .Where(r => r.CollectedByAgencyId == staff.AgencyId)
            .OrderByDescending(r => r.UploadedAtUtc)
            .ToListAsync(cancellationToken);
        Pending = [.. mine.Where(r => r.Status == CollectedReportStatus.Unconfirmed)];
        Confirmed = [.. mine.Where(r => r.Status == CollectedReportStatus.Confirmed).Take(50)];
    }
}

using System.Text.Json;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Gongkai.Web.Supervision;

/// <summary>
/// 考核: a region's ranking for a period under the scheme in force, each score opening what it counts. A supervisor
/// closes a finished period (考核结果定稿), which stores the results so the published ranking never changes.
/// </summary>
[Authorize(Roles = Roles.Supervisor + "," + Roles.Administrator)]
public sealed class AssessmentModel(Assessments assessments, AssessmentSnapshots snapshots, RegionScope scope, GongkaiDbContext db, AuditLog audit, Staff staff, IMemoryCache cache, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Region { get; set; }

    public AssessmentPeriod SelectedPeriod { get; private set; } = AssessmentPeriod.OfYear(2025);

    public Region SelectedRegion { get; private set; } = null!;

    public IReadOnlyList<Region> Regions { get; private set; } = [];

    public IReadOnlyList<AssessmentPeriod> Choices { get; private set; } = [];

    public AssessmentResult? Result { get; private set; }

    /// <summary>The background computation of a large region's ranking, or null when it is live or closed.</summary>
    public SnapshotView? Snapshot { get; private set; }

    /// <summary>A scheme is in force for the period (the ranking may still be computing).</summary>
    public bool HasScheme { get; private set; }

    /// <summary>Agencies per page of the ranking: 2,000 agencies' lines were 6.8 MB of HTML on one page.</summary>
    public const int PageSize = 100;

    public int PageNumber { get; private set; } = 1;

    public int PageCount => Result is null ? 1 : Math.Max(1, (Result.Ranking.Count + PageSize - 1) / PageSize);

    /// <summary>The rows of the ranking on this page.</summary>
    public IEnumerable<RankedScore> Shown => Result is null ? [] : Result.Ranking.Skip((PageNumber - 1) * PageSize).Take(PageSize);

    public string PageUrl(int page) => $"/supervision/assessment?period={SelectedPeriod.Key}&region={SelectedRegion.Id}&page={page.ToString(System.Globalization.CultureInfo.InvariantCulture)}#ranking";

    public int RefreshMinutes => (int)Math.Ceiling(snapshots.Refresh.TotalMinutes);

    public bool CanRecompute => staff.IsInRole(Roles.Supervisor) && Snapshot is not null;

    /// <summary>The JSON address the page polls while the ranking is computed.</summary>
    public string StatusUrl => $"/supervision/assessment?handler=state&period={SelectedPeriod.Key}&region={SelectedRegion.Id}";

    public bool CanClose => staff.IsInRole(Roles.Supervisor) && Result is { ClosedAtUtc: null } && SelectedPeriod.End < assessments.Today;

    public string? Message { get; private set; }

    /// <summary>The day the live figures run to: the period's end, or today while it runs.</summary>
    public DateOnly AsOf => SelectedPeriod.End < assessments.Today ? SelectedPeriod.End : assessments.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Message = TempData["Message"] as string;
        return Page();
    }

    /// <summary>The ranking as CSV (one row per agency, points and values of every indicator).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken) =>
        !await LoadAsync(cancellationToken) || Result is null
            ? NotFound()
            : File(SheetExport.Csv(AssessmentSheets.Ranking(Result)), SheetExport.CsvType, FileName("csv"));

    /// <summary>The ranking and every agency's indicator lines as an Excel workbook.</summary>
    /// <remarks>
    /// A ranking computed in the background is the same until the next computation, so its workbook is made once per
    /// node, computation and reader's office (the reader's own office is not in it) and kept in memory for 15 minutes.
    /// </remarks>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || Result is not { } result)
        {
            return NotFound();
        }

        byte[] Make() => SheetExport.Xlsx(AssessmentSheets.Ranking(result), AssessmentSheets.Lines(result));
        var bytes = result.Computation is { } computation
            ? cache.GetOrCreate(("assessment.xlsx", computation, staff.AgencyId), entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(15);
                return Make();
            })!
            : Make();
        return File(bytes, SheetExport.XlsxType, FileName("xlsx"));
    }

    /// <summary>The background computation's state as JSON (for assessment-snapshot.js), or 404 when the ranking is live.</summary>
    public async Task<IActionResult> OnGetStateAsync(CancellationToken cancellationToken)
    {
        if (!await SelectAsync(cancellationToken) || await snapshots.StateAsync(SelectedRegion, SelectedPeriod, cancellationToken) is not { } view)
        {
            return NotFound();
        }

        return new JsonResult(view);
    }

    /// <summary>重新计算: queues the region's ranking for the background job (a supervisor of the region).</summary>
    public async Task<IActionResult> OnPostRecomputeAsync(CancellationToken cancellationToken)
    {
        if (!await SelectAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!staff.IsInRole(Roles.Supervisor))
        {
            return Forbid();
        }

        if (!await snapshots.InBackgroundAsync(SelectedRegion, cancellationToken))
        {
            TempData["Message"] = "本地区的排名在打开页面时实时计算，无需重新计算。";
        }
        else
        {
            var (_, queued) = await snapshots.RequestAsync(SelectedRegion, SelectedPeriod, staff.DisplayName, cancellationToken);
            TempData["Message"] = queued ? "已提交重新计算，完成后本页显示新的排名。" : "排名正在计算中，完成后本页显示新的排名。";
        }

        return Redirect($"/supervision/assessment?period={SelectedPeriod.Key}&region={SelectedRegion.Id}");
    }

    private string FileName(string extension) => $"{SelectedRegion.Name}{SelectedPeriod.Label}考核结果.{extension}";

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!CanClose || Result is null)
        {
            Message = Result is null ? "本考核期没有施行中的考核方案。" : Result.ClosedAtUtc is not null ? "本考核期的结果已经定稿。" : "考核期结束后才能定稿。";
            return Page();
        }

        // What is stored keeps every value's ids, so the drill-down of a closed period shows what was counted then.
        Result = await assessments.AssessAsync(SelectedRegion, SelectedPeriod, withIds: true, cancellationToken) ?? Result;

        db.AssessmentResults.Add(new AssessmentResultRecord
        {
            Id = Guid.CreateVersion7(),
            RegionId = SelectedRegion.Id,
            PeriodKey = SelectedPeriod.Key,
            SchemeId = Result.Scheme.Id,
            ResultsJson = JsonSerializer.Serialize(Result.Ranking, Assessments.Json),
            ClosedAtUtc = clock.GetUtcNow().UtcDateTime,
            ClosedBy = staff.DisplayName,
        });
        audit.Record("assessment.closed", "AssessmentResult", SelectedPeriod.Key,
            $"{SelectedRegion.Name}{SelectedPeriod.Label}考核结果定稿（考核方案第 {Result.Scheme.Scheme.Version} 版，{Result.Ranking.Count} 个机关）");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            Message = "本考核期的结果已经定稿。";
            return Page();
        }

        TempData["Message"] = $"{SelectedPeriod.Label}考核结果已定稿，此后数据变化不再影响排名。";
        return Redirect($"/supervision/assessment?period={SelectedPeriod.Key}&region={SelectedRegion.Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!await SelectAsync(cancellationToken))
        {
            return false;
        }

        var read = await snapshots.ReadAsync(SelectedRegion, SelectedPeriod, cancellationToken);
        (Result, Snapshot, HasScheme) = (read.Result, read.Snapshot, read.HasScheme);
        PageNumber = int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var requested)
            ? Math.Clamp(requested, 1, PageCount)
            : 1;
        return true;
    }

    private async Task<bool> SelectAsync(CancellationToken cancellationToken)
    {
        Regions = await scope.RegionsAsync(cancellationToken);
        if (await assessments.RegionAsync(Region, cancellationToken) is not { } region)
        {
            return false;
        }

        SelectedRegion = region;
        var today = assessments.Today;
        SelectedPeriod = AssessmentPeriod.TryParse(Period, out var period) && period.Start <= today
            ? period
            : AssessmentPeriod.Containing(today, PeriodKind.Quarter);
        Choices = PeriodChoices(today);
        return true;
    }

    /// <summary>The quarters and years of this year and the two before, newest first.</summary>
    public static IReadOnlyList<AssessmentPeriod> PeriodChoices(DateOnly today)
    {
        var choices = new List<AssessmentPeriod>();
        for (var year = today.Year; year >= Math.Max(2000, today.Year - 2); year--)
        {
            choices.Add(AssessmentPeriod.OfYear(year));
            for (var quarter = 4; quarter >= 1; quarter--)
            {
                var period = AssessmentPeriod.OfQuarter(year, quarter);
                if (period.Start <= today)
                {
                    choices.Add(period);
                }
            }
        }

        return choices;
    }
}

using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Supervision;
using Gongkai.Web.Letters;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>
/// 考核通报: the notice of a period's assessment — the ranking table, the main problems (the indicators where most
/// agencies lost points) and the rectifications raised or due in the period with where they stand — as a printable
/// page and as a Word document in the layout of the reply letters.
/// </summary>
[Authorize(Roles = Roles.Supervisor + "," + Roles.Administrator)]
public sealed class BulletinModel(Assessments assessments, GongkaiDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Region { get; set; }

    public AssessmentPeriod SelectedPeriod { get; private set; } = AssessmentPeriod.OfYear(2025);

    public Region SelectedRegion { get; private set; } = null!;

    /// <summary>The 通报's text, or null when no scheme is in force for the period.</summary>
    public BulletinContent? Bulletin { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetDocxAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || Bulletin is null)
        {
            return NotFound();
        }

        return File(BulletinDocx.Render(Bulletin), LetterFiles.DocxType, Bulletin.Title + ".docx");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await assessments.RegionAsync(Region, cancellationToken) is not { } region)
        {
            return false;
        }

        var period = AssessmentPeriod.TryParse(Period, out var asked) && asked.Start <= assessments.Today
            ? asked
            : AssessmentPeriod.Containing(assessments.Today, PeriodKind.Quarter);
        SelectedRegion = region;
        SelectedPeriod = period;
        if (await assessments.AssessAsync(region, period, cancellationToken) is not { } result)
        {
            return true;
        }

        var ids = result.Agencies.Keys.ToList();
        var (start, end) = (period.Start, period.End);
        var rectifications = await db.Rectifications.AsNoTracking()
            .Where(r => ids.Contains(r.AgencyId) && ((r.RaisedOn >= start && r.RaisedOn <= end) || (r.DueOn >= start && r.DueOn <= end)))
            .OrderBy(r => r.RaisedOn).ToListAsync(cancellationToken);
        Bulletin = BulletinContent.From(result, rectifications, assessments.Today);
        return true;
    }
}

using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>
/// 考核通报: the printable notice of a period's assessment — the ranking table, the main problems (the indicators
/// where most agencies lost points) and the rectifications raised or due in the period with where they stand.
/// </summary>
[Authorize(Roles = Roles.Supervisor + "," + Roles.Administrator)]
public sealed class BulletinModel(Assessments assessments, GongkaiDbContext db) : PageModel
{
    /// <summary>An indicator where agencies lost points: how many of the assessed lost any, and their names.</summary>
    public sealed record Problem(string Indicator, int Losing, IReadOnlyList<string> Agencies);

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Region { get; set; }

    public AssessmentPeriod SelectedPeriod { get; private set; } = AssessmentPeriod.OfYear(2025);

    public Region SelectedRegion { get; private set; } = null!;

    public AssessmentResult? Result { get; private set; }

    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    public IReadOnlyList<RectificationRecord> RectificationList { get; private set; } = [];

    public DateOnly Today => assessments.Today;

    public string Name(Guid agency) => Result is not null && Result.Agencies.TryGetValue(agency, out var a) ? a.Name : "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await assessments.RegionAsync(Region, cancellationToken) is not { } region)
        {
            return NotFound();
        }

        var period = AssessmentPeriod.TryParse(Period, out var asked) && asked.Start <= assessments.Today
            ? asked
            : AssessmentPeriod.Containing(assessments.Today, PeriodKind.Quarter);

        SelectedRegion = region;
        SelectedPeriod = period;
        Result = await assessments.AssessAsync(region, period, cancellationToken);
        if (Result is null)
        {
            return Page();
        }

        Problems = [.. Result.Scheme.Scheme.Indicators.Select((line, i) => (line, i))
            .Select(x => new Problem(x.line.Name, 0, [.. Result.Ranking
                .Where(r => r.Score.Lines.Count > x.i && r.Score.Lines[x.i].Points is { } p && p < x.line.Weight)
                .Select(r => Name(r.Score.AgencyId))]))
            .Select(p => p with { Losing = p.Agencies.Count })
            .Where(p => p.Losing > 0)
            .OrderByDescending(p => p.Losing)];
        var ids = Result.Agencies.Keys.ToList();
        var (start, end) = (period.Start, period.End);
        RectificationList = await db.Rectifications.AsNoTracking()
            .Where(r => ids.Contains(r.AgencyId) && ((r.RaisedOn >= start && r.RaisedOn <= end) || (r.DueOn >= start && r.DueOn <= end)))
            .OrderBy(r => r.RaisedOn).ToListAsync(cancellationToken);
        return Page();
    }
}

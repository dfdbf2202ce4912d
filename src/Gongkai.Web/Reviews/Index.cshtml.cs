using Gongkai.AnnualReports;
using Gongkai.Data;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Reviews;

/// <summary>
/// The agency's reconsideration and lawsuit records for a year and the table 四 they produce, computed by the
/// domain (<see cref="CaseTables.BuildTable4"/>): decided in the year → its result; filed by 31 December and
/// undecided then → 尚未审结.
/// </summary>
[Authorize]
public sealed class IndexModel(GongkaiDbContext db, Staff staff, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public int SelectedYear { get; private set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    public Table4 Table { get; private set; } = new();

    public IReadOnlyList<ReviewRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!staff.IsAgencyStaff)
        {
            return NotFound();
        }

        var today = ChinaTime.Today(clock);
        SelectedYear = Year is { } wanted && AnnualReports.ReportDeadlines.IsPlausibleYear(wanted) ? wanted : today.Year;
        var result = await Table4Query.ForAgencyAsync(db, staff.AgencyId, SelectedYear, HttpContext.RequestAborted);
        Table = result.Table;
        Rows = result.Rows;
        var first = await db.Reviews.Where(r => r.AgencyId == staff.AgencyId).MinAsync(r => (DateOnly?)r.FiledOn, HttpContext.RequestAborted);
        var from = Math.Min(first?.Year ?? today.Year, SelectedYear);
        Years = [.. Enumerable.Range(from, Math.Max(today.Year, SelectedYear) - from + 1).Reverse()];
        return Page();
    }
}

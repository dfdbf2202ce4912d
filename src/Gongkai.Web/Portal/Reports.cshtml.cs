using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Rendering;
using Gongkai.Data;
using Gongkai.Data.AnnualReports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal;

/// <summary>
/// An agency's published annual reports: the chosen year (the latest by default) rendered as HTML in the national
/// layout by <see cref="HtmlReportRenderer"/> from the latest published version's JSON, and the list of every year.
/// </summary>
[AllowAnonymous]
public sealed class ReportsModel([FromKeyedServices(PublicReads.Key)] GongkaiDbContext db) : PageModel
{
    public Guid AgencyId { get; private set; }

    public string AgencyName { get; private set; } = "";

    public IReadOnlyList<(int Year, DateTime? PublishedAtUtc)> Years { get; private set; } = [];

    public int? Year { get; private set; }

    public string? Title { get; private set; }

    /// <summary>The report's body as the renderer writes it (its own title, headings, text and tables; each wide table scrolls on its own).</summary>
    public string? ReportHtml { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? year, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == id).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken);
        if (agency is null)
        {
            return NotFound();
        }

        AgencyId = id;
        AgencyName = agency;
        var published = await db.AnnualReports.AsNoTracking()
            .Where(r => r.AgencyId == id && r.Status == AnnualReportStatus.Published)
            .Select(r => new { r.Id, r.Year, r.Version, r.PublishedAtUtc })
            .ToListAsync(cancellationToken);
        var latest = published.GroupBy(r => r.Year).Select(g => g.MaxBy(r => r.Version)!).OrderByDescending(r => r.Year).ToList();
        Years = [.. latest.Select(r => (r.Year, r.PublishedAtUtc))];
        var chosen = year is { } wanted ? latest.FirstOrDefault(r => r.Year == wanted) : latest.FirstOrDefault();
        if (year is not null && chosen is null)
        {
            return NotFound();
        }

        if (chosen is not null)
        {
            var json = await db.AnnualReports.AsNoTracking().Where(r => r.Id == chosen.Id).Select(r => r.Json).SingleAsync(cancellationToken);
            var report = ReportJson.Deserialize(json);
            Year = chosen.Year;
            Title = HtmlReportRenderer.Title(report);
            ReportHtml = HtmlReportRenderer.RenderBody(report);
        }

        return Page();
    }
}

using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.AnnualReports;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.AnnualReports;

/// <summary>The agency's report years: status of each (none, draft vN, published vN) against its Art. 49 deadline.</summary>
[Authorize(Roles = Roles.Handler + "," + Roles.Reviewer + "," + Roles.Publisher + "," + Roles.Administrator)]
public sealed class IndexModel(GongkaiDbContext db, AnnualReportStore store, Staff staff, TimeProvider clock) : PageModel
{
    /// <summary>One report year as the list shows it.</summary>
    public sealed record YearRow(int Year, ReportVersion? Latest, ReportVersion? Published, DateOnly Deadline, (string Css, string Text) State);

    public AgencyInfo Agency { get; private set; } = null!;

    public IReadOnlyList<YearRow> Years { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await store.AgencyAsync(staff.AgencyId, cancellationToken) is not { } agency)
        {
            return NotFound();
        }

        Agency = agency;
        Today = ChinaTime.Today(clock);
        var versions = await db.AnnualReports.AsNoTracking()
            .Where(r => r.AgencyId == agency.Id)
            .Select(r => new { r.Year, Row = new ReportVersion(r.Version, r.Status, r.UpdatedAtUtc, r.UpdatedBy, r.PublishedAtUtc, r.PublishedBy) })
            .ToListAsync(cancellationToken);
        var firstCase = await db.Applications.AsNoTracking().Where(a => a.AgencyId == agency.Id)
            .Select(a => (DateOnly?)a.ReceivedOn).MinAsync(cancellationToken);

        // Every year from the first case (or last year) to this one, and any other year with a stored version.
        var first = Math.Max(ReportDeadlines.FirstYear, Math.Min(firstCase?.Year ?? Today.Year - 1, Today.Year - 1));
        var years = Enumerable.Range(first, Today.Year - first + 1).Union(versions.Select(v => v.Year)).OrderDescending();
        Years = [.. years.Select(year =>
        {
            var rows = versions.Where(v => v.Year == year).Select(v => v.Row).OrderByDescending(v => v.Version).ToList();
            var published = rows.FirstOrDefault(v => v.Status == AnnualReportStatus.Published);
            var deadline = ReportDeadlines.For(agency.Kind, year);
            // The deadline is met by the first publication; a later corrected version does not make it late.
            var first = rows.Where(v => v.PublishedAtUtc is not null).MinBy(v => v.Version);
            var publishedOn = first?.PublishedAtUtc is { } at ? DateText.ChinaDate(at) : (DateOnly?)null;
            return new YearRow(year, rows.FirstOrDefault(), published, deadline, ReportDisplay.Deadline(deadline, publishedOn, Today));
        })];
        return Page();
    }
}

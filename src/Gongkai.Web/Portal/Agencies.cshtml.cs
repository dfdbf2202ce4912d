using Gongkai.Data;
using Gongkai.Data.AnnualReports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal;

/// <summary>Every agency with links to its catalogue, guide and published annual reports.</summary>
[AllowAnonymous]
public sealed class AgenciesModel([FromKeyedServices(PublicReads.Key)] GongkaiDbContext db) : PageModel
{
    public IReadOnlyList<PortalAgency> Agencies { get; private set; } = [];

    public ILookup<Guid, int> ReportYears { get; private set; } = Enumerable.Empty<int>().ToLookup(_ => Guid.Empty);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Agencies = await PortalQueries.AgenciesAsync(db, cancellationToken);
        var years = await db.AnnualReports.AsNoTracking()
            .Where(r => r.Status == AnnualReportStatus.Published)
            .Select(r => new { r.AgencyId, r.Year })
            .Distinct()
            .ToListAsync(cancellationToken);
        ReportYears = years.OrderByDescending(y => y.Year).ToLookup(y => y.AgencyId, y => y.Year);
    }
}

using Gongkai.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal;

/// <summary>The public home page: search, the latest items, every agency with its catalogue, guide and reports.</summary>
[AllowAnonymous]
public sealed class HomeModel([FromKeyedServices(PublicReads.Key)] GongkaiDbContext db) : PageModel
{
    public IReadOnlyList<CatalogListItem> Latest { get; private set; } = [];

    public IReadOnlyList<PortalAgency> Agencies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Latest = await PortalQueries.Published(db)
            .OrderByDescending(i => i.SearchKey)
            .Take(10)
            .AsListItems()
            .ToListAsync(cancellationToken);
        Agencies = await PortalQueries.AgenciesAsync(db, cancellationToken);
    }
}

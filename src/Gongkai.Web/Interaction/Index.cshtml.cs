using Gongkai.Data;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction;

/// <summary>政民互动 on the portal: what the public can do besides reading and applying.</summary>
[AllowAnonymous]
public sealed class InteractionIndexModel([FromKeyedServices(PublicReads.Key)] GongkaiDbContext db, TimeProvider clock) : PageModel
{
    public int OpenConsultations { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        OpenConsultations = await db.Consultations.CountAsync(c => c.OpensOn <= today && c.ClosesOn >= today, cancellationToken);
    }
}

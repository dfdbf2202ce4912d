using Gongkai.Data;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Work;

/// <summary>Where staff land after signing in: what needs their attention.</summary>
[Authorize]
public sealed class IndexModel(GongkaiDbContext db, Staff staff) : PageModel
{
    public string AgencyName { get; private set; } = "";

    public string DisplayName => staff.DisplayName;

    public async Task OnGetAsync() =>
        AgencyName = await db.Agencies.Where(a => a.Id == staff.AgencyId).Select(a => a.Name).SingleOrDefaultAsync() ?? "";
}

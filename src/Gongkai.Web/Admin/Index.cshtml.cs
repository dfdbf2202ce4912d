using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Admin;

/// <summary>The administrator's start page: what can be managed, and what needs attention (a year without a calendar).</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class IndexModel(GongkaiDbContext db, Supervision.RegionScope scope, TimeProvider clock) : PageModel
{
    public IReadOnlyList<int> MissingYears { get; private set; } = [];

    public int Users { get; private set; }

    public int Agencies { get; private set; }

    public string RegionName { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var loaded = await db.CalendarDays.Select(d => d.Year).Distinct().ToListAsync(cancellationToken);
        MissingYears = [.. new[] { today.Year, today.Year + 1 }.Where(y => !loaded.Contains(y))];
        var agencies = await scope.AgenciesAsync(cancellationToken);
        var ids = agencies.Select(a => a.Id).ToList();
        Agencies = agencies.Count;
        Users = await db.Users.CountAsync(u => ids.Contains(u.AgencyId), cancellationToken);
        RegionName = (await scope.RootAsync(cancellationToken))?.Name ?? "";
    }
}

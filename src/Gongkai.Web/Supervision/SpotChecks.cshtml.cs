using System.Globalization;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Supervision;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>抽查: the region's spot checks and the form that draws a new sample for one agency.</summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class SpotChecksModel(SpotChecks spotChecks, RegionScope scope, GongkaiDbContext db, Staff staff) : PageModel
{
    /// <summary>Sampled, checked and problem counts of a check.</summary>
    public readonly record struct Progress(int Items, int Checked, int Problems);

    [BindProperty(SupportsGet = true)]
    public Guid? Agency { get; set; }

    [BindProperty]
    public string? Size { get; set; } = "5";

    [BindProperty]
    public string? Seed { get; set; }

    public IReadOnlyList<ScopedAgency> Agencies { get; private set; } = [];

    public IReadOnlyList<SpotCheckRecord> Checks { get; private set; } = [];

    public IReadOnlyDictionary<Guid, Progress> Counts { get; private set; } = new Dictionary<Guid, Progress>();

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public string AgencyName(Guid id) => Agencies.FirstOrDefault(a => a.Id == id)?.Name ?? "";

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (problems, id) = await spotChecks.DrawAsync(Agency, Size, Seed, cancellationToken);
        if (id is { } created)
        {
            return Redirect(string.Create(CultureInfo.InvariantCulture, $"/supervision/spot-checks/{created}"));
        }

        Problems = problems;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Agencies = [.. (await scope.AgenciesAsync(cancellationToken)).Where(a => a.Id != staff.AgencyId)];
        Checks = await spotChecks.InScopeAsync(cancellationToken);
        var ids = Checks.Select(c => c.Id).ToList();
        var items = await db.SpotCheckItems.AsNoTracking().Where(i => ids.Contains(i.SpotCheckId))
            .Select(i => new { i.SpotCheckId, Checked = i.CheckedOn != null, Problems = db.SpotCheckProblems.Count(p => p.SpotCheckItemId == i.Id) })
            .ToListAsync(cancellationToken);
        Counts = items.GroupBy(i => i.SpotCheckId).ToDictionary(g => g.Key, g => new Progress(g.Count(), g.Count(i => i.Checked), g.Sum(i => i.Problems)));
    }
}

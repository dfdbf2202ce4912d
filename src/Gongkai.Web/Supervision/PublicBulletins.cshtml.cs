using System.Text.Json;
using Gongkai.Data;
using Gongkai.Supervision;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>
/// The 考核通报 regions chose to publish, for everyone: the list (all regions, or one with <c>?region=</c>), newest
/// first, and one bulletin as it was published (<c>?id=</c>). A withdrawn bulletin does not exist here.
/// </summary>
[AllowAnonymous]
public sealed class PublicBulletinsModel(GongkaiDbContext db) : PageModel
{
    /// <summary>A published bulletin in the list.</summary>
    public sealed record Listed(Guid Id, string Title, string RegionName, DateTime PublishedAtUtc);

    [BindProperty(SupportsGet = true)]
    public Guid? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    public IReadOnlyList<Listed> Bulletins { get; private set; } = [];

    public string? RegionName { get; private set; }

    /// <summary>The bulletin asked for with <c>?id=</c>, as published.</summary>
    public BulletinContent? Bulletin { get; private set; }

    public DateTime? PublishedAtUtc { get; private set; }

    public Guid? BulletinRegion { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            var row = await db.AssessmentResults.AsNoTracking().Where(r => r.Id == id && r.PublishedAtUtc != null)
                .Select(r => new { r.BulletinJson, r.PublishedAtUtc, r.RegionId }).SingleOrDefaultAsync(cancellationToken);
            if (row?.BulletinJson is not { } json || JsonSerializer.Deserialize<BulletinContent>(json, Assessments.Json) is not { } bulletin)
            {
                return NotFound();
            }

            (Bulletin, PublishedAtUtc, BulletinRegion) = (bulletin, row.PublishedAtUtc, row.RegionId);
            return Page();
        }

        var query = db.AssessmentResults.AsNoTracking().Where(r => r.PublishedAtUtc != null);
        if (Region is { } region)
        {
            RegionName = await db.Regions.AsNoTracking().Where(r => r.Id == region).Select(r => r.Name).SingleOrDefaultAsync(cancellationToken);
            if (RegionName is null)
            {
                return NotFound();
            }

            query = query.Where(r => r.RegionId == region);
        }

        var rows = await query.Join(db.Regions.AsNoTracking(), r => r.RegionId, g => g.Id, (r, g) => new { r.Id, r.PeriodKey, r.PublishedAtUtc, g.Name })
            .ToListAsync(cancellationToken);
        Bulletins = [.. rows
            .Select(r => new Listed(r.Id, AssessmentPeriod.TryParse(r.PeriodKey, out var p) ? $"{r.Name}{p.Label}政府信息公开工作考核通报" : r.PeriodKey, r.Name, r.PublishedAtUtc!.Value))
            .OrderByDescending(b => b.PublishedAtUtc)];
        return Page();
    }
}

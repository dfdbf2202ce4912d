using Gongkai.Catalog;
using Gongkai.Data.Catalog;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Catalog;

/// <summary>Table 二（一） for a year from the catalogue, with the documents behind the figures.</summary>
[Authorize(Roles = CatalogRoles.Staff)]
public sealed class Table2Model(NormativeDocumentCounts counts, Staff staff, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public NormativeDocumentFigures Figures { get; private set; } = null!;

    public IReadOnlyList<CatalogItem> Documents { get; private set; } = [];

    public DateOnly YearEnd => new(Figures.Year, 12, 31);

    public int ThisYear { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ThisYear = ChinaTime.Today(clock).Year;
        var year = Math.Clamp(Year ?? ThisYear - 1, 2000, ThisYear);
        Figures = await counts.For(staff.AgencyId, year, cancellationToken);
        var yearEnd = new DateOnly(year, 12, 31);
        Documents = await counts.Documents(staff.AgencyId)
            .Where(i => i.WrittenOn <= yearEnd)
            .OrderBy(i => i.Kind).ThenByDescending(i => i.WrittenOn)
            .ToListAsync(cancellationToken);
    }
}

using System.Globalization;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Catalog;
using Gongkai.Web.Catalog;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal;

/// <summary>The public catalogue (政府信息公开目录), by agency, category, kind and year of publication, newest first.</summary>
[AllowAnonymous]
public sealed class PublicCatalogModel([FromKeyedServices(PublicReads.Key)] GongkaiDbContext db) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public Guid? Agency { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public CatalogItemKind? Kind { get; set; }

    /// <summary>From the "page" query value (read by hand: Razor Pages reserve the route value "page" for the page's path).</summary>
    public int PageNumber { get; private set; } = 1;

    public IReadOnlyList<PortalAgency> Agencies { get; private set; } = [];

    public IReadOnlyList<CatalogCategory> Categories { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<CatalogListItem> Items { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public string? AgencyName => Agencies.FirstOrDefault(a => a.Id == Agency)?.Name;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var requested) ? requested : 1;
        Agencies = await PortalQueries.AgenciesAsync(db, cancellationToken);
        Categories = await CatalogCategories.ForAgencyAsync(db, Agency, cancellationToken);
        var first = await PortalQueries.Published(db).MinAsync(i => i.SearchKey, cancellationToken);
        var last = await PortalQueries.Published(db).MaxAsync(i => i.SearchKey, cancellationToken);
        Years = first is { } f && last is { } l
            ? [.. Enumerable.Range(DayOf(f).Year, DayOf(l).Year - DayOf(f).Year + 1).Reverse()]
            : [];

        var items = PortalQueries.Published(db);
        if (Agency is { } agency)
        {
            items = items.Where(i => i.AgencyId == agency);
        }

        if (Category is { } category)
        {
            items = items.Where(i => i.TopicCategoryId == category || i.GenreCategoryId == category);
        }

        if (Kind is { } kind)
        {
            items = items.Where(i => i.Kind == kind);
        }

        if (Year is { } year and >= 1 and <= 9999)
        {
            // The search key orders publication days, so a year is a key range on its unique index.
            var (start, end) = (CatalogSearchIndex.FirstKeyOf(new DateOnly(year, 1, 1)), CatalogSearchIndex.LastKeyOf(new DateOnly(year, 12, 31)));
            items = items.Where(i => i.SearchKey >= start && i.SearchKey <= end);
        }

        Total = await items.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Items = await items
            .OrderByDescending(i => i.SearchKey)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .AsListItems()
            .ToListAsync(cancellationToken);
    }

    private static DateOnly DayOf(long searchKey) => DateOnly.FromDayNumber((int)(searchKey / CatalogSearchIndex.KeysPerDay));

    public string PageUrl(int page) => "/catalog" + QueryString.Create(new Dictionary<string, string?>
    {
        ["agency"] = Agency?.ToString(),
        ["category"] = Category?.ToString(),
        ["kind"] = Kind?.ToString(),
        ["year"] = Year?.ToString(CultureInfo.InvariantCulture),
        ["page"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(p => p.Value is not null)).ToUriComponent();
}

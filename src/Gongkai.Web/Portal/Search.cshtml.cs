using System.Globalization;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Catalog;
using Gongkai.Web.Catalog;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Portal;

/// <summary>The public search page: the same search as /api/catalog/search, with filters and page links.</summary>
[AllowAnonymous]
public sealed class SearchModel([FromKeyedServices(PublicReads.Key)] GongkaiDbContext db, CatalogSearch search) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "agency")]
    public string? AgencyText { get; set; }

    [BindProperty(SupportsGet = true, Name = "category")]
    public string? CategoryText { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>The "page" query value (read by hand: Razor Pages reserve the route value "page" for the page's path).</summary>
    public string? PageText => Request.Query["page"].FirstOrDefault();

    public SearchRequest? Parsed { get; private set; }

    public SearchResult? Result { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<PortalAgency> Agencies { get; private set; } = [];

    public IReadOnlyList<CatalogCategory> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Agencies = await PortalQueries.AgenciesAsync(db, cancellationToken);
        var (request, error) = CatalogEndpoints.ParseRequest(Q, AgencyText, CategoryText, From, To, PageText);
        Parsed = request;
        Error = error;
        Categories = await CatalogCategories.ForAgencyAsync(db, request?.AgencyId, cancellationToken);
        if (request is null || !HttpContext.Request.Query.ContainsKey("q"))
        {
            // An empty first visit shows the form, not a complaint.
            return;
        }

        Result = await search.SearchAsync(request, cancellationToken);
        Error = Result.Problem;
        if (Result.Unavailable is not null)
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = CatalogSearch.UnavailableRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }

    public string PageUrl(int page) => "/search" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q,
        ["agency"] = Parsed?.AgencyId?.ToString(),
        ["category"] = Parsed?.CategoryId?.ToString(),
        ["from"] = DateText.Iso(Parsed?.From) is { Length: > 0 } from ? from : null,
        ["to"] = DateText.Iso(Parsed?.To) is { Length: > 0 } to ? to : null,
        ["page"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(p => p.Value is not null)).ToUriComponent();
}

using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Catalog;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Catalog;

/// <summary>
/// The agency's catalogue work list: every version that is not superseded, with its review status and its Art. 26
/// publication deadline, filtered by status, kind, timeliness and title.
/// </summary>
[Authorize(Roles = CatalogRoles.Staff)]
public sealed class IndexModel(GongkaiDbContext db, Staff staff, CaseRulesProvider rules, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(CatalogItem Item, PublicationDeadline Deadline);

    [BindProperty(SupportsGet = true)]
    public CatalogStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public CatalogItemKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>"late": published after the deadline or overdue and unpublished.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Timeliness { get; set; }

    /// <summary>From the "page" query value (read by hand: Razor Pages reserve the route value "page" for the page's path).</summary>
    public int PageNumber { get; private set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public IReadOnlyDictionary<CatalogStatus, int> Counts { get; private set; } = new Dictionary<CatalogStatus, int>();

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool CanReview => staff.IsInRole(Roles.Reviewer);

    public bool CanPublish => staff.IsInRole(Roles.Publisher);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var requested) ? requested : 1;
        var own = db.CatalogItems.AsNoTracking().Where(i => i.AgencyId == staff.AgencyId && i.Status != CatalogStatus.Superseded);
        Counts = (await own.GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(g => g.Key, g => g.Count);
        var items = own;
        if (Status is { } status)
        {
            items = items.Where(i => i.Status == status);
        }

        if (Kind is { } kind)
        {
            items = items.Where(i => i.Kind == kind);
        }

        if (CatalogDraftInput.Clean(Q) is { } text)
        {
            items = items.Where(i => i.Title.Contains(text) || (i.DocumentNumber != null && i.DocumentNumber.Contains(text)) || (i.IndexNumber != null && i.IndexNumber.Contains(text)));
        }

        var calendar = (await rules.GetAsync(cancellationToken)).Calendar;
        var today = ChinaTime.Today(clock);
        var ordered = items.OrderBy(i => i.Status == CatalogStatus.Published || i.Status == CatalogStatus.Withdrawn)
            .ThenByDescending(i => i.UpdatedAtUtc);
        if (Timeliness == "late")
        {
            // Lateness depends on the working calendar, so it is judged here rather than in SQL.
            var all = await ordered.ToListAsync(cancellationToken);
            var late = all.Select(i => new Row(i, PublicationDeadline.Compute(calendar, i.FormedOn, i.PublishedOn, today)))
                .Where(r => r.Deadline.Timeliness is PublicationTimeliness.Missed or PublicationTimeliness.Overdue)
                .ToList();
            Total = late.Count;
            PageNumber = Math.Clamp(PageNumber, 1, PageCount);
            Rows = [.. late.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
            return;
        }

        Total = await items.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await ordered.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        Rows = [.. page.Select(i => new Row(i, PublicationDeadline.Compute(calendar, i.FormedOn, i.PublishedOn, today)))];
    }

    public string PageUrl(int page) => "/catalog-admin" + QueryString.Create(new Dictionary<string, string?>
    {
        ["status"] = Status?.ToString(),
        ["kind"] = Kind?.ToString(),
        ["q"] = Q,
        ["timeliness"] = Timeliness,
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    public static string BadgeClass(PublicationTimeliness timeliness) => timeliness switch
    {
        PublicationTimeliness.Met => "badge ok",
        PublicationTimeliness.Pending => "badge soon",
        _ => "badge overdue",
    };
}

/// <summary>Role lists for the catalogue pages' [Authorize] attributes.</summary>
public static class CatalogRoles
{
    /// <summary>Agency staff who work on the catalogue (administrators read it).</summary>
    public const string Staff = Roles.Handler + "," + Roles.Reviewer + "," + Roles.Publisher + "," + Roles.Administrator;

    public const string Settings = Roles.Publisher + "," + Roles.Administrator;
}

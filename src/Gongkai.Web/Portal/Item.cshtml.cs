using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Data.Catalog;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal;

/// <summary>
/// A public catalogue item: the metadata in the catalogue's standard order, the text (or how to apply for it), the
/// attachments, the linked interpretations or interpreted document, and earlier versions. Drafts and withdrawn
/// items do not exist for the public (404); a superseded version is shown with a pointer to the current one.
/// </summary>
[AllowAnonymous]
public sealed class PublicItemModel([FromKeyedServices(PublicReads.Key)] GongkaiDbContext db, TimeProvider clock) : PageModel
{
    public CatalogItem Item { get; private set; } = null!;

    public string? Topic { get; private set; }

    public string? Genre { get; private set; }

    public Validity Validity { get; private set; }

    public CatalogListItem? Current { get; private set; }

    public CatalogListItem? Interprets { get; private set; }

    public IReadOnlyList<CatalogListItem> Interpretations { get; private set; } = [];

    public IReadOnlyList<(Guid Id, int Version, DateOnly? PublishedOn, string? ChangeNote)> Versions { get; private set; } = [];

    public IReadOnlyList<AttachmentRecord> Attachments { get; private set; } = [];

    /// <summary>Consultations on this document (any version) as a draft, or whose published feedback names it as the final document.</summary>
    public IReadOnlyList<(Guid Id, string Title, bool IsFinal)> Consultations { get; private set; } = [];

    public bool HasValidity => Item.Kind is CatalogItemKind.Rule or CatalogItemKind.NormativeDocument
        || Item.EffectiveOn is not null || Item.ExpiresOn is not null || Item.RepealedOn is not null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var item = await db.CatalogItems.AsNoTracking()
            .SingleOrDefaultAsync(i => i.Id == id && (i.Status == CatalogStatus.Published || i.Status == CatalogStatus.Superseded), cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        Item = item;
        var names = await db.CatalogCategories.AsNoTracking()
            .Where(c => c.Id == item.TopicCategoryId || c.Id == item.GenreCategoryId)
            .ToListAsync(cancellationToken);
        Topic = names.FirstOrDefault(c => c.Id == item.TopicCategoryId)?.FullName;
        Genre = names.FirstOrDefault(c => c.Id == item.GenreCategoryId)?.Name;
        Validity = item.ValidityDates.On(ChinaTime.Today(clock));
        var published = PortalQueries.Published(db);
        if (item.Status == CatalogStatus.Superseded)
        {
            // An earlier version is public only beside a current one: withdrawing the series takes them all off the portal.
            Current = await published.Where(i => i.SeriesId == item.SeriesId).AsListItems().FirstOrDefaultAsync(cancellationToken);
            if (Current is null)
            {
                return NotFound();
            }
        }

        if (item.InterpretsSeriesId is { } interprets)
        {
            Interprets = await published.Where(i => i.SeriesId == interprets).AsListItems().FirstOrDefaultAsync(cancellationToken);
        }

        Interpretations = await published.Where(i => i.InterpretsSeriesId == item.SeriesId)
            .OrderByDescending(i => i.PublishedOn).AsListItems().ToListAsync(cancellationToken);
        Versions = (await db.CatalogItems.AsNoTracking()
            .Where(i => i.SeriesId == item.SeriesId && (i.Status == CatalogStatus.Published || i.Status == CatalogStatus.Superseded))
            .OrderByDescending(i => i.Version)
            .Select(i => new { i.Id, i.Version, i.PublishedOn, i.ChangeNote })
            .ToListAsync(cancellationToken))
            .Select(v => (v.Id, v.Version, v.PublishedOn, v.ChangeNote)).ToList();
        var consultations = await db.Consultations.AsNoTracking()
            .Where(c => (c.FeedbackPublishedAtUtc != null && db.CatalogItems.Any(i => i.Id == c.FinalItemId && i.SeriesId == item.SeriesId))
                || db.CatalogItems.Any(i => i.Id == c.DraftItemId && i.SeriesId == item.SeriesId))
            .OrderBy(c => c.OpensOn)
            .Select(c => new { c.Id, c.Title, IsFinal = c.FeedbackPublishedAtUtc != null && db.CatalogItems.Any(i => i.Id == c.FinalItemId && i.SeriesId == item.SeriesId) })
            .ToListAsync(cancellationToken);
        Consultations = [.. consultations.Select(c => (c.Id, c.Title, c.IsFinal))];
        if (item.Mode == DisclosureMode.Proactive)
        {
            Attachments = await db.Attachments.AsNoTracking()
                .Where(a => a.OwnerId == item.Id && a.Kind == AttachmentKind.Catalog)
                .OrderBy(a => a.UploadedAtUtc)
                .ToListAsync(cancellationToken);
        }

        return Page();
    }
}

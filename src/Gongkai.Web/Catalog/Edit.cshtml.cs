using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Catalog;
using Gongkai.Web.Channels;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Catalog;

/// <summary>Creates a draft or edits one (only drafts can change); every field is checked and kept on error.</summary>
[Authorize(Roles = CatalogRoles.Staff)]
public sealed class EditModel(GongkaiDbContext db, Staff staff, CatalogPublishing publishing, ChannelBook channels) : PageModel
{
    [BindProperty]
    public CatalogDraftInput Input { get; set; } = new();

    public Guid? Id { get; private set; }

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public string? Error { get; private set; }

    public IReadOnlyList<CatalogCategory> Categories { get; private set; } = [];

    /// <summary>The agency's registered channels, offered besides the portal.</summary>
    public IReadOnlyList<ChannelRow> Channels { get; private set; } = [];

    /// <summary>The agency's published documents, offered for the 政策解读 link.</summary>
    public IReadOnlyList<(string IndexNumber, string Title)> Documents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } existing)
        {
            var item = await publishing.FindAsync(existing, cancellationToken);
            if (item is null)
            {
                return NotFound();
            }

            if (item.Status != CatalogStatus.Draft)
            {
                return Redirect("/catalog-admin/" + item.Id);
            }

            Id = item.Id;
            var interprets = item.InterpretsSeriesId is { } series
                ? await db.CatalogItems.Where(i => i.SeriesId == series && i.IndexNumber != null).Select(i => i.IndexNumber).FirstOrDefaultAsync(cancellationToken)
                : null;
            var chosen = await db.CatalogItemChannels.Where(c => c.CatalogItemId == item.Id).Select(c => c.ChannelId).ToListAsync(cancellationToken);
            Input = CatalogDraftInput.From(item, interprets, chosen);
        }
        else
        {
            Input.Publisher = await db.Agencies.Where(a => a.Id == staff.AgencyId).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        try
        {
            CatalogSaveResult result;
            if (id is { } existing)
            {
                var item = await publishing.FindAsync(existing, cancellationToken);
                if (item is null)
                {
                    return NotFound();
                }

                Id = item.Id;
                result = await publishing.UpdateAsync(item, Input, cancellationToken);
            }
            else
            {
                result = await publishing.CreateAsync(Input, cancellationToken);
            }

            if (result.Succeeded)
            {
                TempData["Message"] = "已保存草稿。";
                return Redirect("/catalog-admin/" + result.Item!.Id);
            }

            Errors = result.Errors;
        }
        catch (CatalogRuleException exception)
        {
            Error = exception.Message;
        }
        catch (DbUpdateConcurrencyException)
        {
            Error = "该信息刚被他人修改，请返回查看后再编辑。";
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var message) ? message : null;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Categories = await CatalogCategories.ForAgencyAsync(db, staff.AgencyId, cancellationToken);
        Channels = await channels.ForAgencyAsync(staff.AgencyId, cancellationToken);
        Documents = (await db.CatalogItems.AsNoTracking()
            .Where(i => i.AgencyId == staff.AgencyId && i.Status == CatalogStatus.Published && i.Kind != CatalogItemKind.Interpretation && i.IndexNumber != null)
            .OrderByDescending(i => i.PublishedOn)
            .Take(200)
            .Select(i => new { i.IndexNumber, i.Title })
            .ToListAsync(cancellationToken))
            .Select(d => (d.IndexNumber!, d.Title)).ToList();
    }
}

using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Letters;

/// <summary>Letter templates for administrators: which kinds the agency has its own text for, and the agency's 简称.</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class TemplatesModel(GongkaiDbContext db, Staff staff, AuditLog audit, Supervision.RegionScope regions) : PageModel
{
    public string AgencyName { get; private set; } = "";

    /// <summary>Only an administrator of the whole platform edits the platform's default templates.</summary>
    public bool CanEditPlatform { get; private set; }

    public IReadOnlyList<TemplateRow> Rows { get; private set; } = [];

    [BindProperty]
    public string? ShortName { get; set; }

    public string? ShortNameError { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        ShortName = await db.Agencies.Where(a => a.Id == staff.AgencyId).Select(a => a.ShortName).SingleAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostShortNameAsync()
    {
        var value = ShortName?.Trim();
        if (value is { Length: > 20 })
        {
            ShortNameError = "简称不能超过20个字。";
            await LoadAsync();
            return Page();
        }

        var agency = await db.Agencies.SingleAsync(a => a.Id == staff.AgencyId, HttpContext.RequestAborted);
        agency.ShortName = string.IsNullOrEmpty(value) ? null : value;
        audit.Record("agency.short-name", "Agency", agency.Id.ToString(), $"文号简称改为“{agency.ShortName ?? "（未设置，使用机关全称）"}”", agency.Id);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = "已保存文号简称。";
        return Redirect("/admin/letter-templates");
    }

    private async Task LoadAsync()
    {
        AgencyName = await db.Agencies.Where(a => a.Id == staff.AgencyId).Select(a => a.Name).SingleAsync(HttpContext.RequestAborted);
        CanEditPlatform = await regions.CoversWholePlatformAsync(HttpContext.RequestAborted);
        var rows = await db.LetterTemplates.AsNoTracking()
            .Where(t => t.AgencyId == null || t.AgencyId == staff.AgencyId)
            .Select(t => new { t.Kind, t.AgencyId, t.UpdatedAtUtc, t.UpdatedBy })
            .ToListAsync(HttpContext.RequestAborted);
        Rows = [.. LetterCatalogue.Kinds.Select(kind =>
        {
            var platform = rows.FirstOrDefault(r => r.Kind == kind.Id && r.AgencyId is null);
            var own = rows.FirstOrDefault(r => r.Kind == kind.Id && r.AgencyId == staff.AgencyId);
            return new TemplateRow(kind, platform?.UpdatedBy, own is not null, own?.UpdatedBy);
        })];
    }
}

/// <summary>One kind of letter on the template list.</summary>
public sealed record TemplateRow(LetterKind Kind, string? PlatformUpdatedBy, bool HasAgencyTemplate, string? AgencyUpdatedBy);

using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Catalog;
using Gongkai.Data.Numbering;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Catalog;

/// <summary>The agency's index-number scheme (索引号规则): pattern and which code is the prefix, with a preview.</summary>
[Authorize(Roles = CatalogRoles.Staff)]
public sealed class SettingsModel(GongkaiDbContext db, Staff staff, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Pattern { get; set; }

    [BindProperty]
    public IndexPrefixSource PrefixSource { get; set; } = IndexPrefixSource.AsRegistered;

    public string? RegisteredCode { get; private set; }

    public string? Preview { get; private set; }

    public string? Error { get; private set; }

    public bool CanEdit => staff.IsInRole(Data.Accounts.Roles.Publisher) || staff.IsInRole(Data.Accounts.Roles.Administrator);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var settings = await db.CatalogSettings.AsNoTracking().SingleOrDefaultAsync(s => s.AgencyId == staff.AgencyId, cancellationToken);
        Pattern = settings?.IndexPattern ?? IndexNumberScheme.DefaultPattern;
        PrefixSource = settings?.PrefixSource ?? IndexPrefixSource.AsRegistered;
        await PreviewAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        if (!Enum.IsDefined(PrefixSource))
        {
            PrefixSource = IndexPrefixSource.AsRegistered;
        }

        try
        {
            IndexNumberScheme.Parse(Pattern);
        }
        catch (FormatException exception)
        {
            Error = exception.Message;
            await PreviewAsync(cancellationToken);
            return Page();
        }

        var settings = await db.CatalogSettings.SingleOrDefaultAsync(s => s.AgencyId == staff.AgencyId, cancellationToken);
        if (settings is null)
        {
            settings = new CatalogSettings { AgencyId = staff.AgencyId, UpdatedBy = staff.DisplayName };
            db.CatalogSettings.Add(settings);
        }

        settings.IndexPattern = Pattern!.Trim();
        settings.PrefixSource = PrefixSource;
        settings.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        settings.UpdatedBy = staff.DisplayName;
        audit.Record("catalog.settings", "CatalogSettings", staff.AgencyId.ToString(), $"索引号规则改为 {settings.IndexPattern}（{Label(PrefixSource)}）");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = "已保存索引号规则；此后首次发布的信息按新规则编号，已有索引号不变。";
        return Redirect("/catalog-admin/settings");
    }

    public static string Label(IndexPrefixSource source) => source == IndexPrefixSource.OrganizationCode
        ? "9 位组织机构代码（取统一社会信用代码第 9—17 位）"
        : "登记的机关代码（18 位统一社会信用代码或 9 位组织机构代码）";

    private async Task PreviewAsync(CancellationToken cancellationToken)
    {
        RegisteredCode = await db.Agencies.Where(a => a.Id == staff.AgencyId).Select(a => a.CreditCode).SingleOrDefaultAsync(cancellationToken);
        try
        {
            var today = ChinaTime.Today(clock);
            var last = await NumberCounters.LastAsync(db, staff.AgencyId, NumberSeries.IndexNumbers(today.Year), cancellationToken);
            Preview = IndexNumberScheme.Parse(Pattern).Format(IndexNumberScheme.Prefix(RegisteredCode, PrefixSource), today, checked((int)last + 1));
        }
        catch (FormatException exception)
        {
            Error ??= exception.Message;
        }
    }
}

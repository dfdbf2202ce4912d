using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Applications;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Letters;

/// <summary>
/// Edits one template: the platform default (scope=platform) or the administrator's agency's own (scope=agency),
/// with a preview filled from a fictitious case. Unknown placeholders and number patterns without {序号} are refused.
/// </summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class TemplateEditModel(
    GongkaiDbContext db, Staff staff, AuditLog audit, TimeProvider clock, CaseRulesProvider rulesProvider, Supervision.RegionScope regions) : PageModel
{
    public LetterKind Kind { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public string Scope { get; set; } = "agency";

    public bool IsPlatform => Scope == "platform";

    /// <summary>Whether the scope already has its own row (an agency without one starts from the platform text).</summary>
    public bool Exists { get; private set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? NumberPattern { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public LetterDocument? Preview { get; private set; }

    public IReadOnlyList<string> PreviewMissing { get; private set; } = [];

    public string AgencyName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string kind)
    {
        if (!await LoadAsync(kind))
        {
            return NotFound();
        }

        var row = await RowAsync();
        var start = row is null ? await LetterTemplates.ForAsync(db, staff.AgencyId, Kind.Id, HttpContext.RequestAborted) : null;
        Title = row?.Title ?? start!.Title;
        NumberPattern = row is null ? start!.NumberPattern : row.NumberPattern;
        Body = row?.Body ?? start!.Body;
        await PreviewAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string kind)
    {
        if (!await LoadAsync(kind))
        {
            return NotFound();
        }

        Validate();
        await PreviewAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string kind)
    {
        if (!await LoadAsync(kind))
        {
            return NotFound();
        }

        Validate();
        if (Errors.Count > 0)
        {
            await PreviewAsync();
            return Page();
        }

        var row = await RowAsync();
        var now = clock.GetUtcNow();
        if (row is null)
        {
            row = new LetterTemplateRecord
            {
                Id = Guid.CreateVersion7(now),
                AgencyId = IsPlatform ? null : staff.AgencyId,
                Kind = Kind.Id,
                Title = "",
                Body = "",
                UpdatedBy = "",
            };
            db.LetterTemplates.Add(row);
        }

        row.Title = Title!.Trim();
        row.Body = Normalize(Body!);
        row.NumberPattern = string.IsNullOrWhiteSpace(NumberPattern) ? null : NumberPattern.Trim();
        row.UpdatedAtUtc = now.UtcDateTime;
        row.UpdatedBy = staff.DisplayName;
        audit.Record("letter-template.saved", "LetterTemplate", row.Id.ToString(), $"修改{ScopeLabel}文书模板：{Kind.Label}", staff.AgencyId);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = $"已保存{ScopeLabel}模板：{Kind.Label}。";
        return Redirect($"/admin/letter-templates/{Kind.Id}?scope={Scope}");
    }

    /// <summary>Agency scope: remove the agency's own text (the platform default applies again). Platform scope: restore the shipped text.</summary>
    public async Task<IActionResult> OnPostResetAsync(string kind)
    {
        if (!await LoadAsync(kind))
        {
            return NotFound();
        }

        var row = await RowAsync();
        if (IsPlatform)
        {
            var shipped = LetterCatalogue.Default(Kind.Id)!;
            if (row is not null)
            {
                row.Title = shipped.Title;
                row.Body = shipped.Body;
                row.NumberPattern = shipped.NumberPattern;
                row.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
                row.UpdatedBy = staff.DisplayName;
            }

            audit.Record("letter-template.reset", "LetterTemplate", row?.Id.ToString(), $"平台默认文书模板恢复为系统预置文本：{Kind.Label}", staff.AgencyId);
            TempData["Message"] = $"平台默认模板已恢复为系统预置文本：{Kind.Label}。";
        }
        else
        {
            if (row is not null)
            {
                db.LetterTemplates.Remove(row);
            }

            audit.Record("letter-template.removed", "LetterTemplate", row?.Id.ToString(), $"删除本机关文书模板，改用平台默认：{Kind.Label}", staff.AgencyId);
            TempData["Message"] = $"已删除本机关模板，今后使用平台默认模板：{Kind.Label}。";
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect("/admin/letter-templates");
    }

    public string ScopeLabel => IsPlatform ? "平台默认" : "本机关";

    private void Validate()
    {
        if (string.IsNullOrWhiteSpace(Title))
        {
            Errors[nameof(Title)] = "请填写标题。";
        }
        else if (Title.Trim().Length > 200)
        {
            Errors[nameof(Title)] = "标题不能超过200个字。";
        }

        if (string.IsNullOrWhiteSpace(Body))
        {
            Errors[nameof(Body)] = "请填写正文。";
        }
        else if (Unknown(Title + "\n" + Body) is { Count: > 0 } unknown)
        {
            Errors[nameof(Body)] = "有不认识的占位符：" + string.Join("、", unknown.Select(p => "{" + p + "}")) + "。可用的占位符见下方列表。";
        }

        if (NumberPattern is { Length: > 100 })
        {
            Errors[nameof(NumberPattern)] = "编号规则不能超过100个字。";
        }
        else if (LetterNumbers.Check(NumberPattern) is { } patternError)
        {
            Errors[nameof(NumberPattern)] = patternError;
        }
    }

    private static List<string> Unknown(string text) =>
        [.. LetterFields.Placeholders(text).Where(p => !LetterFields.Reference.Any(r => r.Name == p))];

    private static string Normalize(string body) => body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private async Task PreviewAsync()
    {
        var agency = await LetterAgency.LoadAsync(db, staff.AgencyId, HttpContext.RequestAborted);
        var rules = await rulesProvider.GetAsync(HttpContext.RequestAborted);
        var today = ChinaTime.Today(clock);
        var values = LetterFields.Sample(Kind, agency, today, rules.Calendar.AddWorkingDays(today, rules.Policy.ReplyWorkingDays), NumberPattern);
        var title = LetterFields.Fill(Title ?? "", values);
        var body = LetterFields.Fill(Normalize(Body ?? ""), values);
        PreviewMissing = [.. title.Missing.Concat(body.Missing).Distinct(StringComparer.Ordinal)];
        var number = values.GetValueOrDefault(LetterFields.Number);
        Preview = new LetterDocument(title.Text, number, [.. body.Text.Split('\n').Where(p => p.Trim().Length > 0)], agency.Name, DateText.Chinese(today), IsDraft: false);
    }

    private async Task<LetterTemplateRecord?> RowAsync()
    {
        var agencyId = IsPlatform ? (Guid?)null : staff.AgencyId;
        return await db.LetterTemplates.Where(t => t.Kind == Kind.Id && t.AgencyId == agencyId).OrderBy(t => t.UpdatedAtUtc).FirstOrDefaultAsync(HttpContext.RequestAborted);
    }

    private async Task<bool> LoadAsync(string kind)
    {
        if (LetterCatalogue.Find(kind) is not { } found)
        {
            return false;
        }

        Kind = found;
        Scope = Scope == "platform" ? "platform" : "agency";
        if (IsPlatform && !await regions.CoversWholePlatformAsync(HttpContext.RequestAborted))
        {
            // The platform's defaults are every agency's wording: only an administrator of the whole platform edits them.
            return false;
        }

        AgencyName = await db.Agencies.Where(a => a.Id == staff.AgencyId).Select(a => a.Name).SingleAsync(HttpContext.RequestAborted);
        Exists = await RowAsync() is not null;
        return true;
    }
}

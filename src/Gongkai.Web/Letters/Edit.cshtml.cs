using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Applications;
using Gongkai.Web.Applications;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Letters;

/// <summary>One letter: edit the draft (title, 文号, addressee, body), approve it (审核人), or read the frozen letter.</summary>
[Authorize]
public sealed class EditModel(GongkaiDbContext db, Staff staff, LetterDrafts drafts, AuditLog audit, TimeProvider clock) : PageModel
{
    /// <summary>Handlers and reviewers act here; other staff read.</summary>
    public bool CanAct => staff.CanHandleCases;

    public CaseHeader Case { get; private set; } = null!;

    public LetterRecord Letter { get; private set; } = null!;

    public LetterKind? Kind { get; private set; }

    public LetterDocument Document { get; private set; } = null!;

    public IReadOnlyList<string> Unfilled { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? ApprovalError { get; private set; }

    public bool CanApprove => staff.IsInRole(Roles.Reviewer);

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public string? Recipient { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid letterId)
    {
        if (!await LoadAsync(id, letterId))
        {
            return NotFound();
        }

        Title = Letter.Title;
        Number = Letter.Number;
        Recipient = Letter.Recipient;
        Body = Letter.Body;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, Guid letterId)
    {
        if (!staff.CanHandleCases)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, letterId))
        {
            return NotFound();
        }

        if (Letter.Status != LetterStatus.Draft)
        {
            ApprovalError = "已审批的文书不能修改。";
            return Page();
        }

        if (!await SaveEditAsync())
        {
            return Page();
        }

        TempData["Message"] = "已保存。";
        return Redirect(LetterUrl());
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id, Guid letterId)
    {
        if (!await LoadAsync(id, letterId))
        {
            return NotFound();
        }

        if (!CanApprove)
        {
            return Forbid();
        }

        // The reviewer approves what the form shows: edits typed into it are saved first, never dropped.
        // A post without the text fields approves the saved draft as it is.
        if (Letter.Status == LetterStatus.Draft && PostsText() && !await SaveEditAsync())
        {
            return Page();
        }

        ApprovalError = await drafts.ApproveAsync(Letter, HttpContext.RequestAborted);
        if (ApprovalError is not null)
        {
            await db.Entry(Letter).ReloadAsync(HttpContext.RequestAborted);
            await FillAsync();
            return Page();
        }

        TempData["Message"] = Letter.Number is null ? "已审批签发。" : $"已审批签发，文号 {Letter.Number}。";
        return Redirect(LetterUrl());
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid letterId)
    {
        if (!staff.CanHandleCases)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, letterId))
        {
            return NotFound();
        }

        if (Letter.Status != LetterStatus.Draft)
        {
            ApprovalError = "已审批的文书不能删除。";
            return Page();
        }

        db.Letters.Remove(Letter);
        audit.Record("letter.deleted", "Letter", Letter.Id.ToString(), $"删除文书草稿“{Letter.Title}”（申请 {Case.Number}）", Case.AgencyId);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = "草稿已删除。";
        return Redirect($"/applications/{id}/letters");
    }

    private bool PostsText() =>
        Request.HasFormContentType
        && new[] { nameof(Title), nameof(Number), nameof(Recipient), nameof(Body) }.Any(Request.Form.ContainsKey);

    /// <summary>Validates the posted text and saves it to the draft; false (with <see cref="Errors"/>) when refused.</summary>
    private async Task<bool> SaveEditAsync()
    {
        Validate();
        if (Errors.Count > 0)
        {
            return false;
        }

        var title = Title!.Trim();
        var number = string.IsNullOrWhiteSpace(Number) ? null : Number.Trim();
        var recipient = Recipient!.Trim();
        var body = Body!.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (title == Letter.Title && number == Letter.Number && recipient == Letter.Recipient && body == Letter.Body)
        {
            return true;
        }

        Letter.Title = title;
        Letter.Number = number;
        Letter.Recipient = recipient;
        Letter.Body = body;
        Letter.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Record("letter.edited", "Letter", Letter.Id.ToString(), $"修改文书草稿“{Letter.Title}”（申请 {Case.Number}）", Case.AgencyId);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return true;
    }

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

        if (Number is { Length: > 64 })
        {
            Errors[nameof(Number)] = "文号不能超过64个字。";
        }

        if (string.IsNullOrWhiteSpace(Recipient))
        {
            Errors[nameof(Recipient)] = "请填写收件人。";
        }
        else if (Recipient.Trim().Length > 200)
        {
            Errors[nameof(Recipient)] = "收件人不能超过200个字。";
        }

        if (string.IsNullOrWhiteSpace(Body))
        {
            Errors[nameof(Body)] = "请填写正文。";
        }
        else if (Body.Length > 20000)
        {
            Errors[nameof(Body)] = "正文不能超过20000个字。";
        }
    }

    private string LetterUrl() => $"/applications/{Case.Id}/letters/{Letter.Id}";

    private async Task<bool> LoadAsync(Guid id, Guid letterId)
    {
        if (await CaseHeader.FindAsync(db, staff, id, HttpContext.RequestAborted) is not { } header)
        {
            return false;
        }

        var letter = await db.Letters.SingleOrDefaultAsync(l => l.Id == letterId && l.ApplicationId == id && l.AgencyId == header.AgencyId, HttpContext.RequestAborted);
        if (letter is null)
        {
            return false;
        }

        Case = header;
        Letter = letter;
        Kind = LetterCatalogue.Find(letter.Kind);
        await FillAsync();
        return true;
    }

    private async Task FillAsync()
    {
        var agencyName = await db.Agencies.AsNoTracking().Where(a => a.Id == Case.AgencyId).Select(a => a.Name).SingleAsync(HttpContext.RequestAborted);
        Document = LetterDocument.From(Letter, agencyName);
        Unfilled = LetterDrafts.Unfilled(Letter);
    }
}

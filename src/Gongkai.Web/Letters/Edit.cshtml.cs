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

/// <summary>
/// One letter through its sign-off: edit the draft (title, 文号, addressee, body, a reply's reasons) and submit it;
/// the reviewer approves or returns it with a reason; an approved letter is issued (for a reply, with how it is
/// delivered); an issued letter is read only.
/// </summary>
[Authorize]
public sealed class EditModel(GongkaiDbContext db, Staff staff, LetterDrafts drafts, AuditLog audit, TimeProvider clock, CaseTransfers transfers, LetterPdfJobs pdfJobs) : PageModel
{
    /// <summary>Handlers and reviewers act here; other staff read.</summary>
    public bool CanAct => staff.CanHandleCases;

    public CaseHeader Case { get; private set; } = null!;

    public LetterRecord Letter { get; private set; } = null!;

    public LetterKind? Kind { get; private set; }

    public LetterDocument Document { get; private set; } = null!;

    /// <summary>The PDF of the letter's current text, made in the background.</summary>
    public PdfJobView Pdf { get; private set; } = null!;

    public IReadOnlyList<string> Unfilled { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? ApprovalError { get; private set; }

    public bool CanApprove => staff.IsInRole(Roles.Reviewer);

    /// <summary>The text may be changed: by its handler while a draft or returned, by the reviewer while submitted.</summary>
    public bool Editable => CanAct && (Letter.Status is LetterStatus.Draft or LetterStatus.Returned || (Letter.Status == LetterStatus.Submitted && CanApprove));

    /// <summary>For a reply: the outcome issuing it records on the case.</summary>
    public Gongkai.Applications.Outcome? Replies => LetterDrafts.RepliesWith(Kind);

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>A reply naming the competent agency (<see cref="LetterCatalogue.NotThisAgency"/>): its fields are shown.</summary>
    public bool NamesCompetentAgency => Kind?.Id == LetterCatalogue.NotThisAgency;

    /// <summary>The other agencies of the region on the platform, for choosing the competent agency (a case can be forwarded to one).</summary>
    public IReadOnlyList<(Guid Id, string Name)> PlatformAgencies { get; private set; } = [];

    /// <summary>The competent agency when it is on the platform; empty when it is not.</summary>
    [BindProperty]
    public Guid? CompetentAgencyId { get; set; }

    [BindProperty]
    public string? CompetentAgencyName { get; set; }

    [BindProperty]
    public string? CompetentAgencyContact { get; set; }

    /// <summary>Forward the case to the competent agency on the platform right after issuing (条例第三十六条第（五）项).</summary>
    [BindProperty]
    public bool ForwardOnIssue { get; set; }

    [BindProperty]
    public string? ReturnReason { get; set; }

    [BindProperty]
    public Gongkai.Applications.DeliveryMethod? Delivery { get; set; }

    [BindProperty]
    public DateOnly? PostedOn { get; set; }

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
        Reason = Letter.Reason;
        CompetentAgencyId = Letter.CompetentAgencyId;
        CompetentAgencyName = Letter.CompetentAgencyName;
        CompetentAgencyContact = Letter.CompetentAgencyContact;
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

        if (!Editable)
        {
            ApprovalError = Locked();
            return Page();
        }

        if (!await SaveEditAsync())
        {
            return Page();
        }

        TempData["Message"] = "已保存。";
        return Redirect(LetterUrl());
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, Guid letterId)
    {
        if (!staff.CanHandleCases)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, letterId))
        {
            return NotFound();
        }

        // What the form shows is what goes to the reviewer: edits typed into it are saved first, never dropped.
        if (Editable && PostsText() && !await SaveEditAsync())
        {
            return Page();
        }

        return await StepAsync(drafts.SubmitAsync(Letter, HttpContext.RequestAborted), "已提交审批，等待审核人审批。");
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
        // A post without the text fields approves the saved letter as it is.
        if (Letter.Status == LetterStatus.Submitted && PostsText() && !await SaveEditAsync())
        {
            return Page();
        }

        return await StepAsync(drafts.ApproveAsync(Letter, HttpContext.RequestAborted), "已审批同意，经办人可以签发。");
    }

    public async Task<IActionResult> OnPostReturnAsync(Guid id, Guid letterId)
    {
        if (!await LoadAsync(id, letterId))
        {
            return NotFound();
        }

        if (!CanApprove)
        {
            return Forbid();
        }

        var refused = await drafts.ReturnAsync(Letter, ReturnReason, HttpContext.RequestAborted);
        if (refused == LetterDrafts.ReturnReasonMissing || (refused is not null && ReturnReason is { Length: > 1000 }))
        {
            Errors[nameof(ReturnReason)] = refused;
            return Page();
        }

        return await StepAsync(Task.FromResult(refused), "已退回经办人修改。");
    }

    public async Task<IActionResult> OnPostIssueAsync(Guid id, Guid letterId)
    {
        if (!staff.CanHandleCases)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, letterId))
        {
            return NotFound();
        }

        var refused = await drafts.IssueAsync(Letter, Delivery, PostedOn, HttpContext.RequestAborted);
        if (refused == LetterDrafts.DeliveryMissing)
        {
            Errors[nameof(Delivery)] = refused;
            return Page();
        }

        var result = await StepAsync(Task.FromResult(refused), null);
        if (refused is null && ForwardOnIssue && NamesCompetentAgency && Letter.CompetentAgencyId is not null)
        {
            // The reply is issued whatever happens next; a refused forward is said after it.
            var (forwarded, refusal) = await transfers.ForwardAsync(id, HttpContext.RequestAborted);
            TempData["Message"] = TempData["Message"] + (forwarded is not null
                ? $"已转送{Letter.CompetentAgencyName}，该机关的申请编号为 {forwarded.Number}。"
                : "未转送：" + refusal);
        }

        return result;
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

        if (Letter.Status is not (LetterStatus.Draft or LetterStatus.Returned))
        {
            ApprovalError = "已提交审批的文书不能删除。";
            return Page();
        }

        await LetterPdfCleanup.RecheckLetterAsync(db, Letter.Id, HttpContext.RequestAborted);
        db.Letters.Remove(Letter);
        audit.Record("letter.deleted", "Letter", Letter.Id.ToString(), $"删除文书草稿“{Letter.Title}”（申请 {Case.Number}）", Case.AgencyId);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = "草稿已删除。";
        return Redirect($"/applications/{id}/letters");
    }

    /// <summary>Shows the result of a step: back to the letter with <paramref name="done"/>, or the page with the reason.</summary>
    private async Task<IActionResult> StepAsync(Task<string?> step, string? done)
    {
        ApprovalError = await step;
        if (ApprovalError is not null)
        {
            await db.Entry(Letter).ReloadAsync(HttpContext.RequestAborted);
            await FillAsync();
            return Page();
        }

        TempData["Message"] = done ?? (Letter.Number is null ? "已签发。" : $"已签发，文号 {Letter.Number}。")
            + (Replies is not null ? "本申请已按此答复书答复。" : "");
        return Redirect(LetterUrl());
    }

    private string Locked() => Letter.Status switch
    {
        LetterStatus.Submitted => "已提交审批的文书由审核人修改或退回后再修改。",
        LetterStatus.Approved => "已审批同意的文书不能修改；需要修改的，请审核人另行起草或签发后另发文书。",
        _ => "已签发的文书不能修改。",
    };

    private bool PostsText() =>
        Request.HasFormContentType
        && new[] { nameof(Title), nameof(Number), nameof(Recipient), nameof(Body), nameof(Reason), nameof(CompetentAgencyName) }.Any(Request.Form.ContainsKey);

    /// <summary>Validates the posted text and saves it to the draft; false (with <see cref="Errors"/>) when refused.</summary>
    private async Task<bool> SaveEditAsync()
    {
        Validate();
        var competent = await CompetentAgencyAsync();
        if (Errors.Count > 0)
        {
            return false;
        }

        var title = Title!.Trim();
        var number = string.IsNullOrWhiteSpace(Number) ? null : Number.Trim();
        var recipient = Recipient!.Trim();
        var body = Body!.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var reason = Replies is null || string.IsNullOrWhiteSpace(Reason) ? Letter.Reason : Reason.Trim();
        if (reason is not null)
        {
            // The reasons are written once: the field fills the letter's {答复理由} and is what the case records on issue.
            body = LetterFields.Fill(body, new Dictionary<string, string>(StringComparer.Ordinal) { [LetterFields.ReplyReason] = reason.TrimEnd('。', '.', ' ') }).Text;
        }

        var competentChanged = competent is not null && (competent.Value.Id != Letter.CompetentAgencyId
            || competent.Value.Agency.Name != Letter.CompetentAgencyName || competent.Value.Agency.Contact != Letter.CompetentAgencyContact);
        if (competent is { Agency: var named })
        {
            // Written once like the reasons: the fields fill {负责公开机关}, and a change replaces the sentence they wrote before.
            var before = Letter.CompetentAgencyName is { } oldName && Letter.CompetentAgencyContact is { } oldContact
                ? new Gongkai.Applications.CompetentAgency(oldName, oldContact).Sentence
                : null;
            body = before is not null && competentChanged ? body.Replace(before, named.Sentence, StringComparison.Ordinal) : body;
            body = LetterFields.Fill(body, new Dictionary<string, string>(StringComparer.Ordinal) { [LetterFields.CompetentAgencyField] = named.Sentence }).Text;
        }

        if (title == Letter.Title && number == Letter.Number && recipient == Letter.Recipient && body == Letter.Body && reason == Letter.Reason && !competentChanged)
        {
            return true;
        }

        Letter.Reason = reason;
        if (competent is { } chosen)
        {
            Letter.CompetentAgencyId = chosen.Id;
            Letter.CompetentAgencyName = chosen.Agency.Name;
            Letter.CompetentAgencyContact = chosen.Agency.Contact;
        }

        Letter.Title = title;
        Letter.Number = number;
        Letter.Recipient = recipient;
        Letter.Body = body;
        Letter.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Record("letter.edited", "Letter", Letter.Id.ToString(), $"修改文书“{Letter.Title}”（申请 {Case.Number}）", Case.AgencyId);
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

        if (Reason is { Length: > 2000 })
        {
            Errors[nameof(Reason)] = "答复理由不能超过2000个字。";
        }
    }

    /// <summary>
    /// The competent agency the form names (a platform agency fills the name and contact left empty from its guide),
    /// null when the letter names none or the form left all three fields empty; a problem goes to <see cref="Errors"/>.
    /// </summary>
    private async Task<(Guid? Id, Gongkai.Applications.CompetentAgency Agency)?> CompetentAgencyAsync()
    {
        if (!NamesCompetentAgency || (CompetentAgencyId is null && string.IsNullOrWhiteSpace(CompetentAgencyName) && string.IsNullOrWhiteSpace(CompetentAgencyContact)))
        {
            return null;
        }

        string? name = CompetentAgencyName, contact = CompetentAgencyContact;
        if (CompetentAgencyId is { } id)
        {
            var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == id && a.Id != Case.AgencyId)
                .Select(a => new { a.Name, a.Address, a.Phone }).SingleOrDefaultAsync(HttpContext.RequestAborted);
            if (agency is null)
            {
                Errors[nameof(CompetentAgencyId)] = "请选择本平台上的其他机关，或选择“不在本平台”并填写名称。";
                return null;
            }

            name = string.IsNullOrWhiteSpace(name) ? agency.Name : name;
            contact = string.IsNullOrWhiteSpace(contact) ? Gongkai.Applications.CompetentAgency.ContactOf(agency.Address, agency.Phone) : contact;
        }

        var (named, problem) = Gongkai.Applications.CompetentAgency.Create(name, contact);
        if (named is null)
        {
            Errors[string.IsNullOrWhiteSpace(name) || name.Trim().Length > Gongkai.Applications.CompetentAgency.MaxNameLength ? nameof(CompetentAgencyName) : nameof(CompetentAgencyContact)] = problem!;
            return null;
        }

        return (CompetentAgencyId, named);
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
        Pdf = pdfJobs.View(
            Letter.Id, await pdfJobs.FindAsync(Letter.Id, Document, HttpContext.RequestAborted), LetterUrl() + "/pdf", LetterPdfEndpoints.StaffStatusUrl(Case.Id, Letter.Id));
        Unfilled = LetterDrafts.Unfilled(Letter);
        if (NamesCompetentAgency)
        {
            // The region's agencies: a province platform has thousands; one elsewhere is named by hand.
            var region = db.Agencies.Where(a => a.Id == Case.AgencyId).Select(a => a.RegionId);
            var agencies = await db.Agencies.AsNoTracking().Where(a => a.Id != Case.AgencyId && region.Contains(a.RegionId))
                .OrderBy(a => a.RegionId).ThenBy(a => a.SortOrder).ThenBy(a => a.Name)
                .Select(a => new { a.Id, a.Name }).ToListAsync(HttpContext.RequestAborted);
            PlatformAgencies = [.. agencies.Select(a => (a.Id, a.Name))];
        }
    }
}

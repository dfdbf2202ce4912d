using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Web.Applications;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Attachments;

/// <summary>
/// The files of one application: the application scan, the documents disclosed, sealed letters, other papers.
/// Upload with a size limit and a content check (a refusal says why and keeps the other fields), and choose which
/// files the applicant may download from the status page.
/// </summary>
[Authorize]
public sealed class IndexModel(GongkaiDbContext db, Staff staff, AttachmentUploads uploads, AuditLog audit) : PageModel
{
    /// <summary>Handlers and reviewers act here; other staff read.</summary>
    public bool CanAct => staff.CanHandleCases;

    public CaseHeader Case { get; private set; } = null!;

    public IReadOnlyList<AttachmentRecord> Files { get; private set; } = [];

    public long MaxUploadBytes => uploads.MaxUploadBytes;

    [BindProperty]
    public AttachmentKind Kind { get; set; } = AttachmentKind.Disclosed;

    [BindProperty]
    public bool VisibleToApplicant { get; set; }

    public string? UploadError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUploadAsync(Guid id, IFormFile? file)
    {
        if (!staff.CanHandleCases)
        {
            return Forbid();
        }

        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!AttachmentUploads.ApplicationKinds.Any(k => k.Kind == Kind))
        {
            Kind = AttachmentKind.Other;
        }

        var result = await uploads.AddAsync(Case.AgencyId, Case.Id, Kind, file, VisibleToApplicant, staff.DisplayName, HttpContext.RequestAborted);
        if (result.Attachment is not { } attachment)
        {
            UploadError = result.Problem;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        audit.Record("attachment.uploaded", "Attachment", attachment.Id.ToString(),
            $"上传{AttachmentUploads.Label(attachment.Kind)}“{attachment.FileName}”（{StorageOptions.Describe(attachment.Size)}，申请 {Case.Number}）", Case.AgencyId);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = $"已上传“{attachment.FileName}”。";
        return Redirect($"/applications/{id}/attachments");
    }

    public async Task<IActionResult> OnPostVisibilityAsync(Guid id, Guid attachmentId, bool visible)
    {
        if (!staff.CanHandleCases)
        {
            return Forbid();
        }

        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var attachment = await db.Attachments.SingleOrDefaultAsync(a => a.Id == attachmentId && a.OwnerId == id && a.AgencyId == Case.AgencyId, HttpContext.RequestAborted);
        if (attachment is null)
        {
            return NotFound();
        }

        attachment.VisibleToApplicant = visible;
        audit.Record("attachment.visibility", "Attachment", attachment.Id.ToString(),
            $"“{attachment.FileName}”{(visible ? "设为申请人可下载" : "设为申请人不可见")}（申请 {Case.Number}）", Case.AgencyId);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = visible ? $"申请人现在可以在办理进度查询页面下载“{attachment.FileName}”。" : $"“{attachment.FileName}”已对申请人隐藏。";
        return Redirect($"/applications/{id}/attachments");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await CaseHeader.FindAsync(db, staff, id, HttpContext.RequestAborted) is not { } header)
        {
            return false;
        }

        Case = header;
        Files = await db.Attachments.AsNoTracking()
            .Where(a => a.OwnerId == id && a.AgencyId == header.AgencyId)
            .OrderBy(a => a.UploadedAtUtc)
            .ToListAsync(HttpContext.RequestAborted);
        return true;
    }
}

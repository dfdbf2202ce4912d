using Gongkai.Data;
using Gongkai.Web.Attachments;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal.Status;

/// <summary>A file of the applicant's own case that staff made visible; anything else is "not found". Downloads are audited.</summary>
public sealed class FileModel(GongkaiDbContext db, ApplicantSession session, IFileStore store, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid attachmentId)
    {
        if (session.Current(HttpContext) is not { } applicationId)
        {
            return Redirect("/status");
        }

        var attachment = await db.Attachments.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == attachmentId && a.OwnerId == applicationId && a.VisibleToApplicant, HttpContext.RequestAborted);
        if (attachment is null || await store.OpenAsync(attachment.Sha256, HttpContext.RequestAborted) is not { } content)
        {
            return NotFound();
        }

        audit.Record("attachment.downloaded", "Attachment", attachment.Id.ToString(), $"申请人下载“{attachment.FileName}”", attachment.AgencyId);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return AttachmentFile.Send(Response, content, attachment);
    }
}

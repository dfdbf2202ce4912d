using Gongkai.Data;
using Gongkai.Web.Applications;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Attachments;

/// <summary>Downloads an attachment for the handling agency's staff; every download is audited.</summary>
[Authorize]
public sealed class DownloadModel(GongkaiDbContext db, Staff staff, IFileStore store, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid attachmentId)
    {
        if (await CaseHeader.FindAsync(db, staff, id, HttpContext.RequestAborted) is not { } header)
        {
            return NotFound();
        }

        var attachment = await db.Attachments.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == attachmentId && a.OwnerId == id && a.AgencyId == header.AgencyId, HttpContext.RequestAborted);
        if (attachment is null || await store.OpenAsync(attachment.Sha256, HttpContext.RequestAborted) is not { } content)
        {
            return NotFound();
        }

        audit.Record("attachment.downloaded", "Attachment", attachment.Id.ToString(), $"下载“{attachment.FileName}”（申请 {header.Number}）", header.AgencyId);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return AttachmentFile.Send(Response, content, attachment);
    }
}

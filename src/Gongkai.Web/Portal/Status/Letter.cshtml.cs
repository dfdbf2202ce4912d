using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Data.Jobs;
using Gongkai.Web.Attachments;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Letters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal.Status;

/// <summary>
/// An issued letter of the applicant's own case: print page, DOCX, or the PDF made in the background (the file once
/// made, else its state; posting requests it). Other letters — drafts, other cases' — are "not found".
/// </summary>
public sealed class LetterModel(GongkaiDbContext db, ApplicantSession session, LetterPdfJobs jobs, IFileStore store, AuditLog audit) : PageModel
{
    /// <summary>How a request by the applicant is named on the job.</summary>
    public const string ApplicantName = "申请人";

    public Guid LetterId { get; private set; }

    public string Format { get; private set; } = "print";

    public LetterDocument Document { get; private set; } = null!;

    public PdfJobView Job { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid letterId, string format)
    {
        if (session.Current(HttpContext) is not { } applicationId)
        {
            return Redirect("/status");
        }

        if (await FindAsync(applicationId, letterId) is not { } letter)
        {
            return NotFound();
        }

        Format = format;
        if (format == "print")
        {
            return Page();
        }

        if (format == "docx")
        {
            await AuditDownloadAsync(letter, format);
            return File(LetterDocx.Render(Document), LetterFiles.DocxType, Document.FileName("docx"));
        }

        var job = await jobs.FindAsync(letterId, Document, HttpContext.RequestAborted);
        if (job is { State: RenderJobState.Done, FileSha256: { } sha } && await store.OpenAsync(sha, HttpContext.RequestAborted) is { } content)
        {
            await AuditDownloadAsync(letter, format);
            return File(content, "application/pdf", Document.FileName("pdf"));
        }

        Job = jobs.View(letterId, job, PageUrl(letterId), StatusUrl(letterId));
        return Page();
    }

    /// <summary>Requests the letter's PDF (or 重试) and goes back to the case's page, where its state shows.</summary>
    public async Task<IActionResult> OnPostAsync(Guid letterId, string format)
    {
        if (session.Current(HttpContext) is not { } applicationId)
        {
            return Redirect("/status");
        }

        if (format != "pdf" || await FindAsync(applicationId, letterId) is not { } letter)
        {
            return NotFound();
        }

        await jobs.RequestAsync(letter, Document, ApplicantName, HttpContext.RequestAborted);
        return Redirect($"/status/case#pdf-{letterId}");
    }

    public static string PageUrl(Guid letterId) => $"/status/letters/{letterId}/pdf";

    public static string StatusUrl(Guid letterId) => $"/status/letters/{letterId}/pdf?handler=state";

    /// <summary>The PDF job's state as JSON, for the status page's script (the same shape as the staff API's).</summary>
    public async Task<IActionResult> OnGetStateAsync(Guid letterId, string format)
    {
        if (session.Current(HttpContext) is not { } applicationId)
        {
            return Redirect("/status");
        }

        if (format != "pdf" || await FindAsync(applicationId, letterId) is null)
        {
            return NotFound();
        }

        var job = await jobs.FindAsync(letterId, Document, HttpContext.RequestAborted);
        return new JsonResult(jobs.View(letterId, job, PageUrl(letterId), StatusUrl(letterId)));
    }

    /// <summary>The issued letter of the applicant's case that they may see, with its document filled in; null otherwise.</summary>
    private async Task<LetterRecord?> FindAsync(Guid applicationId, Guid letterId)
    {
        var letter = await db.Letters.AsNoTracking().SingleOrDefaultAsync(
            l => l.Id == letterId && l.ApplicationId == applicationId && l.Status == LetterStatus.Issued && l.VisibleToApplicant,
            HttpContext.RequestAborted);
        if (letter is null)
        {
            return null;
        }

        var agencyName = await db.Agencies.AsNoTracking().Where(a => a.Id == letter.AgencyId).Select(a => a.Name).SingleAsync(HttpContext.RequestAborted);
        LetterId = letterId;
        Document = LetterDocument.From(letter, agencyName);
        return letter;
    }

    private async Task AuditDownloadAsync(LetterRecord letter, string format)
    {
        audit.Record("letter.downloaded", "Letter", letter.Id.ToString(), $"申请人下载“{letter.Title}”（{format.ToUpperInvariant()}）", letter.AgencyId);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
    }
}

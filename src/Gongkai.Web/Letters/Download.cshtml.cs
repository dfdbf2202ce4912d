using Gongkai.Data;
using Gongkai.Data.Jobs;
using Gongkai.Web.Attachments;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Letters;

/// <summary>
/// A letter as DOCX (made at once), or its PDF, made in the background (<see cref="LetterPdfJobs"/>): the PDF itself
/// once made for the letter's current text, otherwise a page with the job's state; posting requests it (or 重试).
/// </summary>
[Authorize]
public sealed class DownloadModel(GongkaiDbContext db, Staff staff, LetterPdfJobs jobs, IFileStore store) : PageModel
{
    public string BackUrl { get; private set; } = "/";

    public PdfJobView Job { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid letterId, string format)
    {
        if (await StaffLetter.FindAsync(db, staff, id, letterId, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }

        BackUrl = $"/applications/{id}/letters/{letterId}";
        if (format != "pdf")
        {
            return File(LetterDocx.Render(found.Document), LetterFiles.DocxType, found.Document.FileName("docx"));
        }

        var job = await jobs.FindAsync(letterId, found.Document, HttpContext.RequestAborted);
        if (job is { State: RenderJobState.Done, FileSha256: { } sha } && await store.OpenAsync(sha, HttpContext.RequestAborted) is { } content)
        {
            return File(content, "application/pdf", found.Document.FileName("pdf"));
        }

        Job = jobs.View(letterId, job, BackUrl + "/pdf", LetterPdfEndpoints.StaffStatusUrl(id, letterId));
        return Page();
    }

    /// <summary>Requests the PDF of the letter's current text (or 重试 after a failure) and goes back to the letter.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, Guid letterId, string format)
    {
        if (format != "pdf" || await StaffLetter.FindAsync(db, staff, id, letterId, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }

        await jobs.RequestAsync(found.Letter, found.Document, staff.DisplayName, HttpContext.RequestAborted);
        return Redirect($"/applications/{id}/letters/{letterId}#pdf-{letterId}");
    }
}

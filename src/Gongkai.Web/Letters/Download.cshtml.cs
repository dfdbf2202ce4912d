using Gongkai.Data;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Letters;

/// <summary>A letter as DOCX, or as PDF converted by LibreOffice; when no PDF can be made, a page that says why.</summary>
[Authorize]
public sealed class DownloadModel(GongkaiDbContext db, Staff staff, LibreOfficePdf pdf) : PageModel
{
    public string? Problem { get; private set; }

    public string BackUrl { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid letterId, string format)
    {
        if (await StaffLetter.FindAsync(db, staff, id, letterId, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }

        BackUrl = $"/applications/{id}/letters/{letterId}";
        var result = await LetterFiles.CreateAsync(found.Document, format, pdf, HttpContext.RequestAborted);
        if (result.Problem is { } problem)
        {
            Problem = problem;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        return File(result.Content!, result.ContentType!, result.FileName);
    }
}

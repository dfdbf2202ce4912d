using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Letters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal.Status;

/// <summary>An approved letter of the applicant's own case: print page, DOCX or PDF. Other letters are "not found".</summary>
public sealed class LetterModel(GongkaiDbContext db, ApplicantSession session, LibreOfficePdf pdf, AuditLog audit) : PageModel
{
    public Guid LetterId { get; private set; }

    public string Format { get; private set; } = "print";

    public LetterDocument Document { get; private set; } = null!;

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid letterId, string format)
    {
        if (session.Current(HttpContext) is not { } applicationId)
        {
            return Redirect("/status");
        }

        var letter = await db.Letters.AsNoTracking().SingleOrDefaultAsync(
            l => l.Id == letterId && l.ApplicationId == applicationId && l.Status == LetterStatus.Issued && l.VisibleToApplicant,
            HttpContext.RequestAborted);
        if (letter is null)
        {
            return NotFound();
        }

        var agencyName = await db.Agencies.AsNoTracking().Where(a => a.Id == letter.AgencyId).Select(a => a.Name).SingleAsync(HttpContext.RequestAborted);
        LetterId = letterId;
        Format = format;
        Document = LetterDocument.From(letter, agencyName);
        if (format == "print")
        {
            return Page();
        }

        var file = await LetterFiles.CreateAsync(Document, format, pdf, HttpContext.RequestAborted);
        if (file.Problem is { } problem)
        {
            Problem = problem;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        audit.Record("letter.downloaded", "Letter", letter.Id.ToString(), $"申请人下载“{letter.Title}”（{format.ToUpperInvariant()}）", letter.AgencyId);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return File(file.Content!, file.ContentType!, file.FileName);
    }
}

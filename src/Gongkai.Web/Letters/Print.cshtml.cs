using Gongkai.Data;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Letters;

/// <summary>The letter alone on an A4 sheet, for the browser's print dialog.</summary>
[Authorize]
public sealed class PrintModel(GongkaiDbContext db, Staff staff) : PageModel
{
    public LetterDocument Document { get; private set; } = null!;

    public string BackUrl { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid letterId)
    {
        if (await StaffLetter.FindAsync(db, staff, id, letterId, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }

        Document = found.Document;
        BackUrl = $"/applications/{id}/letters/{letterId}";
        return Page();
    }
}

using Gongkai.Web.AnnualReports;
using Gongkai.Web.Letters;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Portal;

/// <summary>The formats a published annual report is downloaded in from the portal.</summary>
public static class PublicReportFiles
{
    public static IReadOnlyList<(string Format, string Label)> Formats { get; } = [("pdf", "PDF"), ("docx", "Word（DOCX）")];
}

/// <summary>
/// A published annual report as a file: DOCX as the report engine renders it, PDF converted from that DOCX by
/// LibreOffice (as letters are). When no PDF can be made the page says why and offers the DOCX.
/// </summary>
[AllowAnonymous]
public sealed class ReportFileModel(AnnualReportStore store, LibreOfficePdf pdf) : PageModel
{
    public Guid AgencyId { get; private set; }

    public int Year { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int year, string format, CancellationToken cancellationToken)
    {
        if (await store.PublishedAsync(id, year, cancellationToken: cancellationToken) is not { } published
            || ReportExport.Render(published.Report, "docx") is not { } docx)
        {
            return NotFound();
        }

        if (format == "docx")
        {
            return File(docx.Content, docx.ContentType, docx.FileName);
        }

        var result = await pdf.ConvertAsync(docx.Content, cancellationToken);
        if (result.Pdf is { } bytes)
        {
            return File(bytes, "application/pdf", Path.ChangeExtension(docx.FileName, ".pdf"));
        }

        AgencyId = id;
        Year = year;
        Problem = result.Problem;
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return Page();
    }
}

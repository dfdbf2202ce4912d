using Gongkai.Data.Accounts;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.AnnualReports;

/// <summary>
/// Downloads a report of the signed-in agency as DOCX, HTML, Markdown or JSON: a stored version (<c>?version=N</c>),
/// or without it the current draft with the tables computed now (the latest published version when no draft exists).
/// </summary>
[Authorize(Roles = Roles.Handler + "," + Roles.Reviewer + "," + Roles.Publisher + "," + Roles.Administrator)]
public sealed class ExportModel(AnnualReportStore store, Staff staff) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int year, string format, int? version, CancellationToken cancellationToken)
    {
        if (await store.AgencyAsync(staff.AgencyId, cancellationToken) is not { } agency)
        {
            return NotFound();
        }

        LoadedReport? loaded;
        if (version is { } number)
        {
            loaded = await store.VersionAsync(agency.Id, year, number, cancellationToken);
        }
        else
        {
            var latest = await store.LatestAsync(agency.Id, year, cancellationToken);
            loaded = latest switch
            {
                null => null,
                { Status: Gongkai.Data.AnnualReports.AnnualReportStatus.Published } => AnnualReportStore.Frozen(latest),
                _ => await store.CurrentAsync(agency, year, cancellationToken),
            };
        }

        if (loaded is null || ReportExport.Render(loaded.Report, format) is not { } file)
        {
            return NotFound();
        }

        return File(file.Content, file.ContentType, file.FileName);
    }
}

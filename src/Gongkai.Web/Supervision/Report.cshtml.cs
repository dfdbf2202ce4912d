using Gongkai.Data.Accounts;
using Gongkai.Web.AnnualReports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Supervision;

/// <summary>
/// A supervised agency's report for a year, read-only: the published (or collected) report laid out like the national
/// format, with its findings pointing at the cells and sections. Agencies outside the subtree are not found.
/// </summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class ReportModel(SupervisedReports reports) : PageModel
{
    public SupervisedReport Report { get; private set; } = null!;

    public IReadOnlyList<FindingItem> Findings { get; private set; } = [];

    public NationalTablesView Tables { get; private set; } = null!;

    public Guid AgencyId => Report.Agency.Id;

    public int Year => Report.Year;

    /// <summary>Each rule that fires on the report, once, for the links that raise a rectification from it.</summary>
    public IReadOnlyList<(string RuleId, string Title)> RaiseLinks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid agencyId, int year, int? version, CancellationToken cancellationToken)
    {
        if (await reports.ForAgencyAsync(agencyId, year, version, cancellationToken) is not { } report
            || (version is not null && report.Source != ReportSource.Platform))
        {
            return NotFound();
        }

        Report = report;
        if (report.Report is { } content)
        {
            Findings = FindingItem.Describe(content, report.Findings);
            Tables = new NationalTablesView { Report = content, Flags = FindingItem.Flags(report.Findings) };
        }

        RaiseLinks = [.. report.Findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal)
            .Select(id => Rectifications.Rule(id) is { } rule ? (rule.Id, rule.Title) : (id, id))];

        return Page();
    }

    /// <summary>The report as a file in any format the renderers write.</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid agencyId, int year, int? version, string format, CancellationToken cancellationToken)
    {
        if (await reports.ForAgencyAsync(agencyId, year, version, cancellationToken) is not { Report: { } report }
            || ReportExport.Render(report, format) is not { } file)
        {
            return NotFound();
        }

        return File(file.Content, file.ContentType, file.FileName);
    }
}

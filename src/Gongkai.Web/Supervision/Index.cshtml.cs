using System.Globalization;
using Gongkai.AnnualReports.Validation;
using Gongkai.Data.Accounts;
using Gongkai.Web.AnnualReports;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Supervision;

/// <summary>
/// The supervisor's dashboard for a report year: every agency of the region subtree, who has not submitted (first and
/// in red), publication date against the Art. 49 deadline, error and warning counts with the top findings, and the
/// overall problem list (which rule fails at how many agencies).
/// </summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class IndexModel(SupervisedReports reports, RegionScope scope, Trends trends, AssessmentSnapshots snapshots, TimeProvider clock) : PageModel
{
    /// <summary>A rule that fails somewhere in the subtree, with the agencies where it does.</summary>
    public sealed record ProblemRow(RuleDefinition Rule, IReadOnlyList<SupervisedReport> Agencies);

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>"missing" shows only agencies that have not submitted; "errors" only those with errors.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    /// <summary>Agencies per page of the table of reports (the 未提交 list and 问题汇总 stay whole): a province has thousands.</summary>
    public const int PageSize = 100;

    public int PageNumber { get; private set; } = 1;

    public int PageCount => Math.Max(1, (Rows.Count + PageSize - 1) / PageSize);

    /// <summary>The rows of the table on this page.</summary>
    public IEnumerable<SupervisedReport> Shown => Rows.Skip((PageNumber - 1) * PageSize).Take(PageSize);

    public string PageUrl(int page) =>
        string.Create(CultureInfo.InvariantCulture, $"/supervision?year={SelectedYear}{(string.IsNullOrEmpty(Show) ? "" : "&show=" + Uri.EscapeDataString(Show))}&page={page}#agency-reports");

    public int SelectedYear { get; private set; }

    public DateOnly Today { get; private set; }

    public string RegionName { get; private set; } = "";

    public IReadOnlyList<SupervisedReport> All { get; private set; } = [];

    public IReadOnlyList<SupervisedReport> Rows { get; private set; } = [];

    public IReadOnlyList<SupervisedReport> Missing { get; private set; } = [];

    public IReadOnlyList<ProblemRow> Problems { get; private set; } = [];

    /// <summary>The region's trends of the last twelve months.</summary>
    public IReadOnlyList<TrendChart> Charts { get; private set; } = [];

    /// <summary>For a large region, the background computation the trends were read from (数据截至); null when counted live.</summary>
    public SnapshotView? TrendsSnapshot { get; private set; }

    /// <summary>How often, at most, a large region's stored trends are computed again.</summary>
    public int RefreshMinutes => (int)snapshots.Refresh.TotalMinutes;

    public IEnumerable<int> Years => Enumerable.Range(ReportDeadlines.FirstYear, Today.Year - ReportDeadlines.FirstYear + 1).Reverse();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Today = ChinaTime.Today(clock);
        SelectedYear = Year is { } y && y >= ReportDeadlines.FirstYear && y <= Today.Year ? y : Today.Year - 1;
        if (await scope.RootAsync(cancellationToken) is not { } root)
        {
            return NotFound();
        }

        RegionName = root.Name;
        All = await reports.ForYearAsync(SelectedYear, cancellationToken);
        Missing = [.. All.Where(r => r.Source == ReportSource.None)];
        Rows = Show switch
        {
            "missing" => Missing,
            "errors" => [.. All.Where(r => r.Errors > 0)],
            _ => [.. All.OrderBy(r => r.Source == ReportSource.None ? 0 : 1)],
        };
        Problems = [.. All.SelectMany(r => r.Findings.Select(f => (f.RuleId, Report: r)))
            .GroupBy(x => x.RuleId, StringComparer.Ordinal)
            .Select(g => new ProblemRow(RuleCatalogue.Get(g.Key), [.. g.Select(x => x.Report).DistinctBy(r => r.Agency.Id)]))
            .OrderBy(p => p.Rule.Severity).ThenByDescending(p => p.Agencies.Count).ThenBy(p => p.Rule.Id, StringComparer.Ordinal)];
        var agencies = await scope.AgenciesAsync(cancellationToken);
        if (await snapshots.ReadTrendsAsync(root, agencies.Count, cancellationToken) is var (stored, view))
        {
            (Charts, TrendsSnapshot) = (stored, view);
        }
        else
        {
            Charts = await trends.MonthlyAsync([.. agencies.Select(a => a.Id)], cancellationToken);
        }

        PageNumber = int.TryParse(Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var requested)
            ? Math.Clamp(requested, 1, PageCount)
            : 1;
        return Page();
    }

    /// <summary>The first findings of a report, most severe first.</summary>
    public static IEnumerable<Finding> Top(SupervisedReport report, int count = 3) =>
        report.Findings.Select((f, i) => (f, i)).OrderBy(x => x.f.Severity).ThenBy(x => x.i).Take(count).Select(x => x.f);
}

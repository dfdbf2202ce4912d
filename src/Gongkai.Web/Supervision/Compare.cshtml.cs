using Gongkai.AnnualReports;
using Gongkai.Data.Accounts;
using Gongkai.Supervision;
using Gongkai.Web.AnnualReports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Supervision;

/// <summary>
/// An agency's annual report against its report for the year before, cell by cell under the national labels, the large
/// changes marked (<see cref="LargeChangeOptions"/>), the cross-year rules' findings, and the main figures
/// as a chart. Either report may be missing: the page says which.
/// </summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class CompareModel(SupervisedReports reports, IOptions<LargeChangeOptions> largeChange) : PageModel
{
    /// <summary>The cells the chart draws: table 三's main rows and table 四's totals.</summary>
    private static readonly string[] ChartPaths =
    [
        NationalFormat.PathOf(ReportFormat.Format2021, Table3Row.NewReceived, Table3Column.Total),
        NationalFormat.PathOf(ReportFormat.Format2021, Table3Row.CarriedOver, Table3Column.Total),
        NationalFormat.PathOf(ReportFormat.Format2021, Table3Row.Granted, Table3Column.Total),
        NationalFormat.PathOf(ReportFormat.Format2021, Table3Row.TotalProcessed, Table3Column.Total),
        NationalFormat.PathOf(ReportFormat.Format2021, Table3Row.CarriedForward, Table3Column.Total),
    ];

    /// <summary>"large" shows only the large changes.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    public SupervisedReport Current { get; private set; } = null!;

    public SupervisedReport Previous { get; private set; } = null!;

    public LargeChange Threshold { get; private set; } = LargeChange.Default;

    public IReadOnlyList<CellChange> Changes { get; private set; } = [];

    public IReadOnlyList<FindingItem> CrossYearFindings { get; private set; } = [];

    public IReadOnlyList<TrendChart> Charts { get; private set; } = [];

    public bool OnlyLarge => Show == "large";

    public async Task<IActionResult> OnGetAsync(Guid agencyId, int year, CancellationToken cancellationToken)
    {
        if (!ReportDeadlines.IsPlausibleYear(year) || !ReportDeadlines.IsPlausibleYear(year - 1)
            || await reports.ForAgencyAsync(agencyId, year, cancellationToken: cancellationToken) is not { } current
            || await reports.ForAgencyAsync(agencyId, year - 1, cancellationToken: cancellationToken) is not { } previous)
        {
            return NotFound();
        }

        (Current, Previous) = (current, previous);
        Threshold = largeChange.Value.Threshold;
        if (current.Report is not { } now || previous.Report is not { } then)
        {
            return Page();
        }

        Changes = YearOverYear.Compare(now, then, Threshold);
        CrossYearFindings = FindingItem.Describe(now, [.. current.Findings.Where(f => YearOverYear.CrossYearRules.Contains(f.RuleId))]);
        var chartCells = ChartPaths.Select(p => Changes.FirstOrDefault(c => c.Cell.Path == p)).OfType<CellChange>().ToList();
        Charts =
        [
            new TrendChart("year-over-year", $"{previous.Year}年与{current.Year}年主要数据", "bar", [.. chartCells.Select(c => Label(c.Cell))],
            [
                new TrendSeries($"{previous.Year}年", "件", [.. chartCells.Select(c => c.Previous)]),
                new TrendSeries($"{current.Year}年", "件", [.. chartCells.Select(c => c.Current)]),
            ]),
        ];
        return Page();
    }

    /// <summary>A row's label: the national label of the cell, without the table prefix the column headings carry.</summary>
    public static string Label(FormatCell cell) => AggregateModel.ShortLabel(cell);

    public static string Number(decimal? value) => value is { } v ? v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : "—";

    public static string WithSign(decimal? value) => value switch
    {
        null => "—",
        > 0 => "+" + Number(value),
        _ => Number(value),
    };
}

using System.Globalization;
using Gongkai.AnnualReports;
using Gongkai.Calendar;
using Gongkai.Data.Accounts;
using Gongkai.Web.AnnualReports;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Supervision;

/// <summary>
/// The subtree's reports for a year added up: tables 二, 三 and 四 summed cell by cell over every agency with a
/// report (published on the platform or collected), the agencies side by side, and a CSV with one row per agency and
/// one column per cell path. A cell without a number in some report is summed over the others and flagged.
/// </summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class AggregateModel(SupervisedReports reports, RegionScope scope, TimeProvider clock) : PageModel
{
    private static readonly IReadOnlyList<FormatCell> Cells = FormatCell.All(ReportFormat.Format2021);

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>Which cells the side-by-side table shows: "table3" (the 总计 column of each row), "table4" or "table2".</summary>
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    public int SelectedYear { get; private set; }

    public string RegionName { get; private set; } = "";

    public IReadOnlyList<SupervisedReport> Included { get; private set; } = [];

    public IReadOnlyList<SupervisedReport> Missing { get; private set; } = [];

    /// <summary>The sums as a report, for the national-layout tables.</summary>
    public AnnualReport Sum { get; private set; } = new();

    /// <summary>Per cell path: how many included reports have no number there.</summary>
    public IReadOnlyDictionary<string, int> Gaps { get; private set; } = new Dictionary<string, int>();

    public IReadOnlyList<FormatCell> Columns { get; private set; } = [];

    public IEnumerable<int> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Columns = View switch
        {
            "table4" => [.. Cells.Where(c => c.Table == ReportTable.Table4)],
            "table2" => [.. Cells.Where(c => c.Table == ReportTable.Table2)],
            _ => [.. Cells.Where(c => c.Table == ReportTable.Table3 && c.Column == Table3Column.Total)],
        };
        return Page();
    }

    /// <summary>
    /// One row per agency of the subtree (those without a report too), one column per cell, headed by the cell's Chinese
    /// name from the national labels (<see cref="FormatCell.Heading"/>); the JSON API keeps the paths.
    /// </summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken)
            ? File(SheetExport.Csv(Sheet()), SheetExport.CsvType, string.Create(CultureInfo.InvariantCulture, $"{RegionName}{SelectedYear}年度报告汇总.csv"))
            : NotFound();

    /// <summary>The same table as an Excel workbook, the figures as numbers.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken)
            ? File(SheetExport.Xlsx(Sheet()), SheetExport.XlsxType, string.Create(CultureInfo.InvariantCulture, $"{RegionName}{SelectedYear}年度报告汇总.xlsx"))
            : NotFound();

    private Sheet Sheet()
    {
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var row in Included.Concat(Missing))
        {
            rows.Add(
            [
                row.Agency.Name,
                row.Agency.RegionName,
                row.Source switch { ReportSource.Platform => "平台发布", ReportSource.Collected => "收集", _ => "未提交" },
                row.Version,
                row.PublishedOn is { } on ? DateText.Iso(on) : null,
                .. Cells.Select(c => row.Report is { } report && c.Get(report).Value is { } value ? (object)value : null),
            ]);
        }

        rows.Add(["合计", RegionName, null, null, null, .. Cells.Select(c => Sum is { } sum && c.Get(sum).Value is { } value ? (object)value : null)]);
        return new Sheet($"{SelectedYear}年度报告汇总", ["机关", "区域", "来源", "版本", "发布日期", .. Cells.Select(c => c.Heading)], rows);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        Years = Enumerable.Range(ReportDeadlines.FirstYear, today.Year - ReportDeadlines.FirstYear + 1).Reverse();
        SelectedYear = Year is { } y && y >= ReportDeadlines.FirstYear && y <= today.Year ? y : today.Year - 1;
        if (await scope.RootAsync(cancellationToken) is not { } root)
        {
            return false;
        }

        RegionName = root.Name;
        var all = await reports.ForYearAsync(SelectedYear, withFindings: false, cancellationToken);
        Included = [.. all.Where(r => r.Report is not null)];
        Missing = [.. all.Where(r => r.Report is null)];
        var sum = new AnnualReport { Title = $"{root.Name}{SelectedYear}年度汇总", Organization = root.Name, Year = SelectedYear };
        var gaps = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var cell in Cells)
        {
            var values = Included.Select(r => cell.Get(r.Report!).Value).ToList();
            var numbers = values.Where(v => v is not null).Select(v => v!.Value).ToList();
            cell.Set(sum, numbers.Count == 0 ? Cell.Parse("") : Cell.Of(numbers.Sum()));
            if (numbers.Count < values.Count)
            {
                gaps[cell.Path] = values.Count - numbers.Count;
            }
        }

        Sum = sum;
        Gaps = gaps;
        return true;
    }

    /// <summary>A column heading for the side-by-side table, e.g. "（三）1.属于国家秘密", "未经复议直接起诉 尚未审结", "规章 本年制发件数".</summary>
    public static string ShortLabel(FormatCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        switch (cell.Table)
        {
            case ReportTable.Table3:
                var row = NationalFormat.Table3RowDefinition(ReportFormat.Format2021, cell.Row!.Value)!;
                var group = row.Group is { } g && g != NationalFormat.OutcomeGroup ? g[..(g.IndexOf('）', StringComparison.Ordinal) + 1)] : "";
                var column = cell.Column == Table3Column.Total ? "" : " " + NationalFormat.Table3ColumnLabels[(int)cell.Column!.Value];
                return group + row.Label + column;
            case ReportTable.Table4:
                return NationalFormat.Table4BlockLabels[(int)cell.Block!.Value] + " " + NationalFormat.Table4ColumnLabels[(int)cell.Table4Column!.Value];
            default:
                var field = NationalFormat.Table2FieldDefinition(cell.Field!.Value);
                return field.RowLabel + " " + field.ColumnLabel;
        }
    }
}

using System.Globalization;
using Gongkai.AnnualReports;
using Gongkai.Data.Accounts;
using Gongkai.Web.AnnualReports;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;

namespace Gongkai.Web.Supervision;

/// <summary>
/// The subtree's reports for a year added up: tables 二, 三 and 四 summed cell by cell over every agency with a
/// report (published on the platform or collected), the agencies side by side (100 a page), and a CSV with one row per
/// agency and one column per cell path. A cell without a number in some report is summed over the others and flagged.
/// A region with more than <c>Supervision:AssessmentInlineAgencies</c> agencies reads the aggregate computed in the
/// background (<see cref="AssessmentSnapshots.ReadAggregateAsync"/>, 数据截至); a smaller one adds up live.
/// </summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class AggregateModel(SupervisedReports reports, RegionScope scope, AssessmentSnapshots snapshots, IMemoryCache cache, TimeProvider clock) : PageModel
{
    /// <summary>Agencies per page of the side-by-side table (2,000 agencies on one page were megabytes of HTML).</summary>
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>Which cells the side-by-side table shows: "table3" (the 总计 column of each row), "table4" or "table2".</summary>
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    public int SelectedYear { get; private set; }

    public string RegionName { get; private set; } = "";

    /// <summary>The aggregate; null while a large region's first background computation has not finished.</summary>
    public AggregateTable? Table { get; private set; }

    /// <summary>For a large region, the background computation the aggregate was read from; null when added up live.</summary>
    public AggregateSnapshot? Snapshot { get; private set; }

    public IReadOnlyList<AggregateRow> Included { get; private set; } = [];

    public IReadOnlyList<AggregateRow> Missing { get; private set; } = [];

    /// <summary>The sums as a report, for the national-layout tables.</summary>
    public AnnualReport Sum { get; private set; } = new();

    /// <summary>Per cell path: how many included reports have no number there.</summary>
    public IReadOnlyDictionary<string, int> Gaps { get; private set; } = new Dictionary<string, int>();

    /// <summary>The side-by-side table's cells with their index in <see cref="AggregateTable.Cells"/>.</summary>
    public IReadOnlyList<(FormatCell Cell, int Index)> Columns { get; private set; } = [];

    public IEnumerable<int> Years { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public int PageCount => Math.Max(1, (Included.Count + PageSize - 1) / PageSize);

    /// <summary>The agencies with a report on this page of the side-by-side table.</summary>
    public IEnumerable<AggregateRow> Shown => Included.Skip((PageNumber - 1) * PageSize).Take(PageSize);

    public string ViewKey => View is "table2" or "table4" ? View : "table3";

    public string PageUrl(int page) =>
        string.Create(CultureInfo.InvariantCulture, $"/supervision/aggregate?year={SelectedYear}&view={ViewKey}&page={page}#side-by-side");

    /// <summary>How often, at most, a large region's stored aggregate is computed again.</summary>
    public int RefreshMinutes => (int)snapshots.Refresh.TotalMinutes;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var cells = AggregateTable.Cells.Select((cell, index) => (cell, index));
        Columns = ViewKey switch
        {
            "table4" => [.. cells.Where(c => c.cell.Table == ReportTable.Table4)],
            "table2" => [.. cells.Where(c => c.cell.Table == ReportTable.Table2)],
            _ => [.. cells.Where(c => c.cell.Table == ReportTable.Table3 && c.cell.Column == Table3Column.Total)],
        };
        PageNumber = int.TryParse(Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var requested)
            ? Math.Clamp(requested, 1, PageCount)
            : 1;
        return Page();
    }

    /// <summary>
    /// One row per agency of the subtree (those without a report too), one column per cell, headed by the cell's Chinese
    /// name from the national labels (<see cref="FormatCell.Heading"/>); the JSON API keeps the paths.
    /// </summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) && Table is { } table
            ? File(SheetExport.Csv(table.Sheet(RegionName)), SheetExport.CsvType, FileName("csv"))
            : NotFound();

    /// <summary>The same table as an Excel workbook, the figures as numbers.</summary>
    /// <remarks>A stored aggregate's workbook is made once per node and computation and kept in memory for 15 minutes, as the ranking's is.</remarks>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || Table is not { } table)
        {
            return NotFound();
        }

        byte[] Make() => SheetExport.Xlsx(table.Sheet(RegionName));
        var bytes = Snapshot?.Computation is { } computation
            ? cache.GetOrCreate(("aggregate.xlsx", computation), entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(15);
                return Make();
            })!
            : Make();
        return File(bytes, SheetExport.XlsxType, FileName("xlsx"));
    }

    private string FileName(string extension) => string.Create(CultureInfo.InvariantCulture, $"{RegionName}{SelectedYear}年度报告汇总.{extension}");

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
        var agencies = await scope.AgenciesAsync(cancellationToken);
        if (await snapshots.ReadAggregateAsync(root, agencies, SelectedYear, cancellationToken) is var (stored, view, computation))
        {
            (Table, Snapshot) = (stored, new AggregateSnapshot(view, computation));
        }
        else
        {
            Table = AggregateTable.Of(SelectedYear, await reports.ForYearAsync(SelectedYear, withFindings: false, cancellationToken));
        }

        if (Table is { } table)
        {
            (Included, Missing, Sum, Gaps) = (table.Included, table.Missing, table.SumReport(root.Name), table.Gaps);
        }

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

/// <summary>A stored aggregate's background computation: its state for the page and which computation it is (null before the first and while one runs).</summary>
public sealed record AggregateSnapshot(SnapshotView View, (Guid Id, int Attempt, DateTime ComputedAtUtc)? Computation);

using System.Globalization;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Web.AnnualReports;

/// <summary>
/// What the national-layout table partial (<c>_NationalTables.cshtml</c>) shows: which tables of a report, the cells
/// findings point at, and where each value cell links (the cases it counts). Every value cell has the id
/// <c>cell-{path}</c> and <c>data-path</c>, the same addressing as the HTML renderer and the findings.
/// </summary>
public sealed class NationalTablesView
{
    public required AnnualReport Report { get; init; }

    public IReadOnlyList<ReportTable> Tables { get; init; } = [ReportTable.Table2, ReportTable.Table3, ReportTable.Table4];

    public IReadOnlyDictionary<string, CellFlag> Flags { get; init; } = new Dictionary<string, CellFlag>();

    /// <summary>The address a value cell links to, or null for none.</summary>
    public Func<string, string?>? Link { get; init; }

    /// <summary>What a value cell shows: the number, or what the source wrote instead.</summary>
    public static string Text(Cell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Kind switch
        {
            CellKind.Number or CellKind.Zero => cell.Value!.Value.ToString(CultureInfo.InvariantCulture),
            CellKind.Missing => "",
            CellKind.Blank => "",
            _ => cell.Raw,
        };
    }

    public static string FlagClass(CellFlag? flag) => flag?.Severity switch
    {
        Severity.Error => "flag-error",
        Severity.Warning => "flag-warning",
        Severity.Review => "flag-review",
        Severity.Info => "flag-info",
        _ => "",
    };
}

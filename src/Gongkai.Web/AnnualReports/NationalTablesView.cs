using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Rendering;
using Microsoft.AspNetCore.Html;

namespace Gongkai.Web.AnnualReports;

/// <summary>
/// The national tables of a report as a page shows them: which tables, the cells findings point at, and where each
/// value cell links (the cases it counts). Drawn by the domain's <see cref="HtmlReportRenderer"/>, the same fragments as
/// the standalone document and the portal, so every value cell has the id <c>cell-{path}</c> and <c>data-path</c>.
/// </summary>
public sealed class NationalTablesView
{
    public required AnnualReport Report { get; init; }

    public IReadOnlyList<ReportTable> Tables { get; init; } = [ReportTable.Table2, ReportTable.Table3, ReportTable.Table4];

    public IReadOnlyDictionary<string, CellFlag> Flags { get; init; } = new Dictionary<string, CellFlag>(StringComparer.Ordinal);

    /// <summary>The address a value cell links to, or null for none.</summary>
    public Func<string, string?>? Link { get; init; }

    /// <summary>The chosen tables, in order.</summary>
    public IHtmlContent Html() => Html(Tables);

    /// <summary>Some tables of the report with this view's flags and links.</summary>
    public IHtmlContent Html(params IReadOnlyList<ReportTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var marks = new HtmlTableMarks { Flags = Flags, Link = Link };
        return new HtmlString(string.Concat(tables.Select(t => HtmlReportRenderer.RenderTable(Report, t, marks))));
    }

    /// <summary>The CSS class of a flagged cell or row, empty for none.</summary>
    public static string FlagClass(CellFlag? flag) => flag is null ? "" : HtmlReportRenderer.FlagClass(flag.Severity);
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.AnnualReports.Rendering;

/// <summary>
/// A cell a finding points at, as the tables show it: the worst severity and every message about the cell (each
/// message as the page words it, e.g. the rule's Chinese name and the finding's message).
/// </summary>
public sealed record CellFlag(Severity Severity, IReadOnlyList<string> Messages);

/// <summary>
/// What a page adds to the national tables: marks on the cells findings point at and a link from each value cell.
/// The default adds nothing, which is what the standalone document prints.
/// </summary>
public sealed record HtmlTableMarks
{
    /// <summary>No flags, no links.</summary>
    public static HtmlTableMarks None { get; } = new();

    /// <summary>Flags by cell path.</summary>
    public IReadOnlyDictionary<string, CellFlag> Flags { get; init; } = new Dictionary<string, CellFlag>(StringComparer.Ordinal);

    /// <summary>The address a value cell with text links to (the cases it counts), or null for none.</summary>
    public Func<string, string?>? Link { get; init; }
}

/// <summary>
/// Renders a report in the national layout as HTML, for every place that shows it: a standalone, printable HTML5
/// document (<see cref="Render"/>), the same body without the document around it for a page to embed
/// (<see cref="RenderBody"/>), and one table of it (<see cref="RenderTable"/>) — the document's body is made of exactly
/// these fragments, so a table looks the same in an export, on the portal, in the workspace and in supervision.
/// Each table is wrapped in <c>div.table-scroll</c> (wide tables scroll sideways on a phone) and is
/// <c>table.national.table{n}</c> with id <c>table{n}</c>; column and row headers are <c>th</c> with their scope, and
/// every value cell is a <c>td.num</c> with id <c>cell-{path}</c> and <c>data-path</c> (e.g. "table3.newReceived.total"),
/// so that findings can point at it. Text is encoded by the platform's <see cref="HtmlEncoder"/> (all of Unicode
/// allowed, as the web pages encode it), and the report's own text is cleaned as <see cref="ReportLayout"/> says.
/// </summary>
public static class HtmlReportRenderer
{
    private const string Style = """
        @page { size: A4; margin: 25mm 20mm; }
        html { background: #fff; color: #000; }
        body {
          max-width: 170mm; margin: 0 auto; padding: 12mm 0;
          font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC", serif;
          font-size: 12pt; line-height: 1.8;
        }
        h1 {
          text-align: center; font-size: 20pt; font-weight: normal; line-height: 1.4; margin: 0 0 1.2em;
          font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
        }
        h2 {
          font-size: 14pt; font-weight: normal; margin: 1.2em 0 0.4em;
          font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
        }
        p { margin: 0; text-indent: 2em; text-align: justify; }
        .table-scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 10.5pt; line-height: 1.4; }
        th, td { border: 1px solid #000; padding: 3px 4px; text-align: center; vertical-align: middle; font-weight: normal; }
        th.label { text-align: left; }
        td.num { font-variant-numeric: tabular-nums; }
        table.table4 { font-size: 9pt; }
        thead { display: table-header-group; }
        tr { page-break-inside: avoid; break-inside: avoid; }
        @media print { body { max-width: none; padding: 0; } h2 { page-break-after: avoid; break-after: avoid; } .table-scroll { overflow: visible; } }
        """;

    /// <summary>The encoder of the web pages: HTML's special characters encoded, Chinese written as it is.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The id of a value cell, which findings link to: <c>cell-{path}</c>.</summary>
    public static string CellId(string path) => "cell-" + path;

    /// <summary>The report's title as printed: its own, or composed from organisation and year.</summary>
    public static string Title(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ReportLayout.Title(report);
    }

    /// <summary>The text a value cell prints: numbers as numbers, other kinds as the source wrote them, missing as nothing.</summary>
    public static string CellText(Cell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return ReportLayout.ValueText(cell);
    }

    /// <summary>The CSS class marking a flagged cell by severity (flag-error, flag-review, flag-warning, flag-info).</summary>
    public static string FlagClass(Severity severity) => "flag-" + SeverityText.Name(severity);

    /// <summary>The standalone document: head with title and print styles, then <see cref="RenderBody"/>.</summary>
    public static string Render(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var title = Encode(ReportLayout.Title(report));
        return new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(title).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append(RenderBody(report))
            .Append("</body>\n</html>\n")
            .ToString();
    }

    /// <summary>
    /// The document's body without the document: the title as <c>h1</c>, each printed section's heading as <c>h2</c>,
    /// its paragraphs, and its table as <see cref="RenderTable"/> writes it.
    /// </summary>
    public static string RenderBody(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append("<h1>").Append(Encode(ReportLayout.Title(report))).Append("</h1>\n");
        foreach (var section in ReportLayout.Sections(report))
        {
            html.Append("<h2>").Append(Encode(section.Definition.Heading)).Append("</h2>\n");
            foreach (var paragraph in section.Paragraphs)
            {
                html.Append("<p>").Append(Encode(paragraph)).Append("</p>\n");
            }

            if (section.Table is { } table)
            {
                AppendTable(html, table, section.Blocks, HtmlTableMarks.None);
            }
        }

        return html.ToString();
    }

    /// <summary>One table of the report, whether or not it has cells, with the marks a page adds (none by default).</summary>
    public static string RenderTable(AnnualReport report, ReportTable table, HtmlTableMarks? marks = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        AppendTable(html, table, ReportLayout.Blocks(report, table), marks ?? HtmlTableMarks.None);
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, ReportTable table, IReadOnlyList<TableLayout> blocks, HtmlTableMarks marks)
    {
        var number = (int)table;
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"table-scroll\"><table class=\"national table{number}\" id=\"table{number}\">\n");

        // A single-block table repeats its header rows on every printed page; table 二's block headers are body rows.
        var header = blocks.Count == 1 ? blocks[0].HeaderRowCount : 0;
        var rows = blocks.SelectMany(b => b.Rows).ToArray();
        if (header > 0)
        {
            html.Append("<thead>\n");
        }

        for (var i = 0; i < rows.Length; i++)
        {
            if (i == header)
            {
                html.Append(header > 0 ? "</thead>\n<tbody>\n" : "<tbody>\n");
            }

            html.Append("<tr>");
            foreach (var cell in rows[i])
            {
                AppendCell(html, cell, marks);
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
    }

    private static void AppendCell(StringBuilder html, LayoutCell cell, HtmlTableMarks marks)
    {
        if (cell.Path is { } path)
        {
            AppendValue(html, cell, path, marks);
            return;
        }

        // Headers over several columns head a column group; the corner note of table 三 heads neither way.
        var (css, scope) = cell.Role switch
        {
            LayoutRole.Label => ("label", cell.RowSpan > 1 ? "rowgroup" : "row"),
            _ when cell.RowSpan > 1 && cell.ColumnSpan > 1 => ("note", null),
            _ => ((string?)null, cell.ColumnSpan > 1 ? "colgroup" : "col"),
        };
        html.Append("<th");
        if (css is not null)
        {
            html.Append(" class=\"").Append(css).Append('"');
        }

        if (scope is not null)
        {
            html.Append(" scope=\"").Append(scope).Append('"');
        }

        AppendSpans(html, cell);
        html.Append('>').Append(Encode(cell.Text)).Append("</th>");
    }

    private static void AppendValue(StringBuilder html, LayoutCell cell, string path, HtmlTableMarks marks)
    {
        var flag = marks.Flags.GetValueOrDefault(path);
        html.Append("<td id=\"").Append(Encode(CellId(path))).Append("\" data-path=\"").Append(Encode(path)).Append("\" class=\"num");
        if (flag is not null)
        {
            html.Append(' ').Append(FlagClass(flag.Severity));
        }

        html.Append('"');
        if (flag is not null)
        {
            html.Append(" title=\"").Append(Encode(string.Join("\n", flag.Messages))).Append('"');
        }

        AppendSpans(html, cell);
        html.Append('>');
        if (cell.Text.Length > 0 && marks.Link?.Invoke(path) is { } link)
        {
            html.Append("<a href=\"").Append(Encode(link)).Append("\">").Append(Encode(cell.Text)).Append("</a>");
        }
        else
        {
            html.Append(Encode(cell.Text));
        }

        if (flag is not null)
        {
            html.Append("<span class=\"flag-mark\" aria-label=\"").Append(SeverityText.Label(flag.Severity)).Append("\">")
                .Append(flag.Severity == Severity.Error ? "✖" : "!").Append("</span>");
        }

        html.Append("</td>");
    }

    private static void AppendSpans(StringBuilder html, LayoutCell cell)
    {
        if (cell.RowSpan > 1)
        {
            html.Append(CultureInfo.InvariantCulture, $" rowspan=\"{cell.RowSpan}\"");
        }

        if (cell.ColumnSpan > 1)
        {
            html.Append(CultureInfo.InvariantCulture, $" colspan=\"{cell.ColumnSpan}\"");
        }
    }

    private static string Encode(string text) => Encoder.Encode(text);
}

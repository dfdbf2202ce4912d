using System.Globalization;
using System.Text;

namespace Gongkai.AnnualReports.Rendering;

/// <summary>
/// Renders a report as a standalone, printable HTML5 page laid out like the national format: the title, the six
/// section headings in statutory order, each section's text, and tables 二/三/四 with the official merged cells.
/// Every value cell carries <c>data-path</c> (e.g. "table3.newReceived.total") so that findings can point at it.
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
        table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 10.5pt; line-height: 1.4; }
        td { border: 1px solid #000; padding: 3px 4px; text-align: center; vertical-align: middle; }
        td.label { text-align: left; }
        td.value { font-variant-numeric: tabular-nums; }
        table.table4 { font-size: 9pt; }
        thead { display: table-header-group; }
        tr { page-break-inside: avoid; break-inside: avoid; }
        @media print { body { max-width: none; padding: 0; } h2 { page-break-after: avoid; break-after: avoid; } }
        """;

    public static string Render(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var title = ReportLayout.Title(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Escape(title)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(Escape(title)).Append("</h1>\n");
        foreach (var section in ReportLayout.Sections(report))
        {
            html.Append("<h2>").Append(Escape(section.Definition.Heading)).Append("</h2>\n");
            foreach (var paragraph in section.Paragraphs)
            {
                html.Append("<p>").Append(Escape(paragraph)).Append("</p>\n");
            }

            if (section.Table is { } table)
            {
                AppendTable(html, table, section.Blocks);
            }
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, ReportTable table, IReadOnlyList<TableLayout> blocks)
    {
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"table{(int)table}\">\n");

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
                AppendCell(html, cell);
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendCell(StringBuilder html, LayoutCell cell)
    {
        var role = cell.Role switch
        {
            LayoutRole.Header => "head",
            LayoutRole.Label => "label",
            _ => "value",
        };
        html.Append("<td class=\"").Append(role).Append('"');
        if (cell.RowSpan > 1)
        {
            html.Append(CultureInfo.InvariantCulture, $" rowspan=\"{cell.RowSpan}\"");
        }

        if (cell.ColumnSpan > 1)
        {
            html.Append(CultureInfo.InvariantCulture, $" colspan=\"{cell.ColumnSpan}\"");
        }

        if (cell.Path is { } path)
        {
            html.Append(" data-path=\"").Append(Escape(path)).Append('"');
        }

        html.Append('>').Append(Escape(cell.Text)).Append("</td>");
    }

    /// <summary>The five characters that matter in HTML text and attribute values; everything else stays as written.</summary>
    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&#39;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}

using System.Text;

namespace Gongkai.AnnualReports.Rendering;

/// <summary>
/// Renders a report as Markdown: "# title", "## 一、总体情况" …, paragraphs, and the tables as GitHub pipe tables
/// written the way published text copies flatten the merged cells: a merged cell's text stands at its top-left grid
/// position and the positions it covers stay empty. Table 二 is one pipe table per article item, each starting with
/// the item row ("第二十条第（一）项" and empty cells); tables 三 and 四 keep all their header rows.
/// </summary>
public static class MarkdownReportRenderer
{
    public static string Render(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var markdown = new StringBuilder();
        markdown.Append("# ").Append(OneLine(ReportLayout.Title(report))).Append("\n\n");
        foreach (var section in ReportLayout.Sections(report))
        {
            markdown.Append("## ").Append(section.Definition.Heading).Append("\n\n");
            foreach (var paragraph in section.Paragraphs)
            {
                markdown.Append(paragraph).Append("\n\n");
            }

            foreach (var block in section.Blocks)
            {
                AppendTable(markdown, block);
            }
        }

        return markdown.ToString().TrimEnd('\n') + "\n";
    }

    private static void AppendTable(StringBuilder markdown, TableLayout layout)
    {
        var grid = layout.Grid();
        for (var r = 0; r < grid.GetLength(0); r++)
        {
            markdown.Append('|');
            for (var c = 0; c < layout.ColumnCount; c++)
            {
                var (cell, isOrigin) = grid[r, c];
                var text = isOrigin ? EscapeCell(cell.Text) : "";
                markdown.Append(' ').Append(text).Append(text.Length > 0 ? " |" : "|");
            }

            markdown.Append('\n');
            if (r == 0)
            {
                markdown.Append('|').Insert(markdown.Length, " --- |", layout.ColumnCount).Append('\n');
            }
        }

        markdown.Append('\n');
    }

    private static string EscapeCell(string text) => OneLine(text).Replace("|", "\\|", StringComparison.Ordinal);

    private static string OneLine(string text) =>
        string.Join(' ', text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}

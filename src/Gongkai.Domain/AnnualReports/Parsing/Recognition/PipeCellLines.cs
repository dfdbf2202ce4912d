namespace Gongkai.AnnualReports.Parsing.Recognition;

/// <summary>
/// Text crawled from web pages by converters that write a table one cell per line, each cell followed by " |" and
/// each row opened by a line holding only "|":
/// <code>
/// |
/// 规章 |
/// 0 |
/// 0 |
/// </code>
/// This pass joins such lines back into table rows (one <see cref="SourceLine"/> per row, one cell per line). Pipes
/// repeated after a cell ("第二十条第(一)项 | |||") stand for cells a merged cell covers and add nothing; a lone "|"
/// right before the line that opens the next row is an empty cell. The pass
/// acts only on documents written this way throughout (many lines that are a lone "|" and many that end with one).
/// </summary>
internal static class PipeCellLines
{
    private const int LeastRowMarks = 8;

    public static SourceDocument Join(SourceDocument document)
    {
        var lines = document.Lines;
        var marks = 0;
        var cellLines = 0;
        foreach (var line in lines)
        {
            if (IsRowMark(line))
            {
                marks++;
            }
            else if (CellText(line) is not null)
            {
                cellLines++;
            }
        }

        if (marks < LeastRowMarks || cellLines < 2 * marks)
        {
            return document;
        }

        var result = new List<SourceLine>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            if (!IsRowMark(lines[i]))
            {
                result.Add(lines[i]);
                continue;
            }

            var cells = new List<SourceCell>();
            var j = i + 1;
            for (; j < lines.Count; j++)
            {
                if (IsRowMark(lines[j]))
                {
                    // A lone "|" followed by another is an empty cell of this row; the second opens the next row.
                    if (cells.Count > 0 && j + 1 < lines.Count && IsRowMark(lines[j + 1]))
                    {
                        cells.Add(new SourceCell("", lines[j].Location));
                        continue;
                    }

                    break;
                }

                if (CellText(lines[j]) is not { } text)
                {
                    break;
                }

                cells.Add(new SourceCell(text, lines[j].Location));
            }

            if (cells.Count > 0)
            {
                result.Add(new SourceLine(cells));
            }

            i = j - 1;
        }

        return new SourceDocument(result) { Findings = document.Findings };
    }

    private static bool IsRowMark(SourceLine line) => line.Cells.Count == 1 && line.Cells[0].Text.Trim() is "|" or "||";

    /// <summary>The cell a line holds when it is written "text |" (more pipes may follow), or null.</summary>
    private static string? CellText(SourceLine line)
    {
        if (line.Cells.Count != 1)
        {
            return null;
        }

        var text = line.Cells[0].Text.TrimEnd();
        if (!text.EndsWith('|'))
        {
            return null;
        }

        var bar = text.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? null : text[..bar].Trim();
    }
}

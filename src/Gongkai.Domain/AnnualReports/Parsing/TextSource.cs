namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// Reads plain text as copied from web pages and Word (cells separated by tabs) and Markdown (pipe tables,
/// '#' headings) into a <see cref="SourceDocument"/>. Blank lines and Markdown table separator rows are dropped.
/// Every cell counts against <see cref="ReportReadLimits.MaxCells"/>.
/// </summary>
public static class TextSource
{
    /// <exception cref="ReportReadException">The text has more cells than <see cref="ReportReadLimits.MaxCells"/>.</exception>
    public static SourceDocument Read(string text)
    {
        using var budget = new ReadBudget(ReportReadLimits.Default, "文本");
        return ReportParser.Guarded(budget, () => Read(text, budget));
    }

    internal static SourceDocument Read(string text, ReadBudget budget)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<SourceLine>();
        var lineNumber = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = raw.ToString();
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var trimmed = line.Trim();
            if (trimmed.StartsWith('|') && trimmed.Length > 1)
            {
                if (!IsPipeSeparator(trimmed))
                {
                    lines.Add(new SourceLine(PipeCells(line, lineNumber, budget)));
                }

                continue;
            }

            if (line.Contains('\t', StringComparison.Ordinal))
            {
                lines.Add(new SourceLine(TabCells(line, lineNumber, budget)));
            }
            else
            {
                budget.AddCells(1);
                lines.Add(new SourceLine([new SourceCell(line.Trim(), SourceLocation.AtLine(lineNumber, FirstNonSpace(line) + 1))]));
            }
        }

        return new SourceDocument(lines);
    }

    private static SourceCell[] TabCells(string line, int lineNumber, ReadBudget budget)
    {
        var cells = new List<SourceCell>();
        var start = 0;
        while (true)
        {
            var tab = line.IndexOf('\t', start);
            var end = tab < 0 ? line.Length : tab;
            budget.AddCells(1);
            cells.Add(new SourceCell(line[start..end].Trim(), SourceLocation.AtLine(lineNumber, start + 1)));
            if (tab < 0)
            {
                break;
            }

            start = tab + 1;
        }

        return [.. cells];
    }

    private static SourceCell[] PipeCells(string line, int lineNumber, ReadBudget budget)
    {
        var cells = new List<SourceCell>();
        var first = line.IndexOf('|', StringComparison.Ordinal);
        var cellStart = first + 1;
        var text = new System.Text.StringBuilder();
        for (var i = first + 1; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length && line[i + 1] == '|')
            {
                text.Append('|');
                i++;
            }
            else if (c == '|')
            {
                budget.AddCells(1);
                cells.Add(new SourceCell(text.ToString().Trim(), SourceLocation.AtLine(lineNumber, cellStart + 1)));
                text.Clear();
                cellStart = i + 1;
            }
            else
            {
                text.Append(c);
            }
        }

        if (text.ToString().Trim().Length > 0)
        {
            budget.AddCells(1);
            cells.Add(new SourceCell(text.ToString().Trim(), SourceLocation.AtLine(lineNumber, cellStart + 1)));
        }

        return [.. cells];
    }

    private static bool IsPipeSeparator(string trimmed)
    {
        foreach (var c in trimmed)
        {
            if (c is not ('|' or '-' or ':' or ' ' or '\t'))
            {
                return false;
            }
        }

        return trimmed.Contains('-', StringComparison.Ordinal);
    }

    private static int FirstNonSpace(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (!char.IsWhiteSpace(line[i]))
            {
                return i;
            }
        }

        return 0;
    }
}

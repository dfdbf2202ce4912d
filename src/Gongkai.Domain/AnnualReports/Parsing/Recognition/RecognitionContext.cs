using Gongkai.AnnualReports.Validation;

namespace Gongkai.AnnualReports.Parsing.Recognition;

/// <summary>A statutory section as the line walk found it: its heading, its text lines, whether a table was in it.</summary>
internal sealed class SectionBuilder(SectionKey key, string heading, SourceLocation location)
{
    public SectionKey Key { get; } = key;

    public string Heading { get; } = heading;

    public SourceLocation Location { get; } = location;

    public List<string> Lines { get; } = [];

    public List<SourceLocation> LineLocations { get; } = [];

    public bool HasTable { get; set; }
}

/// <summary>
/// What the readers of one document share: its lines, the report being filled, the findings, where the headings and
/// the title are, the format votes, and caches of what a cell's text means. One context per document; not thread-safe.
/// </summary>
internal sealed class RecognitionContext(SourceDocument document, ReadBudget? budget = null)
{
    private readonly Dictionary<string, string> _canonical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CellKind> _kinds = new(StringComparer.Ordinal);

    public IReadOnlyList<SourceLine> Lines { get; } = document.Lines;

    public AnnualReport Report { get; } = new();

    /// <summary>The reader's own findings (<see cref="SourceDocument.Findings"/>) first, then the recognizer's.</summary>
    public List<Finding> Findings { get; } = [.. document.Findings];

    /// <summary>The input's time budget, checked at every line of every pass (null: unbounded).</summary>
    public ReadBudget? Budget { get; } = budget;

    public List<SectionBuilder> Sections { get; } = [];

    /// <summary>Lines that are statutory section headings, by line index.</summary>
    public Dictionary<int, SectionKey> HeadingLines { get; } = [];

    public int FirstHeadingLine { get; set; } = -1;

    public int TitleLine { get; set; } = -1;

    public int TitleContinuation { get; set; } = -1;

    /// <summary><see cref="LabelText.Canonical"/>, remembered for this document (cells are read many times).</summary>
    public string Canon(string text)
    {
        if (!_canonical.TryGetValue(text, out var canonical))
        {
            canonical = LabelText.Canonical(text);
            _canonical[text] = canonical;
        }

        return canonical;
    }

    /// <summary>What a cell's text is (<see cref="CellText.Interpret"/>), remembered for this document.</summary>
    public CellKind KindOf(string text)
    {
        if (!_kinds.TryGetValue(text, out var kind))
        {
            kind = CellText.Interpret(text).Kind;
            _kinds[text] = kind;
        }

        return kind;
    }

    public bool IsValue(string text) => KindOf(text) is CellKind.Number or CellKind.Zero or CellKind.Placeholder;

    public bool IsNumber(string text) => KindOf(text) is CellKind.Number or CellKind.Zero;

    public void Observe(ReportTable table, string expected, SourceCell actual) =>
        Report.Labels.Add(new ObservedLabel(table, expected, actual.Text.Trim(), actual.Location));

    public SectionBuilder? Section(SectionKey key) => Sections.FirstOrDefault(s => s.Key == key);

    public static string FormatName(ReportFormat format) => format == ReportFormat.Format2019 ? "2019年版" : "2021年版";

    /// <summary>The cells of a line that hold their own text (positions covered by a merged neighbour left out).</summary>
    public static List<SourceCell> Cells(SourceLine line) => [.. line.Cells.Where(c => !c.IsSpanned)];

    public static int FirstNonBlank(List<SourceCell> cells) => cells.FindIndex(c => c.Text.Length > 0);

    /// <summary>The text of a line that has exactly one non-empty cell, or null.</summary>
    public static string? SingleText(SourceLine line)
    {
        string? found = null;
        foreach (var cell in line.Cells)
        {
            if (cell.IsSpanned || cell.Text.Trim().Length == 0)
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = cell.Text;
        }

        return found;
    }

    /// <summary>
    /// Values written one per line under their label: reads following lines while each holds only values.
    /// </summary>
    public (List<SourceCell> Values, int Last) ReadValueLines(int index, List<SourceCell> values, int wanted)
    {
        var collected = new List<SourceCell>();
        var last = index;
        for (var j = index + 1; j < Lines.Count && collected.Count < wanted; j++)
        {
            if (HeadingLines.ContainsKey(j))
            {
                break;
            }

            var next = Cells(Lines[j]).Where(c => c.Text.Length > 0).ToList();
            if (next.Count == 0 || next.Any(c => KindOf(c.Text) is CellKind.Text or CellKind.Blank))
            {
                break;
            }

            collected.AddRange(next);
            last = j;
        }

        return collected.Count == 0 ? (values, index) : (collected, last);
    }

    /// <summary>
    /// Fits a row's value cells to the format's column count: surplus blank cells at the start, then at the end,
    /// are dropped (they are merged label cells or trailing tabs); a row still too long or too short is reported,
    /// naming the row's cells (<paramref name="paths"/>).
    /// </summary>
    public SourceCell?[] Window(List<SourceCell> cells, int count, string what, SourceLocation location, IReadOnlyList<string> paths, bool wideLabels = false)
    {
        // Where labels span several columns (table 三's label area is three wide) surplus leading blanks are the
        // rest of that area, so they go first; elsewhere leading blanks are values, and surplus trailing blanks
        // (stray tabs, the covered part of a merged value cell) go first.
        var list = new List<SourceCell>(cells);
        if (wideLabels)
        {
            TrimLeading(list, count);
        }

        while (list.Count > count && list[^1].Text.Length == 0)
        {
            list.RemoveAt(list.Count - 1);
        }

        TrimLeading(list, count);

        if (list.Count != count)
        {
            var message = list.Count > count
                ? $"{what}有{list.Count}个单元格，国家格式为{count}列；已按顺序读取前{count}个，请核对是否多出了列。"
                : $"{what}只有{list.Count}个单元格，国家格式为{count}列；缺少的单元格按缺失处理，请补全。";
            Findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseRowShape, message, location, paths));
        }

        var result = new SourceCell?[count];
        for (var i = 0; i < count && i < list.Count; i++)
        {
            result[i] = list[i];
        }

        return result;
    }

    private static void TrimLeading(List<SourceCell> list, int count)
    {
        while (list.Count > count && list[0].Text.Length == 0)
        {
            list.RemoveAt(0);
        }
    }

    /// <summary>Text without whitespace (and zero-width spaces), for matching titles and headings.</summary>
    public static string Compact(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c != '\u200B')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// True when every space-separated piece of the text is a piece (not a value) of one
    /// of the labels: what is left of labels wrapped inside narrow cells.
    /// </summary>
    public bool IsFragmentOf(string[] labels, string text, bool amongOthers = false)
    {
        // A single character is a fragment only beside other fragments ("构  组织  构"): alone it may be anything.
        var pieces = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var shortest = pieces.Length > 1 || amongOthers ? 1 : 2;
        return pieces.Length > 0 && pieces.All(piece =>
        {
            var canonical = Canon(piece);
            return canonical.Length >= shortest && canonical.Length <= 20 && KindOf(piece) == CellKind.Text
                && labels.Any(label => label.Contains(canonical, StringComparison.Ordinal));
        });
    }
}

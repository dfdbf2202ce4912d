using Gongkai.AnnualReports.Validation;

namespace Gongkai.AnnualReports.Parsing.Recognition;

/// <summary>
/// Reads table 四 (政府信息公开行政复议、行政诉讼情况): the fifteen values in print order under the header, or three
/// blocks written as labelled rows.
/// </summary>
internal sealed class Table4Reader(RecognitionContext context)
{
    private static readonly string[] LabelTexts =
        [.. new[] { NationalFormat.Reconsideration, NationalFormat.Litigation }.Concat(NationalFormat.Table4BlockLabels)
            .Concat(NationalFormat.Table4ColumnLabels).Select(LabelText.Canonical)];

    private static readonly string[] AllPaths =
        [.. Enumerable.Range(0, Table4.BlockCount * Table4.ColumnCount)
            .Select(i => NationalFormat.PathOf((Table4Block)(i / Table4.ColumnCount), (Table4Column)(i % Table4.ColumnCount)))];

    private readonly List<(SourceCell Cell, string Expected)> _headers = [];
    private readonly List<SourceCell> _values = [];
    private readonly Dictionary<Table4Block, List<SourceCell>> _blockRows = [];
    private SourceLocation? _valuesLocation;
    private Table4Block? _currentBlock;

    /// <summary>Reads line <paramref name="index"/>; returns the last line it consumed, or null when it is not table 四's.</summary>
    public int? ReadLine(int index, List<SourceCell> cells)
    {
        var nonBlank = cells.Where(c => c.Text.Length > 0).ToList();
        if (nonBlank.Count == 0)
        {
            if (cells.Count >= 10 && _headers.Count > 0 && _values.Count == 0)
            {
                // The values row left entirely blank: still the fifteen cells of the table.
                _valuesLocation ??= cells[0].Location;
                _values.AddRange(cells);
            }

            return index;
        }

        var kinds = nonBlank.Select(c => context.KindOf(c.Text)).ToList();
        var texts = nonBlank.Where((_, i) => kinds[i] == CellKind.Text).ToList();
        if (texts.Count == 1 && nonBlank.Count == 1 && BlockNamed(context.Canon(texts[0].Text)) is { } named)
        {
            // The table printed as three small tables, each under its block's name ("### 行政诉讼（复议后起诉）").
            _currentBlock = named;
            if (LabelMatcher.MatchTable4Header(context.Canon(texts[0].Text)) is { } header)
            {
                _headers.Add((texts[0], header));
            }

            return index;
        }

        if (texts.Count == 0 && _values.Count == 0 && nonBlank.Count == Table4.ColumnCount && _headers.Count > 0
            && (_currentBlock is not null || _blockRows.Count > 0))
        {
            // A block's own row of five numbers under its own header row.
            var block = _currentBlock ?? Enum.GetValues<Table4Block>().First(b => !_blockRows.ContainsKey(b));
            _blockRows[block] = cells;
            _valuesLocation ??= nonBlank[0].Location;
            _currentBlock = null;
            return index;
        }
        if (texts.Count > 0 && texts.All(c => LabelMatcher.MatchTable4Header(context.Canon(c.Text)) is not null))
        {
            if (texts.Count == 1 && kinds.Count(k => k is CellKind.Number or CellKind.Zero or CellKind.Placeholder) == 5
                && LabelMatcher.MatchTable4Block(context.Canon(texts[0].Text)) is { } block)
            {
                // A block written as its own labelled row: 行政复议 | 0 | 0 | 0 | 0 | 0.
                _blockRows[block] = cells.SkipWhile(c => !ReferenceEquals(c, texts[0])).Skip(1).ToList();
                _valuesLocation ??= texts[0].Location;
                return index;
            }

            foreach (var cell in texts)
            {
                _headers.Add((cell, LabelMatcher.MatchTable4Header(context.Canon(cell.Text))!));
            }

            return index;
        }

        if (texts.Count > 0 && texts.Count == nonBlank.Count && texts.All(c => context.IsFragmentOf(LabelTexts, c.Text, texts.Count > 1)))
        {
            // Header labels wrapped inside their narrow cells ("结果" / "维持").
            return index;
        }

        if (texts.Count > 0 || _values.Count >= Table4.BlockCount * Table4.ColumnCount)
        {
            return null;
        }

        // A row of numbers, or one number per line under the header: collect until all fifteen cells are read. A
        // whole row after one or two lone numbers means those were not cells (a page number between header and row).
        if (cells.Count >= 10 && _values.Count is > 0 and < 3)
        {
            _values.Clear();
            _valuesLocation = null;
        }

        var isRow = cells.Count >= 10 && _values.Count == 0;
        if (isRow || (_headers.Count > 0 && (_values.Count > 0 || nonBlank.Count == 1)))
        {
            _valuesLocation ??= nonBlank[0].Location;
            _values.AddRange(isRow ? cells : nonBlank);
            return index;
        }

        return null;
    }

    /// <summary>Puts what was read into the report's table 四; false when the table was not found at all.</summary>
    public bool Fill()
    {
        if (_blockRows.Count > 0)
        {
            foreach (var block in Enum.GetValues<Table4Block>())
            {
                var values = _blockRows.TryGetValue(block, out var row)
                    ? context.Window(row, Table4.ColumnCount, $"表四“{NationalFormat.Table4BlockLabels[(int)block]}”", _valuesLocation!,
                        [.. Enum.GetValues<Table4Column>().Select(c => NationalFormat.PathOf(block, c))])
                    : new SourceCell?[Table4.ColumnCount];
                for (var c = 0; c < Table4.ColumnCount; c++)
                {
                    context.Report.Table4[block, (Table4Column)c] = values[c] is { } cell ? Cell.Parse(cell.Text, cell.Location) : Cell.Missing;
                }
            }

            ObserveHeaders();
            return true;
        }

        if (_values.Count == 0)
        {
            context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseTableMissing,
                "没有找到表四（政府信息公开行政复议、行政诉讼情况）的数字。请按国家格式填写表四的15个单元格。",
                context.Section(SectionKey.ReviewAndLitigation)?.Location));
            return false;
        }

        const int count = Table4.BlockCount * Table4.ColumnCount;
        Cell[] read;
        if (ValueSplitter.NeedsSplit(_values, count))
        {
            var split = ValueSplitter.Read(_values, count, v => BlocksHold(v, strict: true), v => BlocksHold(v, strict: false), BlocksHold, BlocksSumming);
            read = SplitCells.Assign(context, split, _values, _valuesLocation!, AllPaths, "表四", SplitCells.Relaxed("每栏总计等于四项之和", "每栏各项都不大于总计"));
        }
        else
        {
            read = [.. context.Window(_values, count, "表四", _valuesLocation!, AllPaths).Select(c => c is { } cell ? Cell.Parse(cell.Text, cell.Location) : Cell.Missing)];
        }

        for (var i = 0; i < read.Length; i++)
        {
            context.Report.Table4[(Table4Block)(i / Table4.ColumnCount), (Table4Column)(i % Table4.ColumnCount)] = read[i];
        }

        ObserveHeaders();
        return true;
    }

    /// <summary>
    /// For every complete block among <paramref name="values"/>: its total is the sum of its four parts
    /// (<paramref name="strict"/>), or at least no part is above it.
    /// </summary>
    private static bool BlocksHold(IReadOnlyList<decimal> values, bool strict)
    {
        if (values.Any(v => v < 0 || decimal.Truncate(v) != v))
        {
            return false;
        }

        for (var block = 0; (block + 1) * Table4.ColumnCount <= values.Count; block++)
        {
            var start = block * Table4.ColumnCount;
            var total = values[start + Table4.ColumnCount - 1];
            var parts = Enumerable.Range(start, Table4.ColumnCount - 1).Select(i => values[i]).ToList();
            if (strict ? parts.Sum() != total : parts.Any(p => p > total))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The block a short heading names: 行政复议, 行政诉讼（未经复议直接起诉）, 复议后起诉 …, or null.</summary>
    private static Table4Block? BlockNamed(string canonical)
    {
        if (canonical.Length is 0 or > 20)
        {
            return null;
        }

        if (canonical.Contains("未经复议", StringComparison.Ordinal) || canonical.Contains("直接起诉", StringComparison.Ordinal))
        {
            return Table4Block.LitigationDirect;
        }

        if (canonical.Contains("复议后起诉", StringComparison.Ordinal))
        {
            return Table4Block.LitigationAfterReconsideration;
        }

        return string.Equals(canonical, NationalFormat.Reconsideration, StringComparison.Ordinal) ? Table4Block.Reconsideration : null;
    }

    /// <summary>How many blocks' totals are the sums of their parts.</summary>
    private static int BlocksSumming(IReadOnlyList<decimal> values) =>
        Enumerable.Range(0, values.Count / Table4.ColumnCount).Count(block =>
            Enumerable.Range(block * Table4.ColumnCount, Table4.ColumnCount - 1).Sum(i => values[i]) == values[(block + 1) * Table4.ColumnCount - 1]);

    private void ObserveHeaders()
    {
        foreach (var (cell, expected) in _headers)
        {
            context.Observe(ReportTable.Table4, expected, cell);
        }
    }
}

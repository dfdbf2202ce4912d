using Gongkai.AnnualReports.Validation;

namespace Gongkai.AnnualReports.Parsing.Recognition;

/// <summary>
/// Reads table 三 (收到和处理政府信息公开申请情况): rows found by their labels wherever they are, labels wrapped over
/// lines or cells joined, header and group labels observed for the format check.
/// </summary>
internal sealed class Table3Reader(RecognitionContext context)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(ReportFormat, Table3Row), string[]> PathsByRow = new();

    private static readonly string[] LabelTexts =
    [
        .. NationalFormat.Table3Rows(ReportFormat.Format2021).Concat(NationalFormat.Table3Rows(ReportFormat.Format2019))
            .SelectMany(r => new[] { r.Label, r.Group ?? "" }).Select(LabelText.Canonical),
        .. NationalFormat.Table3ColumnLabels.Select(LabelText.Canonical),
        LabelText.Canonical(NationalFormat.ApplicantGroup),
        LabelText.Canonical(NationalFormat.LegalPersonGroup),
        LabelText.Canonical(NationalFormat.Table3Note),
    ];

    private readonly List<Match> _rows = [];
    private readonly List<(SourceCell Cell, string Expected)> _headers = [];
    private readonly List<SourceCell> _extraRows = [];
    private SourceCell? _pendingLabel;

    private sealed record Match(Table3RowDefinition Row, bool Is2019Row, string Label, SourceLocation Location, List<SourceCell> Values)
    {
        /// <summary>True when a number or a placeholder follows the label (words in the cells after it are not values).</summary>
        public bool HasValues => Values.Any(v => CellText.Interpret(v.Text).Kind is CellKind.Number or CellKind.Zero or CellKind.Placeholder);
    }

    /// <summary>A line of table 三's numbers with no label on it.</summary>
    private sealed record Orphan(List<SourceCell> Values, SourceLocation Location);

    /// <summary>Labelled rows and unlabelled rows of numbers, in the order of the source.</summary>
    private readonly List<object> _sequence = [];

    private IReadOnlyList<SourceLine> Lines => context.Lines;

    /// <summary>True when the table has the 2021 format's sub-rows of （六）其他处理: it is a 2021 table.</summary>
    public bool Has2021Rows => _rows.Any(r => !r.Is2019Row && r.Row.Row is Table3Row.OtherNoCorrection or Table3Row.OtherUnpaidFee);

    /// <summary>True when （六）其他处理 carries numbers itself, as the 2019 format's single row does.</summary>
    public bool Has2019Row => _rows.Any(r => r.Is2019Row);

    /// <summary>Reads line <paramref name="index"/>; returns the last line it consumed, or null when it is not table 三's.</summary>
    public int? ReadLine(int index, List<SourceCell> cells)
    {
        if (cells.All(c => c.Text.Length == 0))
        {
            return index;
        }

        if (IsHeaderLine(cells))
        {
            return index;
        }

        // Walk the label area (everything before the first value) and keep the last cell that names a row.
        Match? match = null;
        var labelEnd = -1;
        for (var i = 0; i < cells.Count; i++)
        {
            var text = cells[i].Text;
            var kind = context.KindOf(text);
            if (kind is CellKind.Number or CellKind.Zero or CellKind.Placeholder)
            {
                break;
            }

            if (kind == CellKind.Blank)
            {
                continue;
            }

            var canonical = context.Canon(text);
            if (LabelMatcher.MatchTable3Row(canonical) is { } found
                && (!found.Is2019Row || LastValueFollows(index, cells, i) || HasEmptyValueCells(cells, i)))
            {
                match = new Match(found.Row, found.Is2019Row, text, cells[i].Location, []);
                labelEnd = i;
            }
            else if (_pendingLabel is { } pending
                     && LabelMatcher.MatchTable3Row(context.Canon(pending.Text + text)) is { Score: >= 0.9 } joined)
            {
                match = new Match(joined.Row, joined.Is2019Row, pending.Text + text, pending.Location, []);
                labelEnd = i;
            }
            else if (LabelMatcher.IsTable3Group(canonical))
            {
                context.Observe(ReportTable.Table3, ExpectedGroup(canonical), cells[i]);
            }
        }

        var previousPending = _pendingLabel;
        _pendingLabel = null;
        if (match is null)
        {
            var firstText = cells.FirstOrDefault(c => context.KindOf(c.Text) == CellKind.Text);
            var hasValues = cells.Any(c => context.IsNumber(c.Text));
            if (firstText is not null && !hasValues && previousPending is null && firstText.Text.Length is >= 4 and <= 40
                && cells.Count(c => c.Text.Length > 0) == 1 && LooksLikeFragment(firstText.Text))
            {
                _pendingLabel = firstText;
                return index;
            }

            if (firstText is not null && hasValues && cells.Count(c => context.IsNumber(c.Text)) >= 5)
            {
                // The label cut to a piece by a conversion ("行政机关不再处理其政府信息公" beside its numbers): the row
                // whose label holds every piece, or, when several do, a row placed by the format's order.
                var pieces = cells.TakeWhile(c => !context.IsValue(c.Text)).Where(c => c.Text.Trim().Length > 0).ToList();
                var holders = RowsHolding(pieces);
                if (holders is { Count: 1 })
                {
                    var found = new Match(holders[0], false, string.Concat(pieces.Select(p => p.Text)), pieces[0].Location, []);
                    var pieceRow = found with { Values = cells.Skip(cells.IndexOf(pieces[^1]) + 1).ToList() };
                    _rows.Add(pieceRow);
                    _sequence.Add(pieceRow);
                    return index;
                }

                if (holders is { Count: > 1 })
                {
                    _sequence.Add(new Orphan(cells.Skip(cells.IndexOf(pieces[^1]) + 1).ToList(), pieces[0].Location));
                    return index;
                }

                _extraRows.Add(firstText);
                return index;
            }

            if (firstText is null && cells.Count(c => context.IsValue(c.Text)) >= Table3.ColumnCount - 2)
            {
                // A row of numbers without its label (a conversion put the label elsewhere): placed later by the
                // order of the format's rows.
                _sequence.Add(new Orphan(cells, cells.First(c => c.Text.Length > 0).Location));
                return index;
            }

            // Group labels on their own line (one cell per line) and the wrapped pieces of long labels belong to the
            // table, not to the section's text.
            var texts = cells.Where(c => c.Text.Length > 0).ToList();
            return !hasValues && texts.Count > 0 && texts.All(c => LabelMatcher.IsTable3Group(context.Canon(c.Text)) || IsLabelFragment(c.Text, texts.Count > 1))
                ? index
                : null;
        }

        var values = cells.Skip(labelEnd + 1).ToList();
        var last = index;
        if (values.All(c => c.Text.Length == 0))
        {
            if (ContinuedLabel(index, match) is { } continued)
            {
                (match, values) = continued;
                last = index + 1;
            }
            else
            {
                (values, last) = context.ReadValueLines(index, values, Table3.ColumnCount);
            }
        }

        var row = match with { Values = values };
        _rows.Add(row);
        _sequence.Add(row);

        return last;
    }

    /// <summary>
    /// A label wrapped onto the next line together with the row's values ("4.保护第三方合法" / "权益 0 0 …"):
    /// the joined label must name the same row more surely than the first part alone.
    /// </summary>
    private (Match Match, List<SourceCell> Values)? ContinuedLabel(int index, Match match)
    {
        if (index + 1 >= Lines.Count || context.HeadingLines.ContainsKey(index + 1))
        {
            return null;
        }

        var next = RecognitionContext.Cells(Lines[index + 1]);
        var first = RecognitionContext.FirstNonBlank(next);
        if (first < 0 || context.KindOf(next[first].Text) != CellKind.Text)
        {
            return null;
        }

        var lastText = next.FindLastIndex(c => context.KindOf(c.Text) == CellKind.Text);
        var values = next.Skip(lastText + 1).ToList();
        var joinedText = match.Label + next[first].Text;
        if (LabelMatcher.MatchTable3Row(context.Canon(joinedText)) is { } joined && joined.Row.Row == match.Row.Row
            && joined.Score > LabelMatcher.MatchTable3Row(context.Canon(match.Label))!.Value.Score)
        {
            return (match with { Label = joinedText }, next.Skip(first + 1).ToList());
        }

        // The values beside the wrapped rest of a merged group label ("处理 0 0 0 …" under "（六）其他"): the text
        // there names no row of its own.
        var texts = next.Take(lastText + 1).Where(c => c.Text.Length > 0).ToList();
        if (values.Count(c => c.Text.Length > 0) >= Table3.ColumnCount - 1
            && texts.All(c => LabelMatcher.MatchTable3Row(context.Canon(c.Text)) is null && IsLabelFragment(c.Text)))
        {
            return (match, values);
        }

        return null;
    }

    /// <summary>
    /// The rows of the 2021 format whose label holds every one of the pieces (as written, at least two characters
    /// each), or null when some piece is in no row label.
    /// </summary>
    private List<Table3RowDefinition>? RowsHolding(List<SourceCell> pieces)
    {
        if (pieces.Count == 0)
        {
            return null;
        }

        IEnumerable<Table3RowDefinition> rows = NationalFormat.Table3Rows(ReportFormat.Format2021);
        foreach (var piece in pieces)
        {
            var canonical = context.Canon(piece.Text);
            if (canonical.Length < 2)
            {
                return null;
            }

            rows = rows.Where(r => context.Canon(r.Label).Contains(canonical, StringComparison.Ordinal)).ToList();
        }

        var holders = rows.ToList();
        return holders.Count == 0 ? null : holders;
    }

    /// <summary>A short piece of a table 三 label, header or group label, as left over where a label wrapped.</summary>
    public bool IsLabelFragment(string text, bool amongOthers = false) => context.IsFragmentOf(LabelTexts, text, amongOthers);

    private bool LooksLikeFragment(string text)
    {
        var canonical = context.Canon(text);
        var (_, body) = LabelMatcher.SplitNumbering(canonical);
        return NationalFormat.Table3Rows(ReportFormat.Format2021).Any(r =>
            context.Canon(r.Label).Contains(body.Length >= 4 ? body[..4] : body, StringComparison.Ordinal));
    }

    /// <summary>
    /// True when the first non-blank cell after the label is a value: on the same line, or, when the label ends its
    /// line (one cell per line), on the next non-empty line. This tells the 2019 row "（六）其他处理", which has
    /// values, from the 2021 group label of the same name, which is followed by its sub-rows' labels.
    /// </summary>
    private bool LastValueFollows(int index, List<SourceCell> cells, int labelIndex)
    {
        if (FirstValueOrText(cells.Skip(labelIndex + 1)) is { } kind)
        {
            return kind != CellKind.Text;
        }

        for (var j = index + 1; j < Lines.Count && !context.HeadingLines.ContainsKey(j); j++)
        {
            if (FirstValueOrText(RecognitionContext.Cells(Lines[j])) is { } next)
            {
                return next != CellKind.Text;
            }
        }

        return false;
    }

    /// <summary>
    /// A table row whose label is followed by the seven cells of a row, all of them empty: the 2019 single
    /// （六）其他处理 row left blank, not the 2021 group label (which is followed by its sub-rows' labels).
    /// </summary>
    private bool HasEmptyValueCells(List<SourceCell> cells, int labelIndex) =>
        cells.Count - labelIndex - 1 >= Table3.ColumnCount
        && cells.Skip(labelIndex + 1).All(c => context.KindOf(c.Text) is CellKind.Blank or CellKind.Number or CellKind.Zero or CellKind.Placeholder);

    private CellKind? FirstValueOrText(IEnumerable<SourceCell> cells)
    {
        foreach (var cell in cells)
        {
            var kind = context.KindOf(cell.Text);
            if (kind is CellKind.Number or CellKind.Zero or CellKind.Placeholder or CellKind.Text)
            {
                return kind;
            }
        }

        return null;
    }

    private static string ExpectedGroup(string canonical) => LabelMatcher.MatchTable3Group(canonical) ?? NationalFormat.OutcomeGroup;

    private bool IsHeaderLine(List<SourceCell> cells)
    {
        var headerCells = new List<(SourceCell, string)>();
        var hasValue = false;
        foreach (var cell in cells)
        {
            var canonical = context.Canon(cell.Text);
            if (canonical.Length == 0)
            {
                continue;
            }

            if (LabelMatcher.IsTable3Note(canonical))
            {
                headerCells.Add((cell, NationalFormat.Table3Note));
            }
            else if (LabelMatcher.MatchTable3Header(canonical) is { } label)
            {
                headerCells.Add((cell, label));
            }
            else if (context.IsNumber(cell.Text))
            {
                hasValue = true;
            }
            else
            {
                return false;
            }
        }

        if (headerCells.Count == 0 || hasValue)
        {
            return false;
        }

        _headers.AddRange(headerCells);
        return true;
    }

    /// <summary>Puts what was read into the report's table 三; false when the table was not found at all.</summary>
    public bool Fill(ReportFormat format)
    {
        if (_rows.Count == 0)
        {
            context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseTableMissing,
                "没有找到表三（收到和处理政府信息公开申请情况）。请按国家格式填写表三。",
                context.Section(SectionKey.Applications)?.Location));
            return false;
        }

        foreach (var (cell, expected) in _headers)
        {
            context.Observe(ReportTable.Table3, expected, cell);
        }

        var definitions = NationalFormat.Table3Rows(format);
        var inferred = PlaceOrphans(definitions, format);
        var merged = MergedOtherDisposal(format);
        var rows = new List<RowReading>();
        foreach (var definition in definitions)
        {
            if (merged is not null && definition.Row is Table3Row.OtherNoCorrection or Table3Row.OtherUnpaidFee)
            {
                continue;
            }

            var is2019Row = (format == ReportFormat.Format2019 || merged is not null) && definition.Row == Table3Row.OtherOther;
            var labelled = _rows.Where(r => r.Row.Row == definition.Row && r.Is2019Row == is2019Row).ToList();
            var match = labelled.FirstOrDefault(r => r.HasValues) ?? labelled.FirstOrDefault();
            if (inferred.TryGetValue(definition.Row, out var placed))
            {
                if (match is not null)
                {
                    context.Observe(ReportTable.Table3, definition.Label, new SourceCell(match.Label, match.Location));
                }

                var orphanMatch = new Match(definition, is2019Row, definition.Label, placed.Orphan.Location, placed.Orphan.Values);
                rows.Add(ReadRow(definition, orphanMatch) with { Placed = placed.Certain ? CellReading.Inferred : CellReading.Unsure });
                continue;
            }

            if (match is null)
            {
                context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseRowMissing,
                    $"表三缺少“{definition.Label}”一行，其数字无法读取。请核对原文：如果原表确实没有这一行，请按国家格式补上。",
                    _rows[0].Location,
                    [.. Enum.GetValues<Table3Column>().Select(c => NationalFormat.PathOf(format, definition.Row, c))]));
                continue;
            }

            context.Observe(ReportTable.Table3, definition.Label, new SourceCell(match.Label, match.Location));
            rows.Add(ReadRow(definition, match));
        }

        ResolveTogether(rows, format);
        foreach (var row in rows)
        {
            Assign(row, format);
        }

        foreach (var extra in _extraRows)
        {
            context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.FmtExtraRow,
                $"表三中的“{extra.Text.Trim()}”一行不是国家格式的行，未读取。请删除该行或把内容写入正文。", extra.Location));
        }

        // A label without numbers repeated by a row with numbers is a heading over the row (Markdown conversions
        // write "### 一、本年新收…" above "| 本年新收… | 705 | …"), not a second row.
        foreach (var duplicate in _rows.Where(r => r.HasValues).GroupBy(r => (r.Row.Row, r.Is2019Row)).Where(g => g.Count() > 1))
        {
            var second = duplicate.Skip(1).First();
            context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseRowShape,
                $"表三“{second.Label.Trim()}”一行出现了不止一次，只读取了第一次出现的数字。", second.Location));
        }

        return true;
    }

    /// <summary>A row's values as read: its cells when they are written apart, or how its digits part when they ran together.</summary>
    private sealed record RowReading(Table3RowDefinition Definition, Match Match, SourceCell?[]? Cells, SplitReading? Split)
    {
        /// <summary>Set when the row's numbers had no label and were placed by the order of the format's rows.</summary>
        public CellReading? Placed { get; init; }
    }

    private RowReading ReadRow(Table3RowDefinition definition, Match match) =>
        ValueSplitter.NeedsSplit(match.Values, Table3.ColumnCount)
            ? new RowReading(definition, match, null, ValueSplitter.Read(match.Values, Table3.ColumnCount, RowTotalHolds, NoPartAboveTotal))
            : new RowReading(definition, match, context.Window(match.Values, Table3.ColumnCount, $"表三“{definition.Label}”", match.Location, RowPaths(definition), wideLabels: true), null);

    /// <summary>The paths of a row's cells in the format the row belongs to (the 2019 single （六） row has its own).</summary>
    private string[] RowPaths(Table3RowDefinition definition) =>
        PathsByRow.GetOrAdd((context.Report.Format, definition.Row),
            static key => [.. Enum.GetValues<Table3Column>().Select(c => NationalFormat.PathOf(key.Item1, key.Item2, c))]);

    private static bool RowTotalHolds(IReadOnlyList<decimal> values) =>
        values.All(IsCount) && values.Take(Table3.ColumnCount - 1).Sum() == values[^1];

    private static bool NoPartAboveTotal(IReadOnlyList<decimal> values) =>
        values.All(IsCount) && values.Take(Table3.ColumnCount - 1).All(v => v <= values[^1]);

    private static bool IsCount(decimal value) => value >= 0 && decimal.Truncate(value) == value;

    /// <summary>
    /// Rows whose digits can be parted several ways are settled by the table's column identities: per column,
    /// （七）总计 is the sum of the outcome rows, and 一 + 二 = （七）+ 四. When exactly one combination of the
    /// rows' candidates satisfies every identity that can be judged, each row takes its part of it.
    /// </summary>
    private void ResolveTogether(List<RowReading> rows, ReportFormat format)
    {
        var open = rows.Select(r => r.Split).OfType<SplitReading>().Where(s => s.Chosen is null && !s.Relaxed && s.Candidates.Count > 1).ToList();
        if (open.Count == 0)
        {
            return;
        }

        var combinations = open.Aggregate(1L, (product, r) => product > 1_000_000 ? product : product * r.Candidates.Count);
        if (combinations > 100_000)
        {
            return;
        }

        var byRow = rows.ToDictionary(r => r.Definition.Row);
        var openIndex = rows.Where(r => r.Split is { } s && open.Contains(s)).ToDictionary(r => r.Definition.Row, r => open.IndexOf(r.Split!));
        var outcomes = NationalFormat.OutcomeRows(format);
        var choice = new int[open.Count];
        int[]? solution = null;
        var solutions = 0;
        for (var n = 0L; n < combinations && solutions < 2; n++)
        {
            var rest = n;
            for (var i = 0; i < open.Count; i++)
            {
                choice[i] = (int)(rest % open[i].Candidates.Count);
                rest /= open[i].Candidates.Count;
            }

            decimal? Value(Table3Row row, int column)
            {
                if (!byRow.TryGetValue(row, out var reading))
                {
                    return null;
                }

                if (openIndex.TryGetValue(row, out var index))
                {
                    return open[index].Candidates[choice[index]].Values[column];
                }

                if (reading.Split?.Chosen is { } chosen)
                {
                    return chosen.Values[column];
                }

                return reading.Cells?[column] is { } cell ? CellText.Interpret(cell.Text).Value : null;
            }

            if (Enumerable.Range(0, Table3.ColumnCount).All(c => ColumnHolds(c, Value, outcomes)))
            {
                solutions++;
                solution = (int[])choice.Clone();
            }
        }

        if (solutions == 1)
        {
            for (var i = 0; i < open.Count; i++)
            {
                open[i].Chosen = open[i].Candidates[solution![i]];
                open[i].Certain = true;
            }
        }
    }

    private static bool ColumnHolds(int column, Func<Table3Row, int, decimal?> value, IReadOnlyList<Table3Row> outcomes)
    {
        var total = value(Table3Row.TotalProcessed, column);
        var parts = outcomes.Select(r => value(r, column)).ToList();
        if (total is { } t && parts.All(p => p is not null) && parts.Sum() != t)
        {
            return false;
        }

        return value(Table3Row.NewReceived, column) is not { } received || value(Table3Row.CarriedOver, column) is not { } carried
            || total is not { } processed || value(Table3Row.CarriedForward, column) is not { } forward
            || received + carried == processed + forward;
    }

    private void Assign(RowReading row, ReportFormat format)
    {
        var definition = row.Definition;
        if (row.Cells is { } cells)
        {
            for (var c = 0; c < Table3.ColumnCount; c++)
            {
                var read = cells[c] is { } cell ? Cell.Parse(cell.Text, cell.Location) : Cell.Missing;
                context.Report.Table3[definition.Row, (Table3Column)c] = row.Placed is { } placed ? read with { Reading = placed } : read;
            }

            return;
        }

        var paths = Enum.GetValues<Table3Column>().Select(c => NationalFormat.PathOf(format, definition.Row, c)).ToArray();
        var values = SplitCells.Assign(context, row.Split!, row.Match.Values, row.Match.Location, paths, $"表三“{definition.Label}”一行", SplitCells.Relaxed("总计等于六列之和", "各列都不大于总计"));
        for (var c = 0; c < Table3.ColumnCount; c++)
        {
            context.Report.Table3[definition.Row, (Table3Column)c] = values[c];
        }
    }

    /// <summary>
    /// A 2021-format table that prints （六）其他处理 as one row with numbers, as the 2019 format did, instead of its
    /// three sub-rows: the numbers are kept (under （六）3.其他, where the 2019 row's numbers go) and the format defect
    /// is reported. Returns the row, or null when the table has the sub-rows.
    /// </summary>
    private Match? MergedOtherDisposal(ReportFormat format)
    {
        if (format != ReportFormat.Format2021
            || _rows.Any(r => !r.Is2019Row && r.Row.Row is Table3Row.OtherNoCorrection or Table3Row.OtherUnpaidFee or Table3Row.OtherOther)
            || _rows.FirstOrDefault(r => r.Is2019Row && r.HasValues) is not { } merged)
        {
            return null;
        }

        context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.FmtRowMerged,
            "表三“（六）其他处理”只有一行数字，2021年版格式应分为“1.申请人无正当理由逾期不补正……”“2.申请人逾期未按收费通知要求缴纳费用……”“3.其他”三行。已把这一行的数字读作“3.其他”，前两行按缺失处理；请按国家格式分行填报。",
            merged.Location,
            [.. new[] { Table3Row.OtherNoCorrection, Table3Row.OtherUnpaidFee, Table3Row.OtherOther }
                .SelectMany(row => Enum.GetValues<Table3Column>().Select(c => NationalFormat.PathOf(format, row, c)))]));
        return merged;
    }

    /// <summary>
    /// Places the rows of numbers that have no label: a conversion may print a row's label in one place and its
    /// numbers in another, but the numbers keep the format's order. Walking the source, each unlabelled row goes to
    /// the next row of the format after the last labelled row with numbers that has no numbers of its own. A
    /// placement is sure when, between two labelled rows, the unlabelled rows are exactly as many as the rows
    /// without numbers; otherwise it is marked unsure and a reading finding asks a person to check.
    /// </summary>
    private Dictionary<Table3Row, (Orphan Orphan, bool Certain)> PlaceOrphans(IReadOnlyList<Table3RowDefinition> definitions, ReportFormat format)
    {
        var placed = new Dictionary<Table3Row, (Orphan, bool)>();
        if (!_sequence.OfType<Orphan>().Any())
        {
            return placed;
        }

        int IndexOf(Match match) => definitions.ToList().FindIndex(d => d.Row == match.Row.Row);
        var valued = new bool[definitions.Count];
        foreach (var match in _rows.Where(r => r.HasValues))
        {
            if (IndexOf(match) is var i and >= 0)
            {
                valued[i] = true;
            }
        }

        var assignments = new List<(Orphan Orphan, int Row, int Anchor)>();
        var next = 0;
        var anchor = -1;
        foreach (var entry in _sequence)
        {
            if (entry is Match { HasValues: true } match && IndexOf(match) is var m and >= 0)
            {
                next = m + 1;
                anchor = m;
                continue;
            }

            if (entry is not Orphan orphan)
            {
                continue;
            }

            var target = next;
            while (target < definitions.Count && (valued[target] || assignments.Any(a => a.Row == target)))
            {
                target++;
            }

            if (target >= definitions.Count)
            {
                context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.ReadDigits,
                    $"表三有一行数字（{ValueSplitter.Digits(orphan.Values)}）没有行名，按国家格式的行序也找不到它属于哪一行，未读取。请核对原文。",
                    orphan.Location));
                continue;
            }

            assignments.Add((orphan, target, anchor));
            next = target + 1;
        }

        foreach (var group in assignments.GroupBy(a => a.Anchor))
        {
            // The rows without numbers between this anchor and the next labelled row with numbers.
            var end = Enumerable.Range(group.Key + 1, definitions.Count - group.Key - 1).FirstOrDefault(i => valued[i], definitions.Count);
            var gap = Enumerable.Range(group.Key + 1, end - group.Key - 1).Count(i => !valued[i]);
            var certain = gap == group.Count();
            foreach (var (orphan, row, _) in group)
            {
                placed[definitions[row].Row] = (orphan, certain);
                if (!certain)
                {
                    context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.ReadDigits,
                        $"表三有一行数字（{ValueSplitter.Digits(orphan.Values)}）没有行名，按国家格式的行序读作“{definitions[row].Label}”，但这一段无行名的数字行数与缺少数字的行数不一致，请核对原文。",
                        orphan.Location,
                        [.. Enum.GetValues<Table3Column>().Select(c => NationalFormat.PathOf(format, definitions[row].Row, c))]));
                }
            }
        }

        return placed;
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// Turns a <see cref="SourceDocument"/> of any input format into an <see cref="AnnualReport"/>. Rows are found by
/// their labels, not by their position, so lost leading cells, misaligned rows, split tables, labels wrapped over
/// two lines and one-cell-per-line copies all read the same. What cannot be understood becomes a finding that
/// names the line or cell; nothing is guessed silently.
/// </summary>
public static partial class ReportRecognizer
{
    private static readonly HashSet<string> Only2019Labels = LabelsOnlyIn(ReportFormat.Format2019, ReportFormat.Format2021);
    private static readonly HashSet<string> Only2021Labels = LabelsOnlyIn(ReportFormat.Format2021, ReportFormat.Format2019);

    private static readonly string[] Table3LabelTexts =
    [
        .. NationalFormat.Table3Rows(ReportFormat.Format2021).Concat(NationalFormat.Table3Rows(ReportFormat.Format2019))
            .SelectMany(r => new[] { r.Label, r.Group ?? "" }).Select(LabelText.Canonical),
        .. NationalFormat.Table3ColumnLabels.Select(LabelText.Canonical),
        LabelText.Canonical(NationalFormat.ApplicantGroup),
        LabelText.Canonical(NationalFormat.LegalPersonGroup),
        LabelText.Canonical(NationalFormat.Table3Note),
    ];

    private static readonly string[] Table4LabelTexts =
        [.. new[] { NationalFormat.Reconsideration, NationalFormat.Litigation }.Concat(NationalFormat.Table4BlockLabels)
            .Concat(NationalFormat.Table4ColumnLabels).Select(LabelText.Canonical)];

    private static readonly string[] PageChrome =
        ["版权所有", "网站标识码", "ICP备", "公网安备", "打印本页", "关闭窗口", "【打印】", "【关闭】", "分享到", "主办单位", "技术支持", "网站地图"];

    /// <summary>
    /// Recognizes a report. Throws <see cref="ReportReadException"/> when the source holds no report table at all. The
    /// reader's own findings (<see cref="SourceDocument.Findings"/>) come first.
    /// </summary>
    public static ReportParseResult Recognize(SourceDocument document) => Recognize(document, null);

    /// <summary>As <see cref="Recognize(SourceDocument)"/>, checking the input's time budget at every line.</summary>
    internal static ReportParseResult Recognize(SourceDocument document, ReadBudget? budget)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Lines.Count == 0)
        {
            throw new ReportReadException("文件中没有文字内容。请确认文件不是空白页或扫描图片。");
        }

        return new Recognition(document, budget).Run();
    }

    private enum Context
    {
        None,
        Table2,
        Table3,
        Table4,
    }

    private sealed record Table2Row(string? Block, string Label, SourceLocation Location, List<SourceCell> Values);

    private sealed record Table2Header(string? Block, List<SourceCell> Labels);

    private sealed record Table3Match(Table3RowDefinition Row, bool Is2019Row, string Label, SourceLocation Location, List<SourceCell> Values);

    private sealed class SectionBuilder(SectionKey key, string heading, SourceLocation location)
    {
        public SectionKey Key { get; } = key;

        public string Heading { get; } = heading;

        public SourceLocation Location { get; } = location;

        public List<string> Lines { get; } = [];

        public List<SourceLocation> LineLocations { get; } = [];

        public bool HasTable { get; set; }
    }

    private sealed class Recognition(SourceDocument document, ReadBudget? budget)
    {
        private readonly IReadOnlyList<SourceLine> _lines = document.Lines;
        private readonly AnnualReport _report = new();
        private readonly List<Finding> _findings = [.. document.Findings];
        private readonly List<SectionBuilder> _sections = [];
        private readonly List<Table2Row> _table2Rows = [];
        private readonly List<Table2Header> _table2Headers = [];
        private readonly List<Table3Match> _table3Rows = [];
        private readonly List<(SourceCell Cell, string Expected)> _table3Headers = [];
        private readonly List<(SourceCell Cell, string Expected)> _table4Headers = [];
        private readonly List<SourceCell> _table4Values = [];
        private readonly Dictionary<Table4Block, List<SourceCell>> _table4BlockRows = [];
        private readonly List<SourceCell> _extraRows = [];
        private SourceLocation? _table4ValuesLocation;
        private int _score2019;
        private int _score2021;
        private Context _context;
        private string? _table2Block;
        private SourceCell? _pendingLabel;
        private int _firstHeadingLine = -1;
        private int _titleLine = -1;
        private int _titleContinuation = -1;

        private readonly Dictionary<string, string> _canonical = new(StringComparer.Ordinal);
        private readonly Dictionary<string, CellKind> _kinds = new(StringComparer.Ordinal);

        /// <summary><see cref="LabelText.Canonical"/>, remembered for this document (cells are read many times).</summary>
        private string Canon(string text)
        {
            if (!_canonical.TryGetValue(text, out var canonical))
            {
                canonical = LabelText.Canonical(text);
                _canonical[text] = canonical;
            }

            return canonical;
        }

        /// <summary>What a cell's text is (<see cref="CellText.Interpret"/>), remembered for this document.</summary>
        private CellKind KindOf(string text)
        {
            if (!_kinds.TryGetValue(text, out var kind))
            {
                kind = CellText.Interpret(text).Kind;
                _kinds[text] = kind;
            }

            return kind;
        }

        public ReportParseResult Run()
        {
            FindHeadings();
            ReadTitle();
            for (var i = 0; i < _lines.Count; i++)
            {
                budget?.Check();
                i = ReadLine(i);
            }

            var format = _score2019 > _score2021 ? ReportFormat.Format2019 : ReportFormat.Format2021;
            _report.Format = format;
            var found2 = FillTable2(format);
            var found3 = FillTable3(format);
            var found4 = FillTable4();
            if (!found2 && !found3 && !found4)
            {
                throw new ReportReadException(
                    "没有找到国家格式的表二、表三或表四。这份文件可能不是政府信息公开工作年度报告，或表格是图片（扫描件），无法读取数字。");
            }

            foreach (var section in _sections)
            {
                _report.Sections.Add(new ReportSection(section.Key, section.Heading, string.Join('\n', section.Lines), section.Location)
                {
                    LineLocations = section.LineLocations,
                });
            }

            return new ReportParseResult(_report, _findings);
        }

        // ---- headings and title -------------------------------------------------------------------------------

        private readonly Dictionary<int, SectionKey> _headingLines = [];

        private void FindHeadings()
        {
            var seen = new Dictionary<SectionKey, int>();
            for (var i = 0; i < _lines.Count; i++)
            {
                budget?.Check();
                var text = SingleText(_lines[i]);
                if (text is null || LabelMatcher.MatchSectionHeading(Canon(text)) is not { } key)
                {
                    continue;
                }

                if (seen.TryGetValue(key, out var earlier))
                {
                    // A table of contents lists every heading before the report repeats them: keep the later one
                    // when nothing but other headings followed the earlier one.
                    if (!IsOnlyHeadingsBetween(earlier, i))
                    {
                        continue;
                    }

                    _headingLines.Remove(earlier);
                }

                seen[key] = i;
                _headingLines[i] = key;
            }

            _firstHeadingLine = _headingLines.Count == 0 ? -1 : _headingLines.Keys.Min();
        }

        private bool IsOnlyHeadingsBetween(int from, int to)
        {
            for (var j = from + 1; j < to; j++)
            {
                var text = SingleText(_lines[j]);
                if (text is null || LabelMatcher.MatchSectionHeading(Canon(text)) is null)
                {
                    return false;
                }
            }

            return true;
        }

        private void ReadTitle()
        {
            var end = _firstHeadingLine < 0 ? _lines.Count : _firstHeadingLine;
            int? chosen = null;
            string? joinedTitle = null;
            for (var i = 0; i < end; i++)
            {
                if (SingleText(_lines[i]) is not { } text)
                {
                    continue;
                }

                if (TitlePattern().IsMatch(Compact(text)))
                {
                    chosen = i;
                    joinedTitle = null;
                }
                else if (i + 1 < end && SingleText(_lines[i + 1]) is { } next && text.Length + next.Length <= 80
                         && TitlePattern().IsMatch(Compact(text + next)))
                {
                    // A long title wrapped onto a second line (PDF, narrow pages).
                    chosen = i;
                    joinedTitle = text.Trim() + next.Trim();
                    _titleContinuation = i + 1;
                }
            }

            if (chosen is null)
            {
                for (var i = end; i < _lines.Count && chosen is null; i++)
                {
                    if (SingleText(_lines[i]) is { } text && text.Length < 80 && TitlePattern().IsMatch(Compact(text)))
                    {
                        chosen = i;
                    }
                }
            }

            if (chosen is not { } index)
            {
                _findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseTitle,
                    "没有找到“××机关××××年政府信息公开工作年度报告”形式的标题，无法确定机关名称和报告年度。请在报告开头写明完整标题。",
                    _lines[0].Location));
                return;
            }

            _titleLine = index;
            var line = _lines[index];
            var title = (joinedTitle ?? SingleText(line)!).Trim().TrimStart('#').Trim();
            var match = TitlePattern().Match(Compact(title));
            _report.Title = title;
            _report.TitleLocation = line.Location;
            _report.Year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
            var organization = CleanOrganization(match.Groups["org"].Value);
            if (organization.Length == 0)
            {
                organization = CleanOrganization(match.Groups["org2"].Value);
            }

            if (organization.Length == 0 && index > 0 && SingleText(_lines[index - 1]) is { } previous
                && previous.Length <= 30 && !previous.Contains('。', StringComparison.Ordinal))
            {
                // The organisation on its own line above the "2023年政府信息公开工作年度报告" line.
                organization = CleanOrganization(Compact(previous));
            }

            if (organization.Length == 0)
            {
                _findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseTitle,
                    $"标题“{title}”中没有机关名称。请写成“××机关{_report.Year}年政府信息公开工作年度报告”。", line.Location));
                return;
            }

            _report.Organization = organization;
        }

        private static string CleanOrganization(string text)
        {
            var cleaned = text.Trim('#', '*', '《', '》', '“', '”', '"', ' ');
            return cleaned.EndsWith("关于", StringComparison.Ordinal) ? cleaned[..^2] : cleaned;
        }

        // ---- the line walk ------------------------------------------------------------------------------------

        /// <summary>Reads line <paramref name="index"/>; returns the index of the last line it consumed.</summary>
        private int ReadLine(int index)
        {
            var line = _lines[index];
            if (_headingLines.TryGetValue(index, out var key))
            {
                var text = SingleText(line)!.Trim().TrimStart('#').Trim();
                _sections.Add(new SectionBuilder(key, text, line.Location));
                _context = key switch
                {
                    SectionKey.ProactiveDisclosure => Context.Table2,
                    SectionKey.Applications => Context.Table3,
                    SectionKey.ReviewAndLitigation => Context.Table4,
                    _ => Context.None,
                };
                _table2Block = null;
                return index;
            }

            if (index < _firstHeadingLine || index == _titleLine || index == _titleContinuation)
            {
                return index;
            }

            var cells = Cells(line);
            UpdateContextFromCues(cells);
            var consumed = _context switch
            {
                Context.Table2 => ReadTable2Line(index, cells),
                Context.Table3 => ReadTable3Line(index, cells),
                Context.Table4 => ReadTable4Line(index, cells),
                _ => (int?)null,
            };
            if (consumed is { } last)
            {
                if (_sections.Count > 0)
                {
                    _sections[^1].HasTable = true;
                }

                return last;
            }

            AddText(line);
            return index;
        }

        private void AddText(SourceLine line)
        {
            if (_sections.Count == 0)
            {
                return;
            }

            var text = line.Text.Trim();
            if (text.Length == 0 || PageChrome.Any(c => text.Contains(c, StringComparison.Ordinal)))
            {
                return;
            }

            _sections[^1].Lines.Add(text);
            _sections[^1].LineLocations.Add(line.Location);
        }

        private void UpdateContextFromCues(List<SourceCell> cells)
        {
            foreach (var cell in cells)
            {
                var canonical = Canon(cell.Text);
                if (canonical.Length == 0)
                {
                    continue;
                }

                if (LabelMatcher.MatchTable2Block(canonical) is not null && canonical.Length <= 12)
                {
                    _context = Context.Table2;
                    return;
                }

                if (LabelMatcher.IsTable3Note(canonical) || string.Equals(canonical, NationalFormat.ApplicantGroup, StringComparison.Ordinal)
                    || LabelMatcher.MatchTable3Row(canonical) is { Row.Row: Table3Row.NewReceived })
                {
                    _context = Context.Table3;
                    return;
                }

                if (canonical.Length <= 10 && (string.Equals(canonical, NationalFormat.Reconsideration, StringComparison.Ordinal)
                    || string.Equals(canonical, NationalFormat.Litigation, StringComparison.Ordinal)))
                {
                    _context = Context.Table4;
                    return;
                }
            }
        }

        // ---- table 二 -------------------------------------------------------------------------------------------

        private int? ReadTable2Line(int index, List<SourceCell> cells)
        {
            var labelIndex = FirstNonBlank(cells);
            if (labelIndex < 0)
            {
                return null;
            }

            var canonical = Canon(cells[labelIndex].Text);
            if (LabelMatcher.MatchTable2Block(canonical) is { } block)
            {
                _table2Block = block;
                if (block == "九")
                {
                    _score2019 += 3;
                }

                AddObserved(ReportTable.Table2, ExpectedBlockHeader(block), cells[labelIndex]);
                return index;
            }

            if (string.Equals(canonical, NationalFormat.InformationContent, StringComparison.Ordinal)
                || (LabelMatcher.IsTable2Column(canonical) && KindOf(cells[labelIndex].Text) == CellKind.Text && !LabelMatcher.IsTable2Row(canonical)))
            {
                var labels = cells.Skip(labelIndex).Where(c => c.Text.Length > 0).ToList();
                ScoreTable2Labels(labels);
                if (!string.Equals(canonical, NationalFormat.InformationContent, StringComparison.Ordinal) && _table2Headers.Count > 0)
                {
                    // One label per line: continue the header started above.
                    _table2Headers[^1].Labels.AddRange(labels);
                }
                else
                {
                    _table2Headers.Add(new Table2Header(_table2Block, labels));
                }

                return index;
            }

            if (!LabelMatcher.IsTable2Row(canonical))
            {
                return null;
            }

            var values = cells.Skip(labelIndex + 1).ToList();
            var last = index;
            if (values.All(c => c.Text.Length == 0))
            {
                (values, last) = ReadValueLines(index, values, 3);
            }

            _table2Rows.Add(new Table2Row(_table2Block, cells[labelIndex].Text, cells[labelIndex].Location, values));
            ScoreTable2Labels([cells[labelIndex]]);
            return last;
        }

        /// <summary>Labels that exist in only one of the two formats vote for that format.</summary>
        private void ScoreTable2Labels(List<SourceCell> labels)
        {
            foreach (var label in labels)
            {
                var canonical = Canon(label.Text);
                if (Only2019Labels.Contains(canonical))
                {
                    _score2019++;
                }
                else if (Only2021Labels.Contains(canonical))
                {
                    _score2021++;
                }
            }
        }

        private static string ExpectedBlockHeader(string item) => "第二十条第（" + item + "）项";

        private bool FillTable2(ReportFormat format)
        {
            if (_table2Rows.Count == 0)
            {
                _findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseTableMissing,
                    "没有找到表二（主动公开政府信息情况）。请按国家格式填写第二十条第（一）（五）（六）（八）项的表格。",
                    Section(SectionKey.ProactiveDisclosure)?.Location));
                return false;
            }

            var used = new HashSet<Table2Row>();
            foreach (var block in NationalFormat.Table2Blocks(format))
            {
                var item = BlockItem(block.Header);
                foreach (var header in _table2Headers.Where(h => h.Block == item))
                {
                    ObserveTable2Header(block, header);
                }

                foreach (var rowDefinition in block.Rows)
                {
                    var canonicalLabel = Canon(rowDefinition.Label);
                    var row = _table2Rows.FirstOrDefault(r => !used.Contains(r) && (r.Block is null || r.Block == item)
                                  && string.Equals(Canon(r.Label), canonicalLabel, StringComparison.Ordinal))
                              ?? _table2Rows.FirstOrDefault(r => !used.Contains(r) && (r.Block is null || r.Block == item)
                                  && LabelText.Similarity(Canon(r.Label), canonicalLabel) >= 0.8);
                    if (row is null)
                    {
                        _findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseRowMissing,
                            $"表二{block.Header}缺少“{rowDefinition.Label}”一行，其数字无法读取。",
                            _table2Rows[0].Location,
                            [.. rowDefinition.Fields.Select(NationalFormat.PathOf)]));
                        continue;
                    }

                    used.Add(row);
                    AddObserved(ReportTable.Table2, rowDefinition.Label, new SourceCell(row.Label, row.Location));
                    var values = Window(row.Values, rowDefinition.Fields.Count, $"表二“{rowDefinition.Label}”", row.Location);
                    for (var i = 0; i < rowDefinition.Fields.Count; i++)
                    {
                        _report.Table2[rowDefinition.Fields[i]] = values[i] is { } cell ? Cell.Parse(cell.Text, cell.Location) : Cell.Missing;
                    }
                }
            }

            foreach (var extra in _table2Rows.Where(r => !used.Contains(r)))
            {
                _findings.Add(RuleCatalogue.Finding(RuleCatalogue.FmtExtraRow,
                    $"表二中的“{extra.Label}”一行不属于{FormatName(format)}格式，未读取。", extra.Location));
            }

            return true;
        }

        private void ObserveTable2Header(Table2BlockDefinition block, Table2Header header)
        {
            var labels = header.Labels;
            var start = labels.Count > 0 && string.Equals(Canon(labels[0].Text), NationalFormat.InformationContent, StringComparison.Ordinal) ? 1 : 0;
            if (start == 1)
            {
                AddObserved(ReportTable.Table2, NationalFormat.InformationContent, labels[0]);
            }

            for (var i = 0; i < block.ColumnLabels.Count && start + i < labels.Count; i++)
            {
                AddObserved(ReportTable.Table2, block.ColumnLabels[i], labels[start + i]);
            }
        }

        private static string BlockItem(string header)
        {
            var open = header.IndexOf('（', StringComparison.Ordinal);
            var close = header.IndexOf('）', StringComparison.Ordinal);
            return header[(open + 1)..close];
        }

        // ---- table 三 -------------------------------------------------------------------------------------------

        private int? ReadTable3Line(int index, List<SourceCell> cells)
        {
            if (cells.All(c => c.Text.Length == 0))
            {
                return index;
            }

            if (IsTable3HeaderLine(cells))
            {
                return index;
            }

            // Walk the label area (everything before the first value) and keep the last cell that names a row.
            Table3Match? match = null;
            var labelEnd = -1;
            for (var i = 0; i < cells.Count; i++)
            {
                var text = cells[i].Text;
                var kind = KindOf(text);
                if (kind is CellKind.Number or CellKind.Zero or CellKind.Placeholder)
                {
                    break;
                }

                if (kind == CellKind.Blank)
                {
                    continue;
                }

                var canonical = Canon(text);
                if (LabelMatcher.MatchTable3Row(canonical) is { } row && (!row.Is2019Row || LastValueFollows(index, cells, i)))
                {
                    match = new Table3Match(row.Row, row.Is2019Row, text, cells[i].Location, []);
                    labelEnd = i;
                }
                else if (_pendingLabel is { } pending
                         && LabelMatcher.MatchTable3Row(Canon(pending.Text + text)) is { Score: >= 0.9 } joined)
                {
                    match = new Table3Match(joined.Row, joined.Is2019Row, pending.Text + text, pending.Location, []);
                    labelEnd = i;
                }
                else if (LabelMatcher.IsTable3Group(canonical))
                {
                    AddObserved(ReportTable.Table3, ExpectedGroup(canonical), cells[i]);
                }
            }

            var previousPending = _pendingLabel;
            _pendingLabel = null;
            if (match is null)
            {
                var firstText = cells.FirstOrDefault(c => KindOf(c.Text) == CellKind.Text);
                var hasValues = cells.Any(c => KindOf(c.Text) is CellKind.Number or CellKind.Zero);
                if (firstText is not null && !hasValues && previousPending is null && firstText.Text.Length is >= 4 and <= 40
                    && cells.Count(c => c.Text.Length > 0) == 1 && LooksLikeTable3Fragment(firstText.Text))
                {
                    _pendingLabel = firstText;
                    return index;
                }

                if (firstText is not null && hasValues && cells.Count(c => KindOf(c.Text) is CellKind.Number or CellKind.Zero) >= 5)
                {
                    _extraRows.Add(firstText);
                    return index;
                }

                // Group labels on their own line (one cell per line) and the wrapped pieces of long labels belong to the
                // table, not to the section's text.
                var texts = cells.Where(c => c.Text.Length > 0).ToList();
                return !hasValues && texts.Count > 0 && texts.All(c => LabelMatcher.IsTable3Group(Canon(c.Text)) || IsLabelFragment(c.Text, texts.Count > 1))
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
                    (values, last) = ReadValueLines(index, values, Table3.ColumnCount);
                }
            }

            _table3Rows.Add(match with { Values = values });
            if (match.Is2019Row)
            {
                _score2019 += 3;
            }
            else if (match.Row.Row is Table3Row.OtherNoCorrection or Table3Row.OtherUnpaidFee)
            {
                _score2021 += 3;
            }

            return last;
        }

        /// <summary>
        /// A label wrapped onto the next line together with the row's values ("4.保护第三方合法" / "权益 0 0 …"):
        /// the joined label must name the same row more surely than the first part alone.
        /// </summary>
        private (Table3Match Match, List<SourceCell> Values)? ContinuedLabel(int index, Table3Match match)
        {
            if (index + 1 >= _lines.Count || _headingLines.ContainsKey(index + 1))
            {
                return null;
            }

            var next = Cells(_lines[index + 1]);
            var first = FirstNonBlank(next);
            if (first < 0 || KindOf(next[first].Text) != CellKind.Text)
            {
                return null;
            }

            var lastText = next.FindLastIndex(c => KindOf(c.Text) == CellKind.Text);
            var values = next.Skip(lastText + 1).ToList();
            var joinedText = match.Label + next[first].Text;
            if (LabelMatcher.MatchTable3Row(Canon(joinedText)) is { } joined && joined.Row.Row == match.Row.Row
                && joined.Score > LabelMatcher.MatchTable3Row(Canon(match.Label))!.Value.Score)
            {
                return (match with { Label = joinedText }, next.Skip(first + 1).ToList());
            }

            // The values beside the wrapped rest of a merged group label ("处理 0 0 0 …" under "（六）其他"): the text
            // there names no row of its own.
            var texts = next.Take(lastText + 1).Where(c => c.Text.Length > 0).ToList();
            if (values.Count(c => c.Text.Length > 0) >= Table3.ColumnCount - 1
                && texts.All(c => LabelMatcher.MatchTable3Row(Canon(c.Text)) is null && IsLabelFragment(c.Text)))
            {
                return (match, values);
            }

            return null;
        }

        /// <summary>A short piece of a table 三 label, header or group label, as left over where a label wrapped.</summary>
        private bool IsLabelFragment(string text, bool amongOthers = false) => IsFragmentOf(Table3LabelTexts, text, amongOthers);

        /// <summary>
        /// True when every space-separated piece of the text is a piece (not a value) of one
        /// of the labels: what is left of labels wrapped inside narrow cells.
        /// </summary>
        private bool IsFragmentOf(string[] labels, string text, bool amongOthers = false)
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

        private bool LooksLikeTable3Fragment(string text)
        {
            var canonical = Canon(text);
            var (_, body) = LabelMatcher.SplitNumbering(canonical);
            return NationalFormat.Table3Rows(ReportFormat.Format2021).Any(r =>
                Canon(r.Label).Contains(body.Length >= 4 ? body[..4] : body, StringComparison.Ordinal));
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

            for (var j = index + 1; j < _lines.Count && !_headingLines.ContainsKey(j); j++)
            {
                if (FirstValueOrText(Cells(_lines[j])) is { } next)
                {
                    return next != CellKind.Text;
                }
            }

            return false;
        }

        private CellKind? FirstValueOrText(IEnumerable<SourceCell> cells)
        {
            foreach (var cell in cells)
            {
                var kind = KindOf(cell.Text);
                if (kind is CellKind.Number or CellKind.Zero or CellKind.Placeholder or CellKind.Text)
                {
                    return kind;
                }
            }

            return null;
        }

        private static string ExpectedGroup(string canonical) => LabelMatcher.MatchTable3Group(canonical) ?? NationalFormat.OutcomeGroup;

        private bool IsTable3HeaderLine(List<SourceCell> cells)
        {
            var headerCells = new List<(SourceCell, string)>();
            var hasValue = false;
            foreach (var cell in cells)
            {
                var canonical = Canon(cell.Text);
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
                else if (KindOf(cell.Text) is CellKind.Number or CellKind.Zero)
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

            _table3Headers.AddRange(headerCells);
            return true;
        }

        private bool FillTable3(ReportFormat format)
        {
            if (_table3Rows.Count == 0)
            {
                _findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseTableMissing,
                    "没有找到表三（收到和处理政府信息公开申请情况）。请按国家格式填写表三。",
                    Section(SectionKey.Applications)?.Location));
                return false;
            }

            foreach (var (cell, expected) in _table3Headers)
            {
                AddObserved(ReportTable.Table3, expected, cell);
            }

            foreach (var definition in NationalFormat.Table3Rows(format))
            {
                var is2019Row = format == ReportFormat.Format2019 && definition.Row == Table3Row.OtherOther;
                var match = _table3Rows.FirstOrDefault(r => r.Row.Row == definition.Row && r.Is2019Row == is2019Row);
                if (match is null)
                {
                    _findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseRowMissing,
                        $"表三缺少“{definition.Label}”一行，其数字无法读取。请按国家格式补上这一行。",
                        _table3Rows[0].Location,
                        [.. Enum.GetValues<Table3Column>().Select(c => NationalFormat.PathOf(format, definition.Row, c))]));
                    continue;
                }

                AddObserved(ReportTable.Table3, definition.Label, new SourceCell(match.Label, match.Location));
                var values = Window(match.Values, Table3.ColumnCount, $"表三“{definition.Label}”", match.Location, wideLabels: true);
                for (var c = 0; c < Table3.ColumnCount; c++)
                {
                    _report.Table3[definition.Row, (Table3Column)c] = values[c] is { } cell ? Cell.Parse(cell.Text, cell.Location) : Cell.Missing;
                }
            }

            foreach (var extra in _extraRows)
            {
                _findings.Add(RuleCatalogue.Finding(RuleCatalogue.FmtExtraRow,
                    $"表三中的“{extra.Text.Trim()}”一行不是国家格式的行，未读取。请删除该行或把内容写入正文。", extra.Location));
            }

            foreach (var duplicate in _table3Rows.GroupBy(r => (r.Row.Row, r.Is2019Row)).Where(g => g.Count() > 1))
            {
                var second = duplicate.Skip(1).First();
                _findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseRowShape,
                    $"表三“{second.Label.Trim()}”一行出现了不止一次，只读取了第一次出现的数字。", second.Location));
            }

            return true;
        }

        // ---- table 四 -------------------------------------------------------------------------------------------

        private int? ReadTable4Line(int index, List<SourceCell> cells)
        {
            var nonBlank = cells.Where(c => c.Text.Length > 0).ToList();
            if (nonBlank.Count == 0)
            {
                if (cells.Count >= 10 && _table4Headers.Count > 0 && _table4Values.Count == 0)
                {
                    // The values row left entirely blank: still the fifteen cells of the table.
                    _table4ValuesLocation ??= cells[0].Location;
                    _table4Values.AddRange(cells);
                }

                return index;
            }

            var kinds = nonBlank.Select(c => KindOf(c.Text)).ToList();
            var texts = nonBlank.Where((_, i) => kinds[i] == CellKind.Text).ToList();
            if (texts.Count > 0 && texts.All(c => LabelMatcher.MatchTable4Header(Canon(c.Text)) is not null))
            {
                if (texts.Count == 1 && kinds.Count(k => k is CellKind.Number or CellKind.Zero or CellKind.Placeholder) == 5
                    && LabelMatcher.MatchTable4Block(Canon(texts[0].Text)) is { } block)
                {
                    // A block written as its own labelled row: 行政复议 | 0 | 0 | 0 | 0 | 0.
                    _table4BlockRows[block] = cells.SkipWhile(c => !ReferenceEquals(c, texts[0])).Skip(1).ToList();
                    _table4ValuesLocation ??= texts[0].Location;
                    return index;
                }

                foreach (var cell in texts)
                {
                    _table4Headers.Add((cell, LabelMatcher.MatchTable4Header(Canon(cell.Text))!));
                }

                return index;
            }

            if (texts.Count > 0 && texts.Count == nonBlank.Count && texts.All(c => IsFragmentOf(Table4LabelTexts, c.Text, texts.Count > 1)))
            {
                // Header labels wrapped inside their narrow cells ("结果" / "维持").
                return index;
            }

            if (texts.Count > 0 || _table4Values.Count >= Table4.BlockCount * Table4.ColumnCount)
            {
                return null;
            }

            // A row of numbers, or one number per line under the header: collect until all fifteen cells are read.
            var isRow = cells.Count >= 10 && _table4Values.Count == 0;
            if (isRow || (_table4Headers.Count > 0 && (_table4Values.Count > 0 || nonBlank.Count == 1)))
            {
                _table4ValuesLocation ??= nonBlank[0].Location;
                _table4Values.AddRange(isRow ? cells : nonBlank);
                return index;
            }

            return null;
        }

        private bool FillTable4()
        {
            if (_table4BlockRows.Count > 0)
            {
                foreach (var block in Enum.GetValues<Table4Block>())
                {
                    var values = _table4BlockRows.TryGetValue(block, out var row)
                        ? Window(row, Table4.ColumnCount, $"表四“{NationalFormat.Table4BlockLabels[(int)block]}”", _table4ValuesLocation!)
                        : new SourceCell?[Table4.ColumnCount];
                    for (var c = 0; c < Table4.ColumnCount; c++)
                    {
                        _report.Table4[block, (Table4Column)c] = values[c] is { } cell ? Cell.Parse(cell.Text, cell.Location) : Cell.Missing;
                    }
                }

                ObserveTable4Headers();
                return true;
            }

            if (_table4Values.Count == 0)
            {
                _findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseTableMissing,
                    "没有找到表四（政府信息公开行政复议、行政诉讼情况）的数字。请按国家格式填写表四的15个单元格。",
                    Section(SectionKey.ReviewAndLitigation)?.Location));
                return false;
            }

            var cells = Window(_table4Values, Table4.BlockCount * Table4.ColumnCount, "表四", _table4ValuesLocation!);
            for (var i = 0; i < cells.Length; i++)
            {
                _report.Table4[(Table4Block)(i / Table4.ColumnCount), (Table4Column)(i % Table4.ColumnCount)] =
                    cells[i] is { } cell ? Cell.Parse(cell.Text, cell.Location) : Cell.Missing;
            }

            ObserveTable4Headers();
            return true;
        }

        private void ObserveTable4Headers()
        {
            foreach (var (cell, expected) in _table4Headers)
            {
                AddObserved(ReportTable.Table4, expected, cell);
            }
        }

        // ---- shared helpers -----------------------------------------------------------------------------------

        /// <summary>
        /// Values written one per line under their label: reads following lines while each holds only values.
        /// </summary>
        private (List<SourceCell> Values, int Last) ReadValueLines(int index, List<SourceCell> values, int wanted)
        {
            var collected = new List<SourceCell>();
            var last = index;
            for (var j = index + 1; j < _lines.Count && collected.Count < wanted; j++)
            {
                if (_headingLines.ContainsKey(j))
                {
                    break;
                }

                var next = Cells(_lines[j]).Where(c => c.Text.Length > 0).ToList();
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
        /// are dropped (they are merged label cells or trailing tabs); a row still too long or too short is reported.
        /// </summary>
        private SourceCell?[] Window(List<SourceCell> cells, int count, string what, SourceLocation location, bool wideLabels = false)
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
                _findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseRowShape, message, location));
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

        private void AddObserved(ReportTable table, string expected, SourceCell actual) =>
            _report.Labels.Add(new ObservedLabel(table, expected, actual.Text.Trim(), actual.Location));

        private SectionBuilder? Section(SectionKey key) => _sections.FirstOrDefault(s => s.Key == key);

        private static string FormatName(ReportFormat format) => format == ReportFormat.Format2019 ? "2019年版" : "2021年版";

        private static List<SourceCell> Cells(SourceLine line) => [.. line.Cells.Where(c => !c.IsSpanned)];

        private static int FirstNonBlank(List<SourceCell> cells) => cells.FindIndex(c => c.Text.Length > 0);

        /// <summary>The text of a line that has exactly one non-empty cell, or null.</summary>
        private static string? SingleText(SourceLine line)
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
    }

    private static HashSet<string> LabelsOnlyIn(ReportFormat format, ReportFormat other)
    {
        static IEnumerable<string> Labels(ReportFormat f) => NationalFormat.Table2Blocks(f)
            .SelectMany(b => b.ColumnLabels.Concat(b.Rows.Select(r => r.Label)))
            .Select(LabelText.Canonical);
        var result = new HashSet<string>(Labels(format), StringComparer.Ordinal);
        result.ExceptWith(Labels(other));
        return result;
    }

    private static string Compact(string text)
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

    [GeneratedRegex(@"^(?<org>.*?)(?<year>(?:19|20)\d{2})年度?(?<org2>.*?)政府信息公开(?:工作)?年度?报告")]
    private static partial Regex TitlePattern();
}

using Gongkai.AnnualReports.Validation;

namespace Gongkai.AnnualReports.Parsing.Recognition;

/// <summary>Reads table 二 (主动公开政府信息情况): its blocks by article item, rows by label, values after the label.</summary>
internal sealed class Table2Reader(RecognitionContext context)
{
    private static readonly HashSet<string> Only2019Labels = LabelsOnlyIn(ReportFormat.Format2019, ReportFormat.Format2021);
    private static readonly HashSet<string> Only2021Labels = LabelsOnlyIn(ReportFormat.Format2021, ReportFormat.Format2019);

    private readonly List<Row> _rows = [];
    private readonly List<Header> _headers = [];
    private string? _block;
    private int _score2019;
    private int _score2021;

    /// <summary>The format table 二's own labels say (labels only one format has), or null when they say neither.</summary>
    public ReportFormat? Format =>
        _score2019 == _score2021 ? null : _score2019 > _score2021 ? ReportFormat.Format2019 : ReportFormat.Format2021;

    private sealed record Row(string? Block, string Label, SourceLocation Location, List<SourceCell> Values);

    private sealed record Header(string? Block, List<SourceCell> Labels);

    /// <summary>A new section starts: the block in force ends with it.</summary>
    public void Reset() => _block = null;

    /// <summary>Reads line <paramref name="index"/>; returns the last line it consumed, or null when it is not table 二's.</summary>
    public int? ReadLine(int index, List<SourceCell> cells)
    {
        var labelIndex = RecognitionContext.FirstNonBlank(cells);
        if (labelIndex < 0)
        {
            return null;
        }

        var canonical = context.Canon(cells[labelIndex].Text);
        if (LabelMatcher.MatchTable2Block(canonical) is { } block)
        {
            _block = block;
            if (block == "九")
            {
                _score2019 += 3;
            }

            context.Observe(ReportTable.Table2, ExpectedBlockHeader(block), cells[labelIndex]);
            return index;
        }

        if (string.Equals(canonical, NationalFormat.InformationContent, StringComparison.Ordinal)
            || (LabelMatcher.IsTable2Column(canonical) && context.KindOf(cells[labelIndex].Text) == CellKind.Text && !LabelMatcher.IsTable2Row(canonical)))
        {
            var labels = cells.Skip(labelIndex).Where(c => c.Text.Length > 0).ToList();
            ScoreLabels(labels);
            if (!string.Equals(canonical, NationalFormat.InformationContent, StringComparison.Ordinal) && _headers.Count > 0)
            {
                // One label per line: continue the header started above.
                _headers[^1].Labels.AddRange(labels);
            }
            else
            {
                _headers.Add(new Header(_block, labels));
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
            (values, last) = context.ReadValueLines(index, values, 3);
        }

        _rows.Add(new Row(_block, cells[labelIndex].Text, cells[labelIndex].Location, values));
        ScoreLabels([cells[labelIndex]]);
        return last;
    }

    /// <summary>Labels that exist in only one of the two formats vote for that format.</summary>
    private void ScoreLabels(List<SourceCell> labels)
    {
        foreach (var label in labels)
        {
            var canonical = context.Canon(label.Text);
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

    /// <summary>
    /// Puts what was read into the report's table 二; false when the table was not found at all. A report whose
    /// table 二 is laid out in the other format than the rest (a 2021 report that kept the 2019 table 二) keeps the
    /// cells both formats share — the year's decisions on 行政许可, 行政处罚, 行政强制 — and the format defect is reported.
    /// </summary>
    public bool Fill(ReportFormat format)
    {
        if (Format is { } own && own != format && _rows.Count > 0)
        {
            var found = FillIn(own);
            KeepShared(own, format);
            return found;
        }

        return FillIn(format);
    }

    private static readonly (Table2Field Field2019, Table2Field Field2021)[] SharedFields =
    [
        (Table2Field.LicensingDecisions2019, Table2Field.Licensing),
        (Table2Field.PenaltyDecisions2019, Table2Field.Penalty),
        (Table2Field.EnforcementDecisions2019, Table2Field.Enforcement),
    ];

    private void KeepShared(ReportFormat own, ReportFormat format)
    {
        var table = context.Report.Table2;
        foreach (var (field2019, field2021) in SharedFields)
        {
            var (from, to) = own == ReportFormat.Format2019 ? (field2019, field2021) : (field2021, field2019);
            table[to] = table[from];
        }

        var kept = SharedFields.Select(f => own == ReportFormat.Format2019 ? f.Field2021 : f.Field2019).ToHashSet();
        var lost = NationalFormat.Table2Fields(format).Where(f => !kept.Contains(f)).ToList();
        foreach (var field in lost)
        {
            table[field] = Cell.Missing;
        }

        context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.FmtOldFormat,
            $"表二按{RecognitionContext.FormatName(own)}格式填报，而表三是{RecognitionContext.FormatName(format)}格式。已读取两种格式含义相同的行政许可、行政处罚、行政强制“处理决定数量”，表二其余单元格无法对应，按缺失处理；请按{RecognitionContext.FormatName(format)}格式重新填报表二。",
            _rows[0].Location,
            [.. lost.Select(NationalFormat.PathOf)]));
    }

    private bool FillIn(ReportFormat format)
    {
        if (_rows.Count == 0)
        {
            context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseTableMissing,
                "没有找到表二（主动公开政府信息情况）。请按国家格式填写第二十条第（一）（五）（六）（八）项的表格。",
                context.Section(SectionKey.ProactiveDisclosure)?.Location));
            return false;
        }

        var used = new HashSet<Row>();
        foreach (var block in NationalFormat.Table2Blocks(format))
        {
            var item = BlockItem(block.Header);
            foreach (var header in _headers.Where(h => h.Block == item))
            {
                ObserveHeader(block, header);
            }

            foreach (var rowDefinition in block.Rows)
            {
                // Row labels are unique across the blocks, so a row is found by its label; the block it stands under
                // decides only between rows of the same label (a conversion may move a block's rows elsewhere).
                var canonicalLabel = context.Canon(rowDefinition.Label);
                bool Names(Row r) => string.Equals(context.Canon(r.Label), canonicalLabel, StringComparison.Ordinal);
                bool Resembles(Row r) => LabelText.Similarity(context.Canon(r.Label), canonicalLabel) >= 0.8 || SameRow(context.Canon(r.Label), canonicalLabel);
                var candidates = _rows.Where(r => !used.Contains(r)).ToList();
                var row = candidates.FirstOrDefault(r => (r.Block is null || r.Block == item) && Names(r))
                          ?? candidates.FirstOrDefault(r => (r.Block is null || r.Block == item) && Resembles(r))
                          ?? candidates.FirstOrDefault(Names)
                          ?? candidates.FirstOrDefault(Resembles);
                if (row is null)
                {
                    context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.ParseRowMissing,
                        $"表二{block.Header}缺少“{rowDefinition.Label}”一行，其数字无法读取。",
                        _rows[0].Location,
                        [.. rowDefinition.Fields.Select(NationalFormat.PathOf)]));
                    continue;
                }

                used.Add(row);
                context.Observe(ReportTable.Table2, rowDefinition.Label, new SourceCell(row.Label, row.Location));
                var cells = ReadCells(rowDefinition, row);
                for (var i = 0; i < rowDefinition.Fields.Count; i++)
                {
                    context.Report.Table2[rowDefinition.Fields[i]] = cells[i];
                }
            }
        }

        foreach (var extra in _rows.Where(r => !used.Contains(r)))
        {
            context.Findings.Add(RuleCatalogue.Finding(RuleCatalogue.FmtExtraRow,
                $"表二中的“{extra.Label}”一行不属于{RecognitionContext.FormatName(format)}格式，未读取。", extra.Location));
        }

        return true;
    }

    /// <summary>
    /// The row's cells. Digits that ran together are parted: table 二 has no identity, so a run parts surely only
    /// when it can be read one way (as many digits as cells, or zeros); otherwise the splits in which a stock
    /// (现行有效件数, 对外公开总数量) is not below the year's new items are offered for a person to choose.
    /// </summary>
    private Cell[] ReadCells(Table2RowDefinition definition, Row row)
    {
        var count = definition.Fields.Count;
        if (!ValueSplitter.NeedsSplit(row.Values, count))
        {
            return [.. context.Window(row.Values, count, $"表二“{definition.Label}”", row.Location, [.. definition.Fields.Select(NationalFormat.PathOf)])
                .Select(c => c is { } cell ? Cell.Parse(cell.Text, cell.Location) : Cell.Missing)];
        }

        var split = ValueSplitter.Read(row.Values, count, _ => true, _ => false);
        string? stated = null;
        if (split.Candidates.Count > 1 && IsStockRow(definition))
        {
            // 2021: what is in force includes the year's issued documents and outnumbers the repealed ones;
            // 2019: the published total includes the year's newly published ones (but may be below the newly made).
            var plausible = split.Candidates.Where(c => c.Values[2] >= c.Values[1]
                && (IsStock2019(definition) || c.Values[2] >= c.Values[0])).ToList();
            if (plausible.Count == 1)
            {
                split = new SplitReading(plausible, Relaxed: false) { Certain = false };
            }
            else if (StatedWord(definition) is { } word)
            {
                // The report's own sentences ("现行有效规范性文件698件") are the only other evidence of the parting.
                var figures = StatedFigures.Find(context.Lines.Where(l => l.TableIndex is null).Select(l => l.Text), word);
                var agreeing = (plausible.Count > 0 ? plausible : split.Candidates)
                    .Where(c => figures.All(f => c.Values[f.Key] == f.Value)).ToList();
                if (figures.Count > 0 && agreeing.Count == 1)
                {
                    split = new SplitReading(agreeing, Relaxed: false) { Certain = false };
                    stated = string.Join("、", figures.OrderBy(f => f.Key).Select(f => $"{ColumnWords[f.Key]}{f.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}件"));
                }
            }
        }

        return SplitCells.Assign(context, split, row.Values, row.Location, [.. definition.Fields.Select(NationalFormat.PathOf)],
            $"表二“{definition.Label}”一行",
            chosen => stated is null
                ? $"表二没有勾稽关系可以确定分法；只有“{chosen.Describe()}”使第三列不小于{(IsStock2019(definition) ? "第二列" : "前两列")}，已按此读取。请核对原文。"
                : $"表二没有勾稽关系可以确定分法；报告正文写明{stated}，只有“{chosen.Describe()}”与之相符，已按此读取。请核对原文。");
    }

    private static readonly string[] ColumnWords = ["本年制发", "本年废止", "现行有效"];

    /// <summary>The word the report's sentences use for a 2021 row of 第二十条第（一）项, or null for other rows.</summary>
    private static string? StatedWord(Table2RowDefinition definition) => definition.Fields[0] switch
    {
        Table2Field.RegulationsIssued => "规章",
        Table2Field.NormativeDocumentsIssued => "规范性文件",
        _ => null,
    };

    /// <summary>
    /// 规范性文件 and 行政规范性文件 name the same row: the 2019 format's word, kept by many 2021 reports (and the
    /// other way round). The format check reports the word.
    /// </summary>
    private static bool SameRow(string written, string label) =>
        (written, label) is ("规范性文件", "行政规范性文件") or ("行政规范性文件", "规范性文件");

    private static bool IsStock2019(Table2RowDefinition definition) =>
        definition.Fields[0] is Table2Field.RegulationsMade2019 or Table2Field.NormativeDocumentsMade2019;

    /// <summary>Rows of 第二十条第（一）项, whose third column is a stock that holds the year's new items.</summary>
    private static bool IsStockRow(Table2RowDefinition definition) =>
        definition.Fields.Count == 3 && definition.Fields[0] is Table2Field.RegulationsIssued or Table2Field.NormativeDocumentsIssued
            or Table2Field.RegulationsMade2019 or Table2Field.NormativeDocumentsMade2019;

    private void ObserveHeader(Table2BlockDefinition block, Header header)
    {
        var labels = header.Labels;
        var start = labels.Count > 0 && string.Equals(context.Canon(labels[0].Text), NationalFormat.InformationContent, StringComparison.Ordinal) ? 1 : 0;
        if (start == 1)
        {
            context.Observe(ReportTable.Table2, NationalFormat.InformationContent, labels[0]);
        }

        for (var i = 0; i < block.ColumnLabels.Count && start + i < labels.Count; i++)
        {
            context.Observe(ReportTable.Table2, block.ColumnLabels[i], labels[start + i]);
        }
    }

    private static string BlockItem(string header)
    {
        var open = header.IndexOf('（', StringComparison.Ordinal);
        var close = header.IndexOf('）', StringComparison.Ordinal);
        return header[(open + 1)..close];
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
}

using Gongkai.AnnualReports.Parsing.Recognition;

namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// Turns a <see cref="SourceDocument"/> of any input format into an <see cref="AnnualReport"/>. Rows are found by
/// their labels, not by their position, so lost leading cells, misaligned rows, split tables, labels wrapped over
/// two lines and one-cell-per-line copies all read the same. What cannot be understood becomes a finding that
/// names the line or cell; nothing is guessed silently.
/// </summary>
/// <remarks>
/// The work is shared by small readers over one <see cref="RecognitionContext"/>: <see cref="Headings"/> and
/// <see cref="TitleReader"/> first, then a walk over the lines in which each section hands its lines to the reader of
/// its table (<see cref="Table2Reader"/>, <see cref="Table3Reader"/>, <see cref="Table4Reader"/>); what no table
/// takes is the section's text.
/// </remarks>
public static partial class ReportRecognizer
{
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

        return new Walk(new RecognitionContext(FlatTables.Unflatten(PipeCellLines.Join(document)), budget)).Run();
    }

    private sealed class Walk(RecognitionContext context)
    {
        private readonly Table2Reader _table2 = new(context);
        private readonly Table3Reader _table3 = new(context);
        private readonly Table4Reader _table4 = new(context);
        private ReportTable? _table;

        public ReportParseResult Run()
        {
            Headings.Find(context);
            TitleReader.Read(context);
            for (var i = 0; i < context.Lines.Count; i++)
            {
                context.Budget?.Check();
                i = ReadLine(i);
            }

            // Table 三's 2021 sub-rows decide; otherwise the labels only one format's table 二 has; otherwise the
            // 2019 single （六） row. A 2021 table 三 printing （六） as one row (a defect the reader reports) does not
            // make the report a 2019 one when its table 二 is 2021's.
            var format = _table3.Has2021Rows ? ReportFormat.Format2021
                : _table2.Format ?? (_table3.Has2019Row ? ReportFormat.Format2019 : ReportFormat.Format2021);
            var report = context.Report;
            report.Format = format;
            var found2 = _table2.Fill(format);
            var found3 = _table3.Fill(format);
            var found4 = _table4.Fill();
            if (!found2 && !found3 && !found4)
            {
                throw new ReportReadException(
                    "没有找到国家格式的表二、表三或表四。这份文件可能不是政府信息公开工作年度报告，或表格是图片（扫描件），无法读取数字。");
            }

            foreach (var section in context.Sections)
            {
                report.Sections.Add(new ReportSection(section.Key, section.Heading, string.Join('\n', section.Lines), section.Location)
                {
                    LineLocations = section.LineLocations,
                });
            }

            return new ReportParseResult(report, context.Findings);
        }

        /// <summary>Reads line <paramref name="index"/>; returns the index of the last line it consumed.</summary>
        private int ReadLine(int index)
        {
            var line = context.Lines[index];
            if (context.HeadingLines.TryGetValue(index, out var key))
            {
                var text = RecognitionContext.SingleText(line)!.Trim().TrimStart('#').Trim();
                context.Sections.Add(new SectionBuilder(key, text, line.Location));
                _table = key switch
                {
                    SectionKey.ProactiveDisclosure => ReportTable.Table2,
                    SectionKey.Applications => ReportTable.Table3,
                    SectionKey.ReviewAndLitigation => ReportTable.Table4,
                    _ => null,
                };
                _table2.Reset();
                return index;
            }

            if (index < context.FirstHeadingLine || index == context.TitleLine || index == context.TitleContinuation)
            {
                return index;
            }

            var cells = RecognitionContext.Cells(line);
            UpdateTableFromCues(cells);
            var consumed = _table switch
            {
                ReportTable.Table2 => _table2.ReadLine(index, cells),
                ReportTable.Table3 => _table3.ReadLine(index, cells),
                ReportTable.Table4 => _table4.ReadLine(index, cells),
                _ => (int?)null,
            };
            if (consumed is { } last)
            {
                if (context.Sections.Count > 0)
                {
                    context.Sections[^1].HasTable = true;
                }

                return last;
            }

            AddText(line);
            return index;
        }

        private void AddText(SourceLine line)
        {
            if (context.Sections.Count == 0)
            {
                return;
            }

            var text = line.Text.Trim();
            if (text.Length == 0 || PageChrome.Any(c => text.Contains(c, StringComparison.Ordinal)) || PageNumber().IsMatch(text))
            {
                return;
            }

            context.Sections[^1].Lines.Add(text);
            context.Sections[^1].LineLocations.Add(line.Location);
        }

        /// <summary>A table's own labels say which table a line belongs to, whatever section it stands in.</summary>
        private void UpdateTableFromCues(List<SourceCell> cells)
        {
            foreach (var cell in cells)
            {
                var canonical = context.Canon(cell.Text);
                if (canonical.Length == 0)
                {
                    continue;
                }

                if (LabelMatcher.MatchTable2Block(canonical) is not null && canonical.Length <= 12)
                {
                    _table = ReportTable.Table2;
                    return;
                }

                if (LabelMatcher.IsTable3Note(canonical) || string.Equals(canonical, NationalFormat.ApplicantGroup, StringComparison.Ordinal)
                    || LabelMatcher.MatchTable3Row(canonical) is { Row.Row: Table3Row.NewReceived })
                {
                    _table = ReportTable.Table3;
                    return;
                }

                if (canonical.Length <= 10 && (string.Equals(canonical, NationalFormat.Reconsideration, StringComparison.Ordinal)
                    || string.Equals(canonical, NationalFormat.Litigation, StringComparison.Ordinal)))
                {
                    _table = ReportTable.Table4;
                    return;
                }
            }
        }
    }

    /// <summary>A page's number printed as its footer or header: "- 2 -", "— 2 —", "第 2 页", "第2页 共3页", "2 / 3", "2".</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:[-—–－_·\s]*\d{1,3}[-—–－_·\s]*|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|共\s*\d{1,3}\s*页\s*[,，/]?\s*第\s*\d{1,3}\s*页|\d{1,3}\s*/\s*\d{1,3})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PageNumber();
}

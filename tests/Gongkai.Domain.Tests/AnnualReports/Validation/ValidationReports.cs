using Gongkai.AnnualReports;

namespace Gongkai.Tests.AnnualReports.Validation;

/// <summary>
/// Reports built in code for the validator tests: a clean, fully consistent 2023 report in the 2021 format with
/// non-zero numbers in most cells and a narrative whose numbers agree with the tables, and its 2022 predecessor
/// that chains to it. Tests mutate a clone of <see cref="Clean"/> and expect exactly the finding the mutation causes.
/// </summary>
/// <remarks>
/// Cell locations follow one convention so tests can name them: table 二 is source table 1 (field i of the format
/// at row i + 1, cell 2), table 三 is table 2 (row index + 4, column index + 3), table 四 is table 3 (row 4, cell
/// block × 5 + column + 1). Section headings sit on fixed lines; a section's text starts on the line after its
/// heading with a blank line, then one paragraph per line separated by blank lines, as in the seed reports.
/// </remarks>
internal static class ValidationReports
{
    public const int Year = 2023;
    public const string Organization = "示例市数据局";

    /// <summary>The heading lines of the six sections of <see cref="Clean"/>.</summary>
    public static readonly int[] HeadingLines = [3, 17, 40, 70, 76, 82];

    // Table 三 of the clean report: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
    private static readonly Dictionary<Table3Row, decimal[]> CleanTable3 = new()
    {
        [Table3Row.NewReceived] = [41, 9, 1, 0, 2, 2, 55],
        [Table3Row.CarriedOver] = [2, 1, 0, 0, 1, 0, 4],
        [Table3Row.Granted] = [20, 6, 1, 0, 2, 1, 30],
        [Table3Row.PartiallyGranted] = [5, 1, 0, 0, 0, 0, 6],
        [Table3Row.WithheldThirdPartyRights] = [2, 0, 0, 0, 0, 0, 2],
        [Table3Row.WithheldProcessInformation] = [1, 0, 0, 0, 0, 0, 1],
        [Table3Row.UnableNotHeld] = [6, 2, 0, 0, 1, 0, 9],
        [Table3Row.UnableNeedsCreation] = [1, 0, 0, 0, 0, 0, 1],
        [Table3Row.NotProcessedPetitionComplaint] = [2, 0, 0, 0, 0, 0, 2],
        [Table3Row.NotProcessedDuplicate] = [1, 0, 0, 0, 0, 0, 1],
        [Table3Row.OtherNoCorrection] = [1, 0, 0, 0, 0, 0, 1],
        [Table3Row.OtherUnpaidFee] = [0, 0, 0, 0, 0, 1, 1],
        [Table3Row.OtherOther] = [1, 0, 0, 0, 0, 0, 1],
        [Table3Row.TotalProcessed] = [40, 9, 1, 0, 3, 2, 55],
        [Table3Row.CarriedForward] = [3, 1, 0, 0, 0, 0, 4],
    };

    // The 2022 report: its 四 is the 2023 二.
    private static readonly Dictionary<Table3Row, decimal[]> PreviousTable3 = new()
    {
        [Table3Row.NewReceived] = [30, 5, 0, 1, 1, 0, 37],
        [Table3Row.CarriedOver] = [1, 0, 0, 0, 0, 0, 1],
        [Table3Row.Granted] = [20, 3, 0, 1, 0, 0, 24],
        [Table3Row.UnableNotHeld] = [9, 1, 0, 0, 0, 0, 10],
        [Table3Row.TotalProcessed] = [29, 4, 0, 1, 0, 0, 34],
        [Table3Row.CarriedForward] = [2, 1, 0, 0, 1, 0, 4],
    };

    private static readonly Dictionary<Table2Field, decimal> CleanTable2 = new()
    {
        [Table2Field.RegulationsIssued] = 2,
        [Table2Field.RegulationsRepealed] = 1,
        [Table2Field.RegulationsInForce] = 15,
        [Table2Field.NormativeDocumentsIssued] = 11,
        [Table2Field.NormativeDocumentsRepealed] = 3,
        [Table2Field.NormativeDocumentsInForce] = 119,
        [Table2Field.Licensing] = 356,
        [Table2Field.Penalty] = 48,
        [Table2Field.Enforcement] = 5,
        [Table2Field.FeesWanYuan] = 110.139m,
    };

    private static readonly Dictionary<Table2Field, decimal> PreviousTable2 = new()
    {
        [Table2Field.RegulationsIssued] = 1,
        [Table2Field.RegulationsRepealed] = 0,
        [Table2Field.RegulationsInForce] = 14,
        [Table2Field.NormativeDocumentsIssued] = 9,
        [Table2Field.NormativeDocumentsRepealed] = 2,
        [Table2Field.NormativeDocumentsInForce] = 111,
        [Table2Field.Licensing] = 300,
        [Table2Field.Penalty] = 40,
        [Table2Field.Enforcement] = 3,
        [Table2Field.FeesWanYuan] = 98.5m,
    };

    // Table 四 of the clean report: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计 per block.
    private static readonly decimal[][] CleanTable4 = [[1, 1, 0, 1, 3], [1, 0, 0, 1, 2], [1, 0, 0, 0, 1]];
    private static readonly decimal[][] PreviousTable4 = [[1, 0, 0, 0, 1], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]];

    /// <summary>The clean 2023 report: no rule finds anything in it.</summary>
    public static AnnualReport Clean()
    {
        var report = NewReport(Year, ReportFormat.Format2021, CleanTable2, CleanTable3, CleanTable4);
        AddSections(report, CleanNarrative(Year));
        AddLabels(report);
        return report;
    }

    /// <summary>The clean report's 2022 predecessor: its 四 and 现行有效件数 chain to <see cref="Clean"/>.</summary>
    public static AnnualReport Previous()
    {
        var report = NewReport(Year - 1, ReportFormat.Format2021, PreviousTable2, PreviousTable3, PreviousTable4);
        AddSections(report,
        [
            [
                "2022年，本机关认真贯彻政府信息公开条例，推进政务公开标准化规范化。",
                "（二）依申请公开。2022年共收到政府信息公开申请37件，办结34件，结转下年度继续办理4件。",
                "（三）本年度因政府信息公开被申请行政复议1件，未发生因政府信息公开引起的行政诉讼。",
            ],
            [],
            [],
            [],
            ["一是公开内容不够全面；二是解读形式单一。2023年将进一步完善公开目录，丰富解读形式。"],
            ["本机关2022年度未收取信息处理费。"],
        ]);
        return report;
    }

    /// <summary>
    /// A clean report in the 2019 format (for 2020 by default): table 二 in its 2019 fields with a signed 本年增/减,
    /// table 三 with the single （六）其他处理 row.
    /// </summary>
    public static AnnualReport Clean2019(int year = 2020)
    {
        var table2 = new Dictionary<Table2Field, decimal>();
        foreach (var field in NationalFormat.Table2Fields(ReportFormat.Format2019))
        {
            table2[field] = 4;
        }

        table2[Table2Field.LicensingChange2019] = -8;
        table2[Table2Field.ProcurementAmountWanYuan2019] = 12.75m;
        var table3 = new Dictionary<Table3Row, decimal[]>(CleanTable3)
        {
            [Table3Row.OtherOther] = [2, 0, 0, 0, 0, 1, 3],
        };
        table3.Remove(Table3Row.OtherNoCorrection);
        table3.Remove(Table3Row.OtherUnpaidFee);
        var report = NewReport(year, ReportFormat.Format2019, table2, table3, CleanTable4);
        AddSections(report, CleanNarrative(year));
        return report;
    }

    /// <summary>Where the builder puts a table 二 cell.</summary>
    public static SourceLocation LocationOf(ReportFormat format, Table2Field field)
    {
        var fields = NationalFormat.Table2Fields(format);
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i] == field)
            {
                return SourceLocation.InTable(1, i + 1, 2);
            }
        }

        throw new ArgumentException($"{field} is not a field of {format}.", nameof(field));
    }

    /// <summary>Where the builder puts a table 三 cell.</summary>
    public static SourceLocation LocationOf(Table3Row row, Table3Column column) =>
        SourceLocation.InTable(2, (int)row + 4, (int)column + 3);

    /// <summary>Where the builder puts a table 四 cell.</summary>
    public static SourceLocation LocationOf(Table4Block block, Table4Column column) =>
        SourceLocation.InTable(3, 4, ((int)block * 5) + (int)column + 1);

    /// <summary>The source line of paragraph <paramref name="paragraph"/> (0-based) of a clean section.</summary>
    public static SourceLocation LineOf(SectionKey key, int paragraph) =>
        new(Line: HeadingLines[(int)key] + 2 + (2 * paragraph));

    /// <summary>Replaces a table 三 cell with what a source wrote, keeping the cell's location.</summary>
    public static void Write(this AnnualReport report, Table3Row row, Table3Column column, string raw) =>
        report.Table3[row, column] = Cell.Parse(raw, report.Table3[row, column].Location);

    /// <summary>Replaces a table 二 cell with what a source wrote, keeping the cell's location.</summary>
    public static void Write(this AnnualReport report, Table2Field field, string raw) =>
        report.Table2[field] = Cell.Parse(raw, report.Table2[field].Location);

    /// <summary>Replaces a table 四 cell with what a source wrote, keeping the cell's location.</summary>
    public static void Write(this AnnualReport report, Table4Block block, Table4Column column, string raw) =>
        report.Table4[block, column] = Cell.Parse(raw, report.Table4[block, column].Location);

    /// <summary>Replaces text in one section; fails when the text is not there, so a mutation cannot silently miss.</summary>
    public static void Rewrite(this AnnualReport report, SectionKey key, string oldText, string newText)
    {
        for (var i = 0; i < report.Sections.Count; i++)
        {
            var section = report.Sections[i];
            if (section.Key == key)
            {
                if (!section.Text.Contains(oldText, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Section {key} does not contain '{oldText}'.", nameof(oldText));
                }

                report.Sections[i] = section with { Text = section.Text.Replace(oldText, newText, StringComparison.Ordinal) };
                return;
            }
        }

        throw new ArgumentException($"No section {key}.", nameof(key));
    }

    /// <summary>Replaces a section's whole text (paragraphs laid out like the clean ones).</summary>
    public static void SetText(this AnnualReport report, SectionKey key, params string[] paragraphs)
    {
        for (var i = 0; i < report.Sections.Count; i++)
        {
            if (report.Sections[i].Key == key)
            {
                report.Sections[i] = report.Sections[i] with { Text = Layout(paragraphs) };
                return;
            }
        }

        throw new ArgumentException($"No section {key}.", nameof(key));
    }

    /// <summary>The text of a clean section, paragraph by paragraph, as <see cref="Clean"/> lays it out.</summary>
    public static string[][] CleanNarrative(int year) =>
    [
        [
            $"{year}年，本机关坚持以公开为常态、不公开为例外，全面落实政府信息公开条例。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
            "（一）主动公开。全年通过政府门户网站主动公开政府信息1260条，其中：工作动态860条；通知公告220条；政策文件及解读180条。",
            $"（二）依申请公开。{year}年共收到政府信息公开申请55件，办结55件，结转下年度继续办理4件。",
            "（三）行政复议和行政诉讼。本年度因政府信息公开被申请行政复议3件，被提起行政诉讼3件。",
            "（四）政府信息管理。严格落实公开前保密审查和“三审三校”制度，及时更新政府信息公开指南和目录。",
            "（五）监督保障。将政务公开纳入年度绩效考核，全年组织业务培训2次。",
        ],
        [],
        [],
        [],
        [
            $"一是政策解读形式较为单一；二是部分栏目更新不够及时。{year + 1}年将丰富解读形式，完善信息发布审核机制，确保信息及时准确发布。",
        ],
        [
            $"本机关{year}年度未收取信息处理费。",
            $"{year}年本机关办理人大代表建议12件、政协提案8件，均已按时办结。",
        ],
    ];

    private static AnnualReport NewReport(
        int year,
        ReportFormat format,
        Dictionary<Table2Field, decimal> table2,
        Dictionary<Table3Row, decimal[]> table3,
        decimal[][] table4)
    {
        var report = new AnnualReport
        {
            Title = NationalFormat.Title(Organization, year),
            TitleLocation = SourceLocation.AtLine(1),
            Organization = Organization,
            Year = year,
            Format = format,
        };

        foreach (var field in NationalFormat.Table2Fields(format))
        {
            report.Table2[field] = Cell.Of(table2[field], LocationOf(format, field));
        }

        foreach (var definition in NationalFormat.Table3Rows(format))
        {
            var values = table3.TryGetValue(definition.Row, out var row) ? row : new decimal[Table3.ColumnCount];
            for (var c = 0; c < Table3.ColumnCount; c++)
            {
                report.Table3[definition.Row, (Table3Column)c] = Cell.Of(values[c], LocationOf(definition.Row, (Table3Column)c));
            }
        }

        for (var b = 0; b < Table4.BlockCount; b++)
        {
            for (var c = 0; c < Table4.ColumnCount; c++)
            {
                report.Table4[(Table4Block)b, (Table4Column)c] =
                    Cell.Of(table4[b][c], LocationOf((Table4Block)b, (Table4Column)c));
            }
        }

        return report;
    }

    private static void AddSections(AnnualReport report, string[][] narrative)
    {
        foreach (var definition in NationalFormat.Sections)
        {
            report.Sections.Add(new ReportSection(
                definition.Key,
                definition.Heading,
                Layout(narrative[(int)definition.Key]),
                SourceLocation.AtLine(HeadingLines[(int)definition.Key])));
        }
    }

    // Variants a real report writes that differ from the format only in typography: none of them is a finding.
    private static void AddLabels(AnnualReport report)
    {
        var block1 = NationalFormat.Table2Blocks(ReportFormat.Format2021)[0];
        var fees = NationalFormat.Table2Blocks(ReportFormat.Format2021)[3];
        var rows = NationalFormat.Table3Rows(ReportFormat.Format2021);
        report.Labels.Add(new ObservedLabel(ReportTable.Table2, block1.ColumnLabels[1], block1.ColumnLabels[1], SourceLocation.InTable(1, 1, 3)));
        report.Labels.Add(new ObservedLabel(ReportTable.Table2, fees.ColumnLabels[0], "本年收费金额(单位:万元)", SourceLocation.InTable(1, 9, 2)));
        report.Labels.Add(new ObservedLabel(ReportTable.Table3, rows[(int)Table3Row.Granted].Label, "(一) 予以公开", SourceLocation.InTable(2, 6, 2)));
        report.Labels.Add(new ObservedLabel(
            ReportTable.Table3, rows[(int)Table3Row.PartiallyGranted].Label, "(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)", SourceLocation.InTable(2, 7, 2)));
        report.Labels.Add(new ObservedLabel(ReportTable.Table3, rows[(int)Table3Row.WithheldStateSecret].Label, "1. 属于国家秘密", SourceLocation.InTable(2, 8, 3)));
        report.Labels.Add(new ObservedLabel(
            ReportTable.Table3, rows[(int)Table3Row.WithheldThreeSecurityOneStability].Label, "3、危及\"三安全一稳定\"", SourceLocation.InTable(2, 10, 3)));
        report.Labels.Add(new ObservedLabel(ReportTable.Table4, NationalFormat.Table4ColumnLabels[0], "结果 维持", SourceLocation.InTable(3, 3, 1)));
    }

    private static string Layout(string[] paragraphs) =>
        paragraphs.Length == 0 ? "" : "\n" + string.Join("\n\n", paragraphs);
}

using System.Text;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Parsing;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Tests.AnnualReports.Parsing;

public class ReportRecognizerTests
{
    [Theory]
    [InlineData("000", "获嘉县政务服务和大数据管理局")]
    [InlineData("001", "开封市政务服务和大数据管理局")]
    [InlineData("002", "延津县人民政府办公室")]
    [InlineData("003", "湛河区政务服务和大数据管理局")]
    [InlineData("004", "金水区政务服务办公室")]
    public void Each_sample_gives_its_organisation_year_format_and_all_six_sections(string sample, string organization)
    {
        var result = ReportParser.ParseText(Samples.Text(sample));

        result.Report.Organization.ShouldBe(organization);
        result.Report.Year.ShouldBe(2023);
        result.Report.Format.ShouldBe(ReportFormat.Format2021);
        result.Report.Sections.Select(s => s.Key).ShouldBe(Enum.GetValues<SectionKey>());
        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Sample_001_reads_its_one_application_where_the_leading_cells_were_lost()
    {
        var report = ReportParser.ParseText(Samples.Text("001")).Report;

        report.Table3[Table3Row.NewReceived, Table3Column.NaturalPerson].ShouldBe(Cell.Of(1));
        report.Table3[Table3Row.NewReceived, Table3Column.Total].ShouldBe(Cell.Of(1));
        report.Table3[Table3Row.UnableNotHeld, Table3Column.NaturalPerson].ShouldBe(Cell.Of(1));
        report.Table3[Table3Row.TotalProcessed, Table3Column.NaturalPerson].ShouldBe(Cell.Of(1));
        report.Table3[Table3Row.TotalProcessed, Table3Column.Commercial].ShouldBe(Cell.Of(0));
        report.Table3[Table3Row.TotalProcessed, Table3Column.Total].ShouldBe(Cell.Of(1));
        report.Table3[Table3Row.CarriedForward, Table3Column.Total].ShouldBe(Cell.Of(0));
        // "(七) 总计⇥1⇥0⇥0⇥0⇥0⇥0⇥1⇥⇥" sits one cell to the left of the other rows: the cell still comes from line 74.
        report.Table3[Table3Row.TotalProcessed, Table3Column.NaturalPerson].Location!.Line.ShouldBe(74);
    }

    [Fact]
    public void Sample_002_reads_table_2_with_its_fee_in_wan_yuan()
    {
        var report = ReportParser.ParseText(Samples.Text("002")).Report;

        report.Table2[Table2Field.NormativeDocumentsIssued].ShouldBe(Cell.Of(11));
        report.Table2[Table2Field.NormativeDocumentsInForce].ShouldBe(Cell.Of(119));
        report.Table2[Table2Field.Penalty].ShouldBe(Cell.Of(5));
        report.Table2[Table2Field.FeesWanYuan].ShouldBe(Cell.Of(110.139m));
        report.Table2[Table2Field.FeesWanYuan].Raw.ShouldBe("110.139");
    }

    [Fact]
    public void Sample_000_keeps_the_misspelt_header_as_written_next_to_the_expected_label()
    {
        var report = ReportParser.ParseText(Samples.Text("000")).Report;

        var differing = report.Labels.Where(l => !LabelText.AreEquivalent(l.Actual, l.Expected)).ToList();

        differing.Count.ShouldBe(1);
        differing[0].Table.ShouldBe(ReportTable.Table2);
        differing[0].Expected.ShouldBe("本年废止件数");
        differing[0].Actual.ShouldBe("本年度止件数");
        differing[0].Location.ShouldBe(SourceLocation.AtLine(20, 13));
    }

    [Fact]
    public void Sample_003_keeps_the_text_of_sections_five_and_six()
    {
        var report = ReportParser.ParseText(Samples.Text("003")).Report;

        report.Section(SectionKey.Problems)!.Text.ShouldBe("无");
        report.Section(SectionKey.Other)!.Text.ShouldBe("无");
        report.Section(SectionKey.Problems)!.Location.ShouldBe(SourceLocation.AtLine(82, 1));
    }

    public static TheoryData<string, string> Variants() => new()
    {
        { "001", nameof(OneCellPerLine) },
        { "002", nameof(OneCellPerLine) },
        { "001", nameof(MarkdownPipeTables) },
        { "002", nameof(MarkdownPipeTables) },
        { "001", nameof(FullWidthDigitsAndUnits) },
        { "002", nameof(FullWidthDigitsAndUnits) },
        { "001", nameof(LabelsWrappedOverTwoLines) },
        { "001", nameof(Table3SplitAcrossPages) },
        { "000", nameof(SectionsNumberedWithDigits) },
        { "000", nameof(SectionsNumberedInBrackets) },
        { "004", nameof(SpacesInsideLabels) },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Real_world_variants_of_a_sample_read_as_the_same_report(string sample, string variant)
    {
        var original = ReportParser.ParseText(Samples.Text(sample));
        var transform = typeof(ReportRecognizerTests).GetMethod(variant, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        var text = (string)transform.Invoke(null, [Samples.Text(sample)])!;
        text.ShouldNotBe(Samples.Text(sample), "the variant must change the text");

        var result = ReportParser.ParseText(text);

        result.Findings.Where(f => f.RuleId != RuleCatalogue.FmtHeader).ShouldBeEmpty();
        SameTables(result.Report, original.Report);
        result.Report.Organization.ShouldBe(original.Report.Organization);
        result.Report.Year.ShouldBe(2023);
        result.Report.Sections.Select(s => s.Key).ShouldBe(Enum.GetValues<SectionKey>());
        result.Report.Section(SectionKey.Other)!.Text.ShouldBe(original.Report.Section(SectionKey.Other)!.Text);
    }

    [Fact]
    public void A_2019_format_report_is_recognised_with_its_single_other_disposal_row()
    {
        var text = Samples.Text("001")
            .Replace("本年制发件数\t本年废止件数\t现行有效件数", "本年新制作数量\t本年新公开数量\t对外公开总数量", StringComparison.Ordinal)
            .Replace("行政规范性文件\t", "规范性文件\t", StringComparison.Ordinal);
        var lines = text.Split('\n').ToList();
        var first = lines.FindIndex(l => l.Contains("申请人无正当理由逾期不补正", StringComparison.Ordinal));
        lines[first] = "\t(六) 其他处理\t0\t2\t0\t0\t0\t0\t2";
        lines.RemoveRange(first + 1, 2);
        var result = ReportParser.ParseText(string.Join('\n', lines));

        result.Report.Format.ShouldBe(ReportFormat.Format2019);
        result.Report.Table3[Table3Row.OtherOther, Table3Column.Commercial].ShouldBe(Cell.Of(2));
        result.Report.Table3[Table3Row.OtherNoCorrection, Table3Column.Commercial].ShouldBe(Cell.Missing);
        result.Report.Table2[Table2Field.NormativeDocumentsMade2019].ShouldBe(Cell.Of(0));
        // The 2019 table 二 has rows this 2021 text lacks.
        result.Findings.Select(f => (f.RuleId, f.Message)).ShouldBe(
        [
            (RuleCatalogue.ParseRowMissing, "表二第二十条第（五）项缺少“其他对外管理服务事项”一行，其数字无法读取。"),
            (RuleCatalogue.ParseRowMissing, "表二第二十条第（九）项缺少“政府集中采购”一行，其数字无法读取。"),
        ]);
    }

    [Fact]
    public void A_2019_format_report_copied_one_cell_per_line_keeps_its_other_disposal_row()
    {
        var text = Samples.Text("001")
            .Replace("本年制发件数\t本年废止件数\t现行有效件数", "本年新制作数量\t本年新公开数量\t对外公开总数量", StringComparison.Ordinal)
            .Replace("行政规范性文件\t", "规范性文件\t", StringComparison.Ordinal);
        var lines = text.Split('\n').ToList();
        var first = lines.FindIndex(l => l.Contains("申请人无正当理由逾期不补正", StringComparison.Ordinal));
        lines[first] = "\t(六) 其他处理\t0\t2\t0\t1\t0\t0\t3";
        lines.RemoveRange(first + 1, 2);
        var tabbed = ReportParser.ParseText(string.Join('\n', lines));

        var result = ReportParser.ParseText(OneCellPerLine(string.Join('\n', lines)));

        result.Report.Format.ShouldBe(ReportFormat.Format2019);
        result.Report.Table3[Table3Row.OtherOther, Table3Column.NaturalPerson].ShouldBe(Cell.Of(0));
        result.Report.Table3[Table3Row.OtherOther, Table3Column.Commercial].ShouldBe(Cell.Of(2));
        result.Report.Table3[Table3Row.OtherOther, Table3Column.Research].ShouldBe(Cell.Of(0));
        result.Report.Table3[Table3Row.OtherOther, Table3Column.PublicInterest].ShouldBe(Cell.Of(1));
        result.Report.Table3[Table3Row.OtherOther, Table3Column.Total].ShouldBe(Cell.Of(3));
        result.Report.Table3[Table3Row.OtherNoCorrection, Table3Column.Commercial].ShouldBe(Cell.Missing);
        // Table 二 loses its blank cells in this copy form (the 2021 sample's rows are shorter than 2019's); table 三 is whole.
        result.Findings.Where(f => f.Message.Contains("表三", StringComparison.Ordinal) || f.Cells.Any(c => c.StartsWith("table3.", StringComparison.Ordinal)))
            .ShouldBeEmpty();
        foreach (var row in NationalFormat.Table3Rows(ReportFormat.Format2019))
        {
            foreach (var column in Enum.GetValues<Table3Column>())
            {
                result.Report.Table3[row.Row, column].ShouldBe(tabbed.Report.Table3[row.Row, column], NationalFormat.Describe(ReportFormat.Format2019, row.Row, column));
            }
        }
    }

    [Fact]
    public void An_unnumbered_withheld_group_label_on_its_own_line_is_not_read_as_the_granted_row()
    {
        var original = ReportParser.ParseText(Samples.Text("001"));
        var text = OneCellPerLine(Samples.Text("001").Replace("(三) 不予公开", "不予公开", StringComparison.Ordinal));

        var result = ReportParser.ParseText(text);

        SameTables(result.Report, original.Report);
        result.Findings.ShouldBeEmpty();
        result.Report.Labels.Where(l => l.Actual == "不予公开").Select(l => (l.Table, l.Expected))
            .ShouldBe([(ReportTable.Table3, "（三）不予公开")]);
    }

    [Fact]
    public void A_missing_table_3_row_is_reported_with_its_label_and_cells()
    {
        var text = string.Join('\n', Samples.Text("001").Split('\n').Where(l => !l.Contains("2.重复申请", StringComparison.Ordinal)));

        var result = ReportParser.ParseText(text);

        var finding = result.Findings.ShouldHaveSingleItem();
        finding.RuleId.ShouldBe(RuleCatalogue.ParseRowMissing);
        finding.Message.ShouldContain("2.重复申请");
        finding.Cells.ShouldContain("table3.notProcessed.duplicate.total");
        result.Report.Table3[Table3Row.NotProcessedDuplicate, Table3Column.Total].Kind.ShouldBe(CellKind.Missing);
    }

    [Fact]
    public void A_row_with_too_few_cells_is_read_as_far_as_it_goes_and_reported()
    {
        var text = Samples.Text("001").Replace("一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1\t", "一、本年新收政府信息公开申请数量\t1\t0\t0", StringComparison.Ordinal);

        var result = ReportParser.ParseText(text);

        var finding = result.Findings.ShouldHaveSingleItem();
        finding.RuleId.ShouldBe(RuleCatalogue.ParseRowShape);
        finding.Message.ShouldContain("只有3个单元格");
        result.Report.Table3[Table3Row.NewReceived, Table3Column.Research].ShouldBe(Cell.Of(0));
        result.Report.Table3[Table3Row.NewReceived, Table3Column.PublicInterest].ShouldBe(Cell.Missing);
    }

    [Fact]
    public void A_locally_added_row_is_reported_not_read()
    {
        var text = Samples.Text("001").Replace("(七) 总计\t", "其他主动公开文件\t\t0\t0\t0\t0\t0\t0\t0\t\n(七) 总计\t", StringComparison.Ordinal);

        var result = ReportParser.ParseText(text);

        var finding = result.Findings.ShouldHaveSingleItem();
        finding.RuleId.ShouldBe(RuleCatalogue.FmtExtraRow);
        finding.Message.ShouldContain("其他主动公开文件");
    }

    [Fact]
    public void A_title_without_year_is_reported()
    {
        var text = Samples.Text("002").Replace("延津县人民政府办公室 2023 年政府信息公开工作年度报告", "延津县人民政府办公室政府信息公开工作报告", StringComparison.Ordinal);

        var result = ReportParser.ParseText(text);

        result.Report.Year.ShouldBeNull();
        result.Findings.ShouldHaveSingleItem().RuleId.ShouldBe(RuleCatalogue.ParseTitle);
    }

    [Fact]
    public void Text_without_any_report_table_cannot_be_read()
    {
        var exception = Should.Throw<ReportReadException>(() => ReportParser.ParseText("关于做好政务公开工作的通知\n各单位：请按要求报送材料。"));

        exception.Message.ShouldContain("没有找到国家格式的表二、表三或表四");
    }

    [Fact]
    public void An_empty_text_cannot_be_read()
    {
        Should.Throw<ReportReadException>(() => ReportParser.ParseText("\n \n")).Message.ShouldContain("没有文字内容");
    }

    private static void SameTables(AnnualReport actual, AnnualReport expected)
    {
        foreach (var field in NationalFormat.Table2Fields(expected.Format))
        {
            actual.Table2[field].ShouldBe(expected.Table2[field], NationalFormat.Describe(field));
        }

        foreach (var row in NationalFormat.Table3Rows(expected.Format))
        {
            foreach (var column in Enum.GetValues<Table3Column>())
            {
                actual.Table3[row.Row, column].ShouldBe(expected.Table3[row.Row, column], NationalFormat.Describe(expected.Format, row.Row, column));
            }
        }

        foreach (var block in Enum.GetValues<Table4Block>())
        {
            foreach (var column in Enum.GetValues<Table4Column>())
            {
                actual.Table4[block, column].ShouldBe(expected.Table4[block, column], NationalFormat.Describe(block, column));
            }
        }
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    private static string OneCellPerLine(string text) =>
        string.Join('\n', Lines(text).SelectMany(l => l.Contains('\t', StringComparison.Ordinal) ? l.Split('\t').Where(c => c.Trim().Length > 0) : [l]));

    private static string MarkdownPipeTables(string text)
    {
        var builder = new StringBuilder();
        var inTable = false;
        foreach (var line in Lines(text))
        {
            if (line.Contains('\t', StringComparison.Ordinal))
            {
                var cells = line.Split('\t');
                builder.Append("| ").Append(string.Join(" | ", cells)).AppendLine(" |");
                if (!inTable)
                {
                    builder.Append('|').Append(string.Concat(cells.Select(_ => " --- |"))).AppendLine();
                    inTable = true;
                }

                continue;
            }

            inTable = false;
            var isHeading = NationalFormat.Sections.Any(s => line.Trim().StartsWith(s.Heading, StringComparison.Ordinal));
            builder.AppendLine(isHeading ? "## " + line.Trim() : line);
        }

        return builder.ToString();
    }

    private static string FullWidthDigitsAndUnits(string text) => string.Join('\n', Lines(text).Select(line =>
        !line.Contains('\t', StringComparison.Ordinal)
            ? line
            : string.Join('\t', line.Split('\t').Select(cell => cell.Length > 0 && cell.All(char.IsAsciiDigit)
                ? new string([.. cell.Select(c => (char)(c + 0xFEE0))]) + "件"
                : cell))));

    private static string LabelsWrappedOverTwoLines(string text) => text
        .Replace("\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t", "\t1.申请人无正当理由逾期不补正、\n行政机关不再处理其政府信息公开申请\t", StringComparison.Ordinal)
        .Replace("\t\t4.保护第三方合法权益\t", "\t\t4.保护第三方合法\n权益\t", StringComparison.Ordinal);

    private static string Table3SplitAcrossPages(string text)
    {
        var lines = Lines(text).ToList();
        var split = lines.FindIndex(l => l.Contains("8.属于行政查询事项", StringComparison.Ordinal));
        var header = lines.FindIndex(l => l.Contains("勾稽关系", StringComparison.Ordinal));
        lines.InsertRange(split + 1, ["", "— 3 —", "", .. lines.Skip(header).Take(3)]);
        return string.Join('\n', lines);
    }

    private static string SectionsNumberedWithDigits(string text)
    {
        foreach (var section in NationalFormat.Sections)
        {
            text = text.Replace(section.Heading, section.Number + "." + section.Heading[2..], StringComparison.Ordinal);
        }

        return text;
    }

    private static string SectionsNumberedInBrackets(string text)
    {
        foreach (var section in NationalFormat.Sections)
        {
            text = text.Replace(section.Heading, "（" + section.Heading[..1] + "）" + section.Heading[2..], StringComparison.Ordinal);
        }

        return text;
    }

    private static string SpacesInsideLabels(string text) => text
        .Replace("商业企业", "商业 企业", StringComparison.Ordinal)
        .Replace("社会公益组织", "社会公益 组织", StringComparison.Ordinal)
        .Replace("5.要求行政机关确认或重新出具已获取信息", "5. 要求行政机关确认或 重新出具已获取信息", StringComparison.Ordinal);
}

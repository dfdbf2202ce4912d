using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Parsing;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Tests.AnnualReports.Parsing;

/// <summary>
/// One test per layout class of issue 10, each on the smallest input that shows it. Accuracy on real reports is
/// measured by <see cref="RealReportTests"/>; these pin the behaviour of each piece.
/// </summary>
public class LayoutClassTests
{
    private const string Table3Header = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他";

    private static string Flattened(string table3Rows, string table4 = "000000000000000") =>
        "示例县某局2023年政府信息公开工作年度报告\n" +
        "一、总体情况本年度工作平稳。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件500" +
        "第二十条第（五）项信息内容本年处理决定数量行政许可12第二十条第（六）项信息内容本年处理决定数量行政处罚3行政强制0" +
        "第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0" +
        "三、收到和处理政府信息公开申请情况" + Table3Header + table3Rows +
        "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计" + table4 +
        "五、存在的主要问题及改进情况问题不少。六、其他需要报告的事项本年度未收取信息处理费。";

    private static string Rows(params (string Label, string Digits)[] rows) => string.Concat(rows.Select(r => r.Label + r.Digits));

    private static readonly (string, string)[] ZeroRows =
    [
        ("二、上年结转政府信息公开申请数量", "0000000"), ("三、本年度办理结果（一）予以公开", "0000000"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "0000000"), ("（三）不予公开1.属于国家秘密", "0000000"),
        ("2.其他法律行政法规禁止公开", "0000000"), ("3.危及“三安全一稳定”", "0000000"), ("4.保护第三方合法权益", "0000000"),
        ("5.属于三类内部事务信息", "0000000"), ("6.属于四类过程性信息", "0000000"), ("7.属于行政执法案卷", "0000000"),
        ("8.属于行政查询事项", "0000000"), ("（四）无法提供1.本机关不掌握相关政府信息", "0000000"), ("2.没有现成信息需要另行制作", "0000000"),
        ("3.补正后申请内容仍不明确", "0000000"), ("（五）不予处理1.信访举报投诉类申请", "0000000"), ("2.重复申请", "0000000"),
        ("3.要求提供公开出版物", "0000000"), ("4.无正当理由大量反复申请", "0000000"), ("5.要求行政机关确认或重新出具已获取信息", "0000000"),
        ("（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "0000000"),
        ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "0000000"),
    ];

    [Fact]
    public void A_flattened_row_is_parted_where_its_total_is_the_sum_of_its_six_columns()
    {
        // 217 1 0 0 0 0 218: the only split of these digits whose last number is the sum of the six before it.
        var text = Flattened(Rows([("一、本年新收政府信息公开申请数量", "21710000218"), .. ZeroRows,
            ("3.其他", "21710000218"), ("（七）总计", "21710000218"), ("四、结转下年度继续办理", "0000000")]));

        var result = ReportParser.ParseText(text);
        var table3 = result.Report.Table3;

        table3[Table3Row.NewReceived, Table3Column.NaturalPerson].ShouldBe(Cell.Of(217));
        table3[Table3Row.NewReceived, Table3Column.Commercial].ShouldBe(Cell.Of(1));
        table3[Table3Row.NewReceived, Table3Column.Total].ShouldBe(Cell.Of(218));
        table3[Table3Row.NewReceived, Table3Column.Total].Reading.ShouldBe(CellReading.Split);
        table3[Table3Row.NewReceived, Table3Column.Total].Raw.ShouldBe("218");
        result.Findings.ShouldNotContain(f => f.RuleId == RuleCatalogue.ReadDigits);
        ReportCheck.Findings(result).ShouldNotContain(f => f.Severity == Severity.Error);
    }

    [Fact]
    public void Mixed_spacing_parts_only_the_runs_that_ran_together()
    {
        // "20 0 0 0 02": the first run is one number, the last two are 0 and 2 and the sum decides 20 … 2 is wrong.
        var text = Flattened(Rows([("一、本年新收政府信息公开申请数量", "2 0 0 0 0 02"), .. ZeroRows,
            ("3.其他", "2000002"), ("（七）总计", "2000002"), ("四、结转下年度继续办理", "0000000")]));

        var table3 = ReportParser.ParseText(text).Report.Table3;

        Enumerable.Range(0, 7).Select(c => table3[Table3Row.NewReceived, (Table3Column)c].Value).ShouldBe([2m, 0m, 0m, 0m, 0m, 0m, 2m]);
    }

    [Fact]
    public void Digits_that_part_several_ways_are_a_review_finding_with_the_candidates_and_no_error()
    {
        // 2 20 0 0 0 3 25 and 22 0 0 0 0 3 25 both sum; the other rows do not settle it (the outcome rows are all
        // zero but this one and 总计 repeats the same digits).
        var text = Flattened(Rows([("一、本年新收政府信息公开申请数量", "220000325"), .. ZeroRows,
            ("3.其他", "220000325"), ("（七）总计", "220000325"), ("四、结转下年度继续办理", "0000000")]));

        var result = ReportParser.ParseText(text);
        var findings = ReportCheck.Findings(result);

        var review = findings.Where(f => f.RuleId == RuleCatalogue.ReadDigits).ToList();
        review.ShouldNotBeEmpty();
        review.ShouldAllBe(f => f.Severity == Severity.Review);
        review[0].Message.ShouldContain("2 20 0 0 0 3 25");
        review[0].Message.ShouldContain("22 0 0 0 0 3 25");
        result.Report.Table3[Table3Row.NewReceived, Table3Column.Total].IsCertain.ShouldBeFalse();
        findings.ShouldNotContain(f => f.Severity == Severity.Error);
    }

    [Fact]
    public void Table_4_digits_are_parted_block_by_block()
    {
        // 1 0 2 0 3 | 12 0 0 0 12 | 0 0 0 0 0 — the only reading where every block's total sums its four parts.
        var text = Flattened(Rows([("一、本年新收政府信息公开申请数量", "0000000"), .. ZeroRows,
            ("3.其他", "0000000"), ("（七）总计", "0000000"), ("四、结转下年度继续办理", "0000000")]), "10203120001200000");

        var table4 = ReportParser.ParseText(text).Report.Table4;

        table4[Table4Block.Reconsideration, Table4Column.Total].ShouldBe(Cell.Of(3));
        table4[Table4Block.LitigationDirect, Table4Column.Upheld].ShouldBe(Cell.Of(12));
        table4[Table4Block.LitigationDirect, Table4Column.Total].ShouldBe(Cell.Of(12));
        table4[Table4Block.LitigationAfterReconsideration, Table4Column.Total].ShouldBe(Cell.Of(0));
    }

    [Fact]
    public void The_row_number_that_follows_a_run_starts_the_next_row()
    {
        // "…00000002.其他法律…": the 2 numbers the next row, it is not a digit of this one.
        var text = Flattened(Rows([("一、本年新收政府信息公开申请数量", "0000000"), .. ZeroRows,
            ("3.其他", "0000000"), ("（七）总计", "0000000"), ("四、结转下年度继续办理", "0000000")]));

        var result = ReportParser.ParseText(text);

        result.Report.Table3[Table3Row.WithheldStateSecret, Table3Column.Total].ShouldBe(Cell.Of(0));
        result.Report.Table3[Table3Row.WithheldProhibitedByLaw, Table3Column.Total].ShouldBe(Cell.Of(0));
        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Markdown_headings_that_repeat_a_row_label_are_not_a_second_row()
    {
        var text = """
            # 示例县某局2023年政府信息公开工作年度报告
            ## 三、收到和处理政府信息公开申请情况
            ### 一、本年新收政府信息公开申请数量
            | 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |
            |---|---|---|---|---|---|---|---|
            | 本年新收政府信息公开申请数量 | 705 | 3 | 0 | 0 | 5 | 0 | 713 |
            """;

        var result = ReportParser.ParseText(text);

        result.Report.Table3[Table3Row.NewReceived, Table3Column.NaturalPerson].ShouldBe(Cell.Of(705));
        result.Report.Table3[Table3Row.NewReceived, Table3Column.Total].ShouldBe(Cell.Of(713));
        result.Findings.ShouldNotContain(f => f.Message.Contains("不止一次", StringComparison.Ordinal));
    }

    [Fact]
    public void Table_4_printed_as_three_small_tables_is_read_block_by_block()
    {
        var text = """
            # 示例县某局2023年政府信息公开工作年度报告
            ## 四、政府信息公开行政复议、行政诉讼情况
            ### 行政复议
            | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
            |---|---|---|---|---|
            | 27 | 10 | 9 | 15 | 61 |
            ### 行政诉讼（未经复议直接起诉）
            | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
            |---|---|---|---|---|
            | 3 | 0 | 0 | 0 | 3 |
            ### 行政诉讼（复议后起诉）
            | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
            |---|---|---|---|---|
            | 8 | 0 | 1 | 1 | 10 |
            """;

        var table4 = ReportParser.ParseText(text).Report.Table4;

        table4[Table4Block.Reconsideration, Table4Column.Total].ShouldBe(Cell.Of(61));
        table4[Table4Block.LitigationDirect, Table4Column.Upheld].ShouldBe(Cell.Of(3));
        table4[Table4Block.LitigationAfterReconsideration, Table4Column.Other].ShouldBe(Cell.Of(1));
        table4[Table4Block.LitigationAfterReconsideration, Table4Column.Total].ShouldBe(Cell.Of(10));
    }

    [Fact]
    public void Rows_of_numbers_without_their_labels_take_the_rows_of_the_format_that_have_no_numbers_in_order()
    {
        // A PDF-to-Markdown conversion: the labels of （二） and 2. stand apart; their numbers keep the table's order.
        var text = """
            # 示例县某局2023年政府信息公开工作年度报告
            ## 三、收到和处理政府信息公开申请情况
            | 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
            | 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            | （一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
            | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
            （二）部分公开（区分处理的，只
            计这一情形，不计其他情形）
            | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            """;

        var result = ReportParser.ParseText(text);
        var partial = result.Report.Table3[Table3Row.PartiallyGranted, Table3Column.NaturalPerson];

        partial.ShouldBe(Cell.Of(2));
        partial.Reading.ShouldBe(CellReading.Inferred);
        result.Report.Table3[Table3Row.WithheldStateSecret, Table3Column.Total].ShouldBe(Cell.Of(0));
    }

    [Fact]
    public void A_2021_table_printing_other_disposal_as_one_row_keeps_its_numbers_and_reports_the_format_defect()
    {
        var rows = ZeroRows.Take(ZeroRows.Length - 2).Append(("（六）其他处理", "1000001"));
        var text = Flattened(Rows([("一、本年新收政府信息公开申请数量", "1000001"), .. rows,
            ("（七）总计", "1000001"), ("四、结转下年度继续办理", "0000000")]));

        var result = ReportParser.ParseText(text);
        var findings = ReportCheck.Findings(result);

        result.Report.Format.ShouldBe(ReportFormat.Format2021);
        result.Report.Table3[Table3Row.OtherOther, Table3Column.Total].ShouldBe(Cell.Of(1));
        findings.Count(f => f.RuleId == RuleCatalogue.FmtRowMerged).ShouldBe(1);
        findings.ShouldNotContain(f => f.RuleId == RuleCatalogue.ParseRowMissing);
    }

    [Fact]
    public void A_renumbered_section_is_known_by_its_words_and_its_table_is_read()
    {
        // The report merged two sections: review and litigation is numbered 三、.
        var text = """
            示例县某局2023年政府信息公开工作年度报告
            一、总体情况
            本年度工作平稳。
            二、收到和处理政府信息公开申请情况
            一、本年新收政府信息公开申请数量	0	0	0	0	0	0	0
            三、政府信息公开行政复议、行政诉讼情况
            行政复议	行政诉讼
            结果维持	结果纠正	其他结果	尚未审结	总计	未经复议直接起诉	复议后起诉
            1	0	0	0	1	0	0	0	0	0	0	0	0	0	0
            """;

        var report = ReportParser.ParseText(text).Report;

        report.Sections.Select(s => s.Key).ShouldContain(SectionKey.ReviewAndLitigation);
        report.Table4[Table4Block.Reconsideration, Table4Column.Upheld].ShouldBe(Cell.Of(1));
    }

    [Fact]
    public void The_2019_word_for_normative_documents_is_the_same_row_in_a_2021_table()
    {
        var text = """
            示例县某局2023年政府信息公开工作年度报告
            二、主动公开政府信息情况
            第二十条第（一）项
            信息内容	本年制发件数	本年废止件数	现行有效件数
            规章	0	0	0
            规范性文件	5	1	20
            """;

        var result = ReportParser.ParseText(text);

        result.Report.Format.ShouldBe(ReportFormat.Format2021);
        result.Report.Table2[Table2Field.NormativeDocumentsInForce].ShouldBe(Cell.Of(20));
        result.Findings.ShouldNotContain(f => f.RuleId == RuleCatalogue.ParseRowMissing && f.Message.Contains("规范性文件", StringComparison.Ordinal));
    }

    [Fact]
    public void The_organisation_comes_from_the_title_not_from_a_sentence_that_names_the_report()
    {
        var text = """
            标题: 示例市某某局2024年政府信息公开工作年度报告
            当前位置： 首页政务公开政府信息公开年报 示例市某某局2024年政府信息公开工作年度报告 来源：示例市
            根据《条例》要求，现向社会公布示例市某某局2024年政府信息公开工作年度报告。本报告统计期限从2024年1月1日起。
            一、总体情况
            """;

        var report = ReportParser.ParseText(text + "\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0").Report;

        report.Organization.ShouldBe("示例市某某局");
        report.Year.ShouldBe(2024);
    }

    /// <summary>
    /// The start of the 汉阳区人民政府办公室 2022 report as a web crawler stored it (pages corpus,
    /// https://www.hanyang.gov.cn/bmxxgk/zfgzjg/qrmzfbgs/zfxxgkndbg/202301/t20230119_2136694.shtml): one cell per line
    /// with " |" after it, a lone "|" opening each row.
    /// </summary>
    [Fact]
    public void Cells_crawled_one_per_line_with_pipes_are_joined_into_rows()
    {
        var text = """
            根据《中华人民共和国政府信息公开条例》和政府信息公开工作的有关要求，现将我办2022年度政府信息公开情况报告如下：
            一、总体情况
            2022年，区政府办公室认真贯彻执行《中华人民共和国政府信息公开条例》。
            二、主动公开政府信息情况
            |
            第二十条第(一)项 | |||
            |
            信息内容 |
            本年制发件数 |
            本年废止件数 |
            现行有效件数 (历史累计) |
            |
            规章 |
            0 |
            0 |
            |
            |
            行政规范性文件 |
            5 |
            12 |
            8 |
            |
            第二十条第(五)项 | |||
            |
            信息内容 |
            本年处理决定数量 | ||
            |
            行政许可 |
            0 | ||
            |
            第二十条第(六)项 | |||
            |
            信息内容 |
            本年处理决定数量 | ||
            |
            行政处罚 |
            0 | ||
            |
            行政强制 |
            0 | ||
            |
            第二十条第(八)项 | |||
            |
            信息内容 |
            本年收费金额(单位:万元) | ||
            |
            行政事业性收费 |
            0 | ||
            三、收到和处理政府信息公开申请情况
            2022年，区政府办公室共收到8份政府信息公开申请，均为自然人申请。
            |
            (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) |
            申请人情况 | |||||||||||||||
            |
            自然人 |
            法人或其他组织 |
            总计 | ||||||||||||||
            |
            一、本年新收政府信息公开申请数量 |
            8 |
            0 |
            0 |
            0 |
            0 |
            0 |
            8 | |||||||||
            """;

        var report = ReportParser.ParseText(text).Report;

        report.Table2[Table2Field.RegulationsIssued].ShouldBe(Cell.Of(0));
        report.Table2[Table2Field.RegulationsInForce].HasNumber.ShouldBeFalse();
        report.Table2[Table2Field.NormativeDocumentsIssued].ShouldBe(Cell.Of(5));
        report.Table2[Table2Field.NormativeDocumentsRepealed].ShouldBe(Cell.Of(12));
        report.Table2[Table2Field.NormativeDocumentsInForce].ShouldBe(Cell.Of(8));
        report.Table2[Table2Field.Licensing].ShouldBe(Cell.Of(0));
        report.Table2[Table2Field.Enforcement].ShouldBe(Cell.Of(0));
        report.Table3[Table3Row.NewReceived, Table3Column.NaturalPerson].ShouldBe(Cell.Of(8));
        report.Table3[Table3Row.NewReceived, Table3Column.Total].ShouldBe(Cell.Of(8));
    }

    [Fact]
    public void An_empty_2019_other_disposal_row_in_a_table_is_the_2019_row_not_the_2021_group_label()
    {
        var html = """
            <html><body><h1>示例县某局2020年政府信息公开工作年度报告</h1>
            <p>二、主动公开政府信息情况</p>
            <table><tr><td colspan="4">第二十条第（一）项</td></tr>
            <tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>
            <tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr><tr><td>规范性文件</td><td>1</td><td>1</td><td>9</td></tr></table>
            <p>三、收到和处理政府信息公开申请情况</p>
            <table>
            <tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
            <tr><td colspan="2">（六）其他处理</td><td></td><td>&nbsp;</td><td></td><td></td><td></td><td></td><td></td><td></td></tr>
            <tr><td colspan="2">（七）总计</td><td></td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
            </table></body></html>
            """;

        var result = ReportParser.ParseDocument(HtmlSource.Read(html));

        result.Report.Format.ShouldBe(ReportFormat.Format2019);
        result.Report.Table3[Table3Row.OtherOther, Table3Column.NaturalPerson].Kind.ShouldBe(CellKind.Blank);
        result.Findings.ShouldNotContain(f => f.RuleId == RuleCatalogue.ParseRowMissing && f.Message.Contains("（六）其他处理", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("- 2 -")]
    [InlineData("— 2 —")]
    [InlineData("第 2 页")]
    [InlineData("第2页 共3页")]
    [InlineData("2 / 3")]
    [InlineData("2")]
    public void Page_numbers_between_the_rows_of_a_table_and_before_table_4s_numbers_are_not_cells(string footer)
    {
        foreach (var sample in Samples.Names)
        {
            var text = Samples.Text(sample);
            var lines = text.Split('\n').ToList();
            var partly = lines.FindIndex(l => l.Contains("部分公开", StringComparison.Ordinal) && l.Contains('\t', StringComparison.Ordinal));
            var table4Numbers = lines.FindIndex(lines.FindIndex(l => l.Contains("复议后起诉", StringComparison.Ordinal)) + 1,
                l => l.Length > 0 && l.Split('\t').All(c => c.Trim().Length == 0 || decimal.TryParse(c, out _)));
            partly.ShouldBeGreaterThan(0, sample);
            table4Numbers.ShouldBeGreaterThan(0, sample);
            lines.Insert(table4Numbers, footer);
            lines.Insert(partly + 1, "");
            lines.Insert(partly + 2, footer);
            lines.Insert(partly + 3, "");

            var plain = ReportParser.ParseText(text);
            var paged = ReportParser.ParseText(string.Join('\n', lines));

            ValuesAndText(paged.Report).ShouldBe(ValuesAndText(plain.Report), sample);
            paged.Findings.Select(f => f.RuleId).ShouldBe(plain.Findings.Select(f => f.RuleId), sample);
        }
    }

    /// <summary>The report's JSON form without where each cell was read (line numbers move when lines are added), one line per entry.</summary>
    internal static string[] ValuesAndText(AnnualReport report)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(Gongkai.AnnualReports.Json.ReportJson.Serialize(report))!.AsObject();
        json.Remove("cells");
        return json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Split('\n');
    }
}

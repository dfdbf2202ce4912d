using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Tests.AnnualReports.Validation;

public class TextTableRuleTests
{
    // The clean overview's paragraph 2 and 3 (0-based), on lines 9 and 11.
    private const string ApplicationsSentence = "2023年共收到政府信息公开申请55件，办结55件，结转下年度继续办理4件。";
    private const string ReviewSentence = "本年度因政府信息公开被申请行政复议3件，被提起行政诉讼3件。";

    private static readonly SourceLocation ApplicationsLine = new(Line: 9);
    private static readonly SourceLocation ReviewLine = new(Line: 11);

    [Fact]
    public void Received_applications_stated_in_the_text_must_match_table_three()
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, "申请55件", "申请56件");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.TextTableMismatch);
        finding.Severity.ShouldBe(Severity.Warning);
        finding.Message.ShouldBe("正文“收到政府信息公开申请56件”（56 件）与表三「一、本年新收政府信息公开申请数量」总计 55 不一致。请核对正文或表格。");
        finding.Expected.ShouldBe("55");
        finding.Actual.ShouldBe("56");
        finding.Cells.ShouldBe(["table3.newReceived.total"]);
        finding.Location.ShouldBe(ApplicationsLine);
        ValidationReports.LineOf(SectionKey.Overview, 2).ShouldBe(ApplicationsLine);
    }

    [Theory]
    [InlineData("2023年收到依申请公开件数54件，办结55件，结转下年度继续办理4件。")]
    [InlineData("2023年全年依申请公开申请数为54件，办结55件，结转下年度继续办理4件。")]
    [InlineData("2023年本年新收政府信息公开申请54件，办结55件，结转下年度继续办理4件。")]
    [InlineData("2023年共受理政府信息公开申请五十四件，办结55件，结转下年度继续办理4件。")]
    [InlineData("2023 年共收到政府信息公开申请 54 件，办结 55 件，结转下年度继续办理 4 件。")]
    public void Received_applications_are_read_in_the_common_phrasings(string sentence)
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, ApplicationsSentence, sentence);

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.TextTableMismatch);
        finding.Expected.ShouldBe("55");
        finding.Actual.ShouldBe("54");
        finding.Cells.ShouldBe(["table3.newReceived.total"]);
    }

    [Fact]
    public void Saying_no_applications_were_received_is_a_count_of_zero()
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, ApplicationsSentence, "2023年我局未收到政府信息公开的申请。");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.TextTableMismatch);
        finding.Message.ShouldBe("正文“未收到政府信息公开的申请”（0 件）与表三「一、本年新收政府信息公开申请数量」总计 55 不一致。请核对正文或表格。");
        finding.Expected.ShouldBe("55");
        finding.Actual.ShouldBe("0");
        finding.Location.ShouldBe(ApplicationsLine);
    }

    [Fact]
    public void A_received_count_that_includes_the_carried_over_applications_is_accepted()
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, ApplicationsSentence, "2023年共收到政府信息公开申请59件（含上年结转4件），办结55件。");

        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    [Fact]
    public void Concluded_applications_must_match_the_processed_total()
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, "办结55件", "办结54件");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.TextTableMismatch);
        finding.Message.ShouldBe("正文“办结54件”（54 件）与表三「（七）总计」总计 55 不一致。请核对正文或表格。");
        finding.Expected.ShouldBe("55");
        finding.Actual.ShouldBe("54");
        finding.Cells.ShouldBe(["table3.totalProcessed.total"]);
        finding.Location.ShouldBe(ApplicationsLine);
    }

    [Fact]
    public void All_answered_while_applications_are_carried_forward_is_a_mismatch()
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, ApplicationsSentence, "2023年共收到政府信息公开申请55件，均已全部回复。");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.TextTableMismatch);
        finding.Message.ShouldBe(
            "正文称申请“2023年共收到政府信息公开申请55件,均已全部回复”，但表三「四、结转下年度继续办理」总计为 4，仍有申请结转下年度办理。请核对正文或表格。");
        finding.Expected.ShouldBe("4");
        finding.Actual.ShouldBe("0");
        finding.Cells.ShouldBe(["table3.carriedForward.total"]);
        finding.Location.ShouldBe(ApplicationsLine);
    }

    [Fact]
    public void All_concluded_about_something_other_than_applications_is_not_read()
    {
        var report = ValidationReports.Clean();
        ValidationReports.Clean().Section(SectionKey.Other)!.Text.ShouldContain("均已按时办结");

        report.Rewrite(SectionKey.Other, "均已按时办结", "均已全部办结");

        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("结转下年度继续办理4件", "结转下年度继续办理3件", "结转下年度继续办理3件")]
    [InlineData("结转下年度继续办理4件", "其余3件结转下一年度办理", "3件结转下一年")]
    public void Applications_carried_forward_must_match_row_four(string old, string replacement, string statement)
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, old, replacement);

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.TextTableMismatch);
        finding.Message.ShouldBe($"正文“{statement}”（3 件）与表三「四、结转下年度继续办理」总计 4 不一致。请核对正文或表格。");
        finding.Expected.ShouldBe("4");
        finding.Actual.ShouldBe("3");
        finding.Cells.ShouldBe(["table3.carriedForward.total"]);
    }

    [Theory]
    [InlineData("上年结转4件，办结55件", false)]
    [InlineData("上年结转5件，办结55件", true)]
    [InlineData("上年度结转的申请5件，办结55件", true)]
    public void Applications_carried_over_must_match_row_two(string replacement, bool mismatch)
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, "办结55件", replacement);

        var findings = ReportValidator.Validate(report);

        if (!mismatch)
        {
            findings.ShouldBeEmpty();
            return;
        }

        var finding = findings.ShouldHaveSingleItem();
        finding.RuleId.ShouldBe(RuleCatalogue.TextTableMismatch);
        finding.Expected.ShouldBe("4");
        finding.Actual.ShouldBe("5");
        finding.Cells.ShouldBe(["table3.carriedOver.total"]);
        finding.Message.ShouldEndWith("与表三「二、上年结转政府信息公开申请数量」总计 4 不一致。请核对正文或表格。");
    }

    [Fact]
    public void Reconsideration_cases_must_match_table_four()
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, "行政复议3件", "行政复议2件");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.TextTableMismatch);
        finding.Message.ShouldBe("正文“行政复议2件”（2 件）与表四「行政复议」总计 3 不一致。请核对正文或表格。");
        finding.Expected.ShouldBe("3");
        finding.Actual.ShouldBe("2");
        finding.Cells.ShouldBe(["table4.reconsideration.total"]);
        finding.Location.ShouldBe(ReviewLine);
    }

    [Fact]
    public void Litigation_cases_are_both_kinds_of_suit_and_may_be_written_in_chinese_numerals()
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, "行政诉讼3件", "行政诉讼两件");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.TextTableMismatch);
        finding.Message.ShouldBe(
            "正文“行政诉讼两件”（2 件）与表四「未经复议直接起诉」总计 2 与「复议后起诉」总计 1 之和 3 不一致。请核对正文或表格。");
        finding.Expected.ShouldBe("3");
        finding.Actual.ShouldBe("2");
        finding.Cells.ShouldBe(["table4.litigationDirect.total", "table4.litigationAfterReconsideration.total"]);
        finding.Location.ShouldBe(ReviewLine);
    }

    [Fact]
    public void Saying_no_reconsideration_or_litigation_happened_is_zero_for_both()
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, ReviewSentence, "本年度未发生因政府信息公开申请引起的行政复议、行政诉讼。");

        var findings = ReportValidator.Validate(report);

        findings.Select(f => (f.RuleId, f.Expected, f.Actual, f.Cells[0])).ShouldBe(
        [
            (RuleCatalogue.TextTableMismatch, "3", "0", "table4.reconsideration.total"),
            (RuleCatalogue.TextTableMismatch, "3", "0", "table4.litigationDirect.total"),
        ]);
        findings[0].Message.ShouldBe(
            "正文“未发生因政府信息公开申请引起的行政复议、行政诉讼”（0 件）与表四「行政复议」总计 3 不一致。请核对正文或表格。");
        findings.ShouldAllBe(f => f.Location == ReviewLine);
    }

    [Theory]
    [InlineData("其中当场答复10件。")]
    [InlineData("其中通过网络收到申请30件。")]
    [InlineData("行政复议纠错1件。")]
    [InlineData("行政复议结果维持1件。")]
    [InlineData("直接提起行政诉讼2件。")]
    [InlineData("经行政复议后提起行政诉讼1件。")]
    [InlineData("行政复议和行政诉讼共6件。")]
    [InlineData("未出现行政复议被纠错的情况。")]
    [InlineData("办理人大代表建议12件，答复群众留言58件。")]
    [InlineData("2022年共收到政府信息公开申请37件，办结34件。")]
    [InlineData("较去年收到申请增加18件。")]
    [InlineData("收到信访举报申请9件。")]
    [InlineData("申请按时答复率100%。")]
    public void Partial_counts_other_procedures_and_other_years_are_not_compared(string sentence)
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, ReviewSentence, ReviewSentence + sentence);

        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("上年结转的申请已全部办结。")]
    [InlineData("上年度结转的4件申请均已办结。")]
    [InlineData("对逾期未收到补正材料的申请，不再处理。")]
    [InlineData("因未收到申请人的补正材料，终止办理1件。")]
    [InlineData("截至报告期末，尚未收到复议决定。")]
    [InlineData("尚未收到行政诉讼一审判决。")]
    [InlineData("未收到复议决定书前，该案件暂不统计。")]
    public void Statements_about_something_else_than_the_years_totals_are_not_read_as_counts(string sentence)
    {
        var report = ValidationReports.Clean();
        report.SetText(SectionKey.Other, "本年度未收取信息处理费。", sentence);

        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("本年度未收到政府信息公开申请。", "55", "table3.newReceived.total")]
    [InlineData("本年度未发生行政复议。", "3", "table4.reconsideration.total")]
    [InlineData("本年度没有收到行政诉讼。", "3", "table4.litigationDirect.total")]
    [InlineData("本年度尚未发生因不予公开决定引起的行政复议。", "3", "table4.reconsideration.total")]
    [InlineData("截至目前尚未收到公民、法人或其他组织提出的政府信息公开申请。", "55", "table3.newReceived.total")]
    [InlineData("上年结转和本年新收的申请均已全部办结。", "4", "table3.carriedForward.total")]
    public void Statements_of_none_and_all_concluded_are_still_read(string sentence, string expected, string cell)
    {
        var report = ValidationReports.Clean();
        report.SetText(SectionKey.Other, "本年度未收取信息处理费。", sentence);

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.TextTableMismatch);
        finding.Expected.ShouldBe(expected);
        finding.Actual.ShouldBe("0");
        finding.Cells[0].ShouldBe(cell);
    }

    [Fact]
    public void Statements_in_any_section_are_read()
    {
        var report = ValidationReports.Clean();
        report.SetText(SectionKey.Other, "本年度未收到政府信息依申请公开件，未收取信息处理费。");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.TextTableMismatch);
        finding.Actual.ShouldBe("0");
        finding.Location.ShouldBe(ValidationReports.LineOf(SectionKey.Other, 0));
    }

    [Fact]
    public void A_section_without_a_line_number_locates_its_statements_at_the_section()
    {
        var report = ValidationReports.Clean();
        var location = new SourceLocation(Page: 2);
        report.Sections[0] = report.Sections[0] with { Location = location };
        report.Rewrite(SectionKey.Overview, "行政复议3件", "行政复议2件");

        ReportValidator.Validate(report).ShouldHaveSingleItem().Location.ShouldBe(location);
    }

    [Fact]
    public void A_table_cell_without_a_number_is_not_compared()
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, "申请55件", "申请56件");
        report.Write(Table3Row.NewReceived, Table3Column.Total, "/");

        ReportValidator.Validate(report).Select(f => f.RuleId).ShouldBe([RuleCatalogue.CellBlank]);
    }
}

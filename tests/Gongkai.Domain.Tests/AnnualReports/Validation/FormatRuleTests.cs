using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Tests.AnnualReports.Validation;

public class FormatRuleTests
{
    [Fact]
    public void A_misspelt_table_label_is_one_header_finding()
    {
        var report = ValidationReports.Clean();
        report.Labels[0] = report.Labels[0] with { Actual = "本年度止件数" };

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.FmtHeader);
        finding.Severity.ShouldBe(Severity.Warning);
        finding.Message.ShouldBe("表二中的「本年度止件数」与国家格式「本年废止件数」不一致。请按国办公开办函〔2021〕30号格式改正。");
        finding.Expected.ShouldBe("本年废止件数");
        finding.Actual.ShouldBe("本年度止件数");
        finding.Location.ShouldBe(SourceLocation.InTable(1, 1, 3));
        finding.Cells.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("（一）予以公开", "(一) 予以公开")]
    [InlineData("1.属于国家秘密", "1. 属于国家秘密")]
    [InlineData("1.属于国家秘密", "1、属于国家秘密")]
    [InlineData("1.属于国家秘密", "1．属于国家秘密")]
    [InlineData("结果维持", "结果 维持")]
    [InlineData("结果维持", "结果\u3000维持")]
    [InlineData("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)")]
    [InlineData("3.危及“三安全一稳定”", "3.危及\"三安全一稳定\"")]
    [InlineData("3.危及“三安全一稳定”", "3.危及‘三安全一稳定’")]
    [InlineData("本年收费金额（单位：万元）", "本年收费金额(单位:万元)")]
    [InlineData("一、总体情况", "一.总体情况")]
    [InlineData("一、总体情况", "一．总体情况")]
    [InlineData("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议，行政诉讼情况")]
    [InlineData("（一）予以公开", "**（一）予以公开**")]
    [InlineData("（一）予以公开", "（一）予以公开：")]
    [InlineData("（一）予以公开", "（一）予以公开。")]
    [InlineData("（一）予以公开", "`（一）予以公开；`")]
    [InlineData("一、总体情况", "## 一、总体情况")]
    [InlineData("3.危及“三安全一稳定”", "3.危及「三安全一稳定」")]
    [InlineData("本年收费金额（单位：万元）", "本年收费金额（单位：万元）：")]
    public void Typographic_variants_are_the_same_label(string expected, string actual)
    {
        LabelText.AreEquivalent(actual, expected).ShouldBeTrue();
    }

    [Theory]
    [InlineData("本年废止件数", "本年度止件数")]
    [InlineData("本年废止件数", "本年废止数")]
    [InlineData("1.属于国家秘密", "属于国家秘密")]
    [InlineData("1.属于国家秘密", "2.属于国家秘密")]
    [InlineData("结果维持", "结果维持数")]
    [InlineData("结果维持", "")]
    [InlineData("1.属于国家秘密", "1,属于国家秘密")]
    [InlineData("（一）予以公开", "（一）予以：公开")]
    [InlineData("（一）予以公开", "（一）予以公开：1")]
    [InlineData("本年收费金额（单位：万元）", "本年收费金额（单位万元）")]
    [InlineData("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议.行政诉讼情况")]
    public void Changed_words_are_a_different_label(string expected, string actual)
    {
        LabelText.AreEquivalent(actual, expected).ShouldBeFalse();
    }

    [Fact]
    public void Tolerant_labels_in_the_clean_report_do_not_fire()
    {
        var report = ValidationReports.Clean();
        report.Labels.Count.ShouldBe(7);
        report.Labels.ShouldContain(l => l.Actual == "(一) 予以公开");

        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    [Fact]
    public void Labels_copied_with_markdown_marks_or_a_closing_colon_do_not_fire()
    {
        var report = ValidationReports.Clean();
        report.Labels[2].Actual.ShouldBe("(一) 予以公开");
        report.Labels[2] = report.Labels[2] with { Actual = "**（一）予以公开**" };
        report.Labels[0] = report.Labels[0] with { Actual = report.Labels[0].Expected + "：" };
        report.Sections[0] = report.Sections[0] with { Heading = "## 一、总体情况" };

        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    [Fact]
    public void A_changed_section_heading_is_a_header_finding_at_the_heading()
    {
        var report = ValidationReports.Clean();
        report.Sections[0] = report.Sections[0] with { Heading = "一、总体概况" };

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.FmtHeader);
        finding.Message.ShouldBe("第一部分的标题「一、总体概况」与国家格式「一、总体情况」不一致。请按国办公开办函〔2021〕30号格式改正。");
        finding.Expected.ShouldBe("一、总体情况");
        finding.Actual.ShouldBe("一、总体概况");
        finding.Location.ShouldBe(SourceLocation.AtLine(3));
    }

    [Fact]
    public void A_heading_with_other_punctuation_is_fine()
    {
        var report = ValidationReports.Clean();
        report.Sections[3] = report.Sections[3] with { Heading = "四. 政府信息公开行政复议, 行政诉讼情况" };
        ReportValidator.Validate(report).ShouldBeEmpty();

        report.Sections[3] = report.Sections[3] with { Heading = "四．政府信息公开行政复议，行政诉讼情况" };
        ReportValidator.Validate(report).ShouldBeEmpty();

        report.Sections[3] = report.Sections[3] with { Heading = "四、政府信息公开行政复议.行政诉讼情况" };
        ReportValidator.Validate(report).ShouldHaveSingleItem().RuleId.ShouldBe(RuleCatalogue.FmtHeader);
    }

    [Fact]
    public void Header_findings_follow_the_document_heading_then_its_table()
    {
        var report = ValidationReports.Clean();
        report.Sections[2] = report.Sections[2] with { Heading = "三、收到和处理政府信息公开申请" };
        report.Labels[6] = report.Labels[6] with { Actual = "维持" };
        report.Labels[2] = report.Labels[2] with { Actual = "(一) 公开" };
        report.Labels[0] = report.Labels[0] with { Actual = "废止件数" };

        var findings = ReportValidator.Validate(report);

        findings.Select(f => f.Actual).ShouldBe(["废止件数", "三、收到和处理政府信息公开申请", "(一) 公开", "维持"]);
        findings.ShouldAllBe(f => f.RuleId == RuleCatalogue.FmtHeader);
        findings[3].Message.ShouldStartWith("表四中的「维持」与国家格式「结果维持」不一致");
    }

    [Fact]
    public void A_2019_format_report_is_told_the_2019_notice()
    {
        var report = ValidationReports.Clean2019();
        report.Labels.Add(new ObservedLabel(ReportTable.Table2, "本年新制作数量", "本年新制数量"));

        ReportValidator.Validate(report).ShouldHaveSingleItem().Message
            .ShouldBe("表二中的「本年新制数量」与国家格式「本年新制作数量」不一致。请按国办公开办函〔2019〕60号格式改正。");
    }

    [Fact]
    public void A_missing_section_is_an_error_naming_it()
    {
        var report = ValidationReports.Clean();
        report.Sections.RemoveAt((int)SectionKey.ReviewAndLitigation);

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.FmtSection);
        finding.Severity.ShouldBe(Severity.Error);
        finding.Message.ShouldBe("缺少第四部分「四、政府信息公开行政复议、行政诉讼情况」。年度报告应依次包含国家格式规定的六个部分，请补充。");
        finding.Expected.ShouldBe("四、政府信息公开行政复议、行政诉讼情况");
        finding.Actual.ShouldBe("(缺失)");
        finding.Location.ShouldBeNull();
    }

    [Fact]
    public void Missing_sections_five_and_six_are_format_findings_not_narrative_ones()
    {
        var report = ValidationReports.Clean();
        report.Sections.RemoveAt(5);
        report.Sections.RemoveAt(4);

        var findings = ReportValidator.Validate(report);

        findings.Select(f => (f.RuleId, f.Expected)).ShouldBe(
        [
            (RuleCatalogue.FmtSection, "五、存在的主要问题及改进情况"),
            (RuleCatalogue.FmtSection, "六、其他需要报告的事项"),
        ]);
    }

    [Fact]
    public void Sections_out_of_order_are_one_finding_at_the_first_misplaced_section()
    {
        var report = ValidationReports.Clean();
        (report.Sections[4], report.Sections[5]) = (report.Sections[5], report.Sections[4]);

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.FmtSection);
        finding.Message.ShouldBe("报告各部分的顺序为 一、二、三、四、六、五，与国家格式不一致。请按 一、二、三、四、五、六 的顺序排列。");
        finding.Expected.ShouldBe("一、二、三、四、五、六");
        finding.Actual.ShouldBe("一、二、三、四、六、五");
        finding.Location.ShouldBe(SourceLocation.AtLine(76));
    }

    [Fact]
    public void A_repeated_section_is_reported_where_it_repeats()
    {
        var report = ValidationReports.Clean();
        report.Sections.Add(report.Sections[2] with { Location = SourceLocation.AtLine(95) });

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.FmtSection);
        finding.Message.ShouldBe("第三部分「三、收到和处理政府信息公开申请情况」重复出现。请合并为一处。");
        finding.Expected.ShouldBe("1");
        finding.Actual.ShouldBe("2");
        finding.Location.ShouldBe(SourceLocation.AtLine(95));
    }

    [Fact]
    public void A_2021_report_in_the_2019_format_is_an_old_format_finding()
    {
        var report = ValidationReports.Clean2019(2021);

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.FmtOldFormat);
        finding.Severity.ShouldBe(Severity.Error);
        finding.Message.ShouldBe(
            "本报告为 2021 年度报告，却使用了国办公开办函〔2019〕60号的旧版表格。2021 年度起应使用国办公开办函〔2021〕30号格式，请按新格式重新填报表二、表三。");
        finding.Expected.ShouldBe("国办公开办函〔2021〕30号");
        finding.Actual.ShouldBe("国办公开办函〔2019〕60号");
        finding.Location.ShouldBe(SourceLocation.AtLine(1));
    }

    [Theory]
    [InlineData(2019)]
    [InlineData(2020)]
    public void The_2019_format_is_right_for_2019_and_2020(int year)
    {
        ReportValidator.Validate(ValidationReports.Clean2019(year)).ShouldBeEmpty();
    }
}

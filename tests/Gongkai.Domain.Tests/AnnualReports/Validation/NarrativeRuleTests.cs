using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Tests.AnnualReports.Validation;

public class NarrativeRuleTests
{
    private const string Period = "统计期限自2023年1月1日起至2023年12月31日止";
    private const string Applications = "2023年共收到政府信息公开申请55件";
    private const string Published = "工作动态860条";

    [Fact]
    public void A_statistics_period_of_the_previous_year_is_a_year_mismatch()
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, Period, "统计期限自2022年1月1日起至2022年12月31日止");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.YearMismatch);
        finding.Severity.ShouldBe(Severity.Error);
        finding.Message.ShouldBe(
            "正文写明的统计期限为 2022 年 1 月 1 日至 2022 年 12 月 31 日，与标题中的报告年度 2023 年不一致（常见于沿用上年报告时漏改年份）。请改为 2023 年。");
        finding.Expected.ShouldBe("2023");
        finding.Actual.ShouldBe("2022");
        finding.Location.ShouldBe(ValidationReports.LineOf(SectionKey.Overview, 0));
        finding.Location.ShouldBe(new SourceLocation(Line: 5));
    }

    [Theory]
    [InlineData("统计期限自2023年1月1日起至2024年12月31日止", "2024")]
    [InlineData("统计期限为２０２２年１月１日至１２月３１日", "2022")]
    [InlineData("统计时间为 2022 年 1 月 1 日至 2022 年 12 月 31 日", "2022")]
    public void Statistics_periods_in_other_spellings_are_read(string period, string wrongYear)
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, Period, period);

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.YearMismatch);
        finding.Actual.ShouldBe(wrongYear);
    }

    [Fact]
    public void The_overview_counting_applications_of_the_previous_year_is_a_year_mismatch()
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, Applications, "2022年共收到政府信息公开申请55件");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.YearMismatch);
        finding.Message.ShouldBe(
            "总体情况中“2022年共收到政府信息公开申请”写的是 2022 年，与标题中的报告年度 2023 年不一致（常见于沿用上年报告时漏改年份）。请核对年份。");
        finding.Expected.ShouldBe("2023");
        finding.Actual.ShouldBe("2022");
        finding.Location.ShouldBe(ValidationReports.LineOf(SectionKey.Overview, 2));
    }

    [Theory]
    [InlineData(SectionKey.Overview, "2022年12月收到的申请已于2023年1月答复。")]
    [InlineData(SectionKey.Overview, "与2022年收到的申请相比有所增加。")]
    [InlineData(SectionKey.Overview, "2024年将继续做好依申请公开工作。")]
    [InlineData(SectionKey.Other, "2022年共收到政府信息公开申请37件。")]
    [InlineData(SectionKey.Problems, "2022年报告指出的问题已整改，2024年将加强申请办理。")]
    public void Other_years_in_the_text_are_not_a_mismatch(SectionKey key, string sentence)
    {
        var report = ValidationReports.Clean();
        var section = report.Section(key)!;
        report.Rewrite(key, section.Text[1..5], sentence + section.Text[1..5]);

        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    [Fact]
    public void Without_a_title_year_the_year_rule_is_silent()
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, Period, "统计期限自2022年1月1日起至2022年12月31日止");
        report.Year = null;

        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    [InlineData(99999)]
    [InlineData(0)]
    public void An_implausible_title_year_is_no_year(int year)
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, Period, "统计期限自2022年1月1日起至2022年12月31日止");
        report.Year = year;

        ReportValidator.Validate(report).ShouldBeEmpty();
        ReportValidator.Validate(report, ValidationReports.Previous()).ShouldBeEmpty();
    }

    [Fact]
    public void Parts_too_large_to_add_up_are_not_summed()
    {
        var report = ValidationReports.Clean();
        report.SetText(SectionKey.Other, "本机关2023年度未收取信息处理费。",
            "发布信息300条，其中政策文件79228162514264337593543950335条，通知公告1条。");

        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    [Fact]
    public void A_stated_total_whose_parts_do_not_add_up()
    {
        var report = ValidationReports.Clean();
        report.Rewrite(SectionKey.Overview, Published, "工作动态850条");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.TextSum);
        finding.Severity.ShouldBe(Severity.Warning);
        finding.Message.ShouldBe(
            "正文“1260条,其中:工作动态850条;通知公告220条;政策文件及解读180条”中，合计 1260 条，但所列分项 850 + 220 + 180 = 1250 条。请核对合计或分项。");
        finding.Expected.ShouldBe("1260");
        finding.Actual.ShouldBe("1250");
        finding.Location.ShouldBe(ValidationReports.LineOf(SectionKey.Overview, 1));
        finding.Cells.ShouldBeEmpty();
    }

    [Fact]
    public void A_total_listed_with_including_is_checked_too()
    {
        var report = ValidationReports.Clean();
        report.SetText(SectionKey.Other, "本机关2023年度未收取信息处理费。", "2023年，局网站信息发布 556 条，包括概况类信息更新 82 条，政务动态信息更新 421 条，信息公开目录信息更新 50 条。");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.TextSum);
        finding.Expected.ShouldBe("556");
        finding.Actual.ShouldBe("553");
        finding.Location.ShouldBe(ValidationReports.LineOf(SectionKey.Other, 1));
    }

    [Theory]
    [InlineData("发布信息300条，其中政策文件100条、通知公告50条等。")]
    [InlineData("发布信息300条，其中政策文件100条。")]
    [InlineData("发布信息300条，其中政策文件100条，点击量2万次。")]
    [InlineData("发布信息300条，其中政策文件100条（含解读20条），通知公告200条。")]
    [InlineData("发布信息300条，其中政策文件100条，其中解读20条。")]
    [InlineData("发布信息300条，其中政策文件一百条，通知公告两条，其他198条。")]
    [InlineData("发布信息300余条，其中政策文件100条，通知公告50条。")]
    public void Open_ended_or_nested_lists_are_not_summed(string sentence)
    {
        var report = ValidationReports.Clean();
        report.SetText(SectionKey.Other, "本机关2023年度未收取信息处理费。", sentence);

        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("无")]
    [InlineData("无。")]
    [InlineData("暂无")]
    [InlineData("暂无。")]
    [InlineData("存在问题：无。")]
    public void Section_five_saying_nothing_is_reported(string text)
    {
        var report = ValidationReports.Clean();
        report.SetText(SectionKey.Problems, text);

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.Sec5Empty);
        finding.Severity.ShouldBe(Severity.Warning);
        finding.Message.ShouldBe(
            $"第五部分「五、存在的主要问题及改进情况」只写了“{text}”。请如实说明本年度工作存在的主要问题、改进措施，以及上年度问题的整改情况。");
        finding.Actual.ShouldBe(text);
        finding.Expected.ShouldBeNull();
        finding.Location.ShouldBe(SourceLocation.AtLine(76));
    }

    [Fact]
    public void An_empty_section_five_is_reported_as_empty()
    {
        var report = ValidationReports.Clean();
        report.SetText(SectionKey.Problems);

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.Message.ShouldStartWith("第五部分「五、存在的主要问题及改进情况」没有内容。");
        finding.Actual.ShouldBe("(空白)");
    }

    [Fact]
    public void Ten_characters_of_substance_are_enough_for_section_five()
    {
        var report = ValidationReports.Clean();
        report.SetText(SectionKey.Problems, "解读形式单一，现已改进。");

        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    [Fact]
    public void Section_six_silent_on_fees_is_reported()
    {
        var report = ValidationReports.Clean();
        report.SetText(SectionKey.Other, "无");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.Sec6Fee);
        finding.Severity.ShouldBe(Severity.Warning);
        finding.Message.ShouldBe(
            "第六部分「六、其他需要报告的事项」没有说明信息处理费的收取情况。请依据国办函〔2020〕109号写明本年度是否收取信息处理费（未收取也应写明）。");
        finding.Actual.ShouldBe("无");
        finding.Location.ShouldBe(SourceLocation.AtLine(82));
    }

    [Theory]
    [InlineData("2023年度信息公开申请未向申请人收取任何费用。")]
    [InlineData("本年度未收取政府信息公开处理费。")]
    [InlineData("依申请公开收费标准按照国办函〔2020〕109号的规定执行。")]
    [InlineData("本年度收取信息处理费0.03万元。")]
    public void Section_six_mentioning_the_fee_in_any_wording_is_fine(string text)
    {
        var report = ValidationReports.Clean();
        report.SetText(SectionKey.Other, text);

        ReportValidator.Validate(report).ShouldBeEmpty();
    }
}

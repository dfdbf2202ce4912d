using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Tests.AnnualReports.Validation;

public class CellRuleTests
{
    [Fact]
    public void Text_in_a_table_three_cell_is_a_cell_value_finding_and_nothing_else()
    {
        var report = ValidationReports.Clean();
        report.Write(Table3Row.Granted, Table3Column.Research, " 见附件 ");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.CellValue);
        finding.Severity.ShouldBe(Severity.Error);
        finding.Message.ShouldBe("表三「（一）予以公开」科研机构填写了文字“见附件”，此处应填数字（没有的填 0）。请改为数字，说明文字写入正文。");
        finding.Expected.ShouldBe("数字");
        finding.Actual.ShouldBe("见附件");
        finding.Cells.ShouldBe(["table3.granted.research"]);
        finding.Location.ShouldBe(SourceLocation.InTable(2, 6, 5));
    }

    [Fact]
    public void A_negative_count_in_table_two()
    {
        var report = ValidationReports.Clean();
        report.Write(Table2Field.Penalty, "-5");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.CellValue);
        finding.Message.ShouldBe("表二「行政处罚」本年处理决定数量为负数 -5，此处不能为负。请核对并改为实际数值。");
        finding.Expected.ShouldBe("非负数");
        finding.Actual.ShouldBe("-5");
        finding.Cells.ShouldBe(["table2.penalty"]);
        finding.Location.ShouldBe(ValidationReports.LocationOf(ReportFormat.Format2021, Table2Field.Penalty));
    }

    [Fact]
    public void A_negative_fee_amount()
    {
        var report = ValidationReports.Clean();
        report.Write(Table2Field.FeesWanYuan, "－1.5");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.CellValue);
        finding.Message.ShouldBe("表二「行政事业性收费」本年收费金额（单位：万元）为负数 -1.5，此处不能为负。请核对并改为实际数值。");
        finding.Cells.ShouldBe(["table2.feesWanYuan"]);
    }

    [Fact]
    public void A_fractional_count()
    {
        var report = ValidationReports.Clean();
        report.Write(Table2Field.Licensing, "356.5");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.CellValue);
        finding.Message.ShouldBe("表二「行政许可」本年处理决定数量为 356.5，件数应为整数。请核对并改为实际件数。");
        finding.Expected.ShouldBe("整数");
        finding.Actual.ShouldBe("356.5");
        finding.Cells.ShouldBe(["table2.licensing"]);
    }

    [Fact]
    public void Fractional_counts_in_table_four_are_reported_cell_by_cell_in_column_order()
    {
        var report = ValidationReports.Clean();
        report.Write(Table4Block.Reconsideration, Table4Column.Upheld, "0.5");
        report.Write(Table4Block.Reconsideration, Table4Column.Pending, "1.5");

        var findings = ReportValidator.Validate(report);

        findings.Select(f => (f.RuleId, f.Cells[0], f.Actual)).ShouldBe(
        [
            (RuleCatalogue.CellValue, "table4.reconsideration.upheld", "0.5"),
            (RuleCatalogue.CellValue, "table4.reconsideration.pending", "1.5"),
        ]);
        findings[0].Message.ShouldBe("表四「行政复议」结果维持为 0.5，件数应为整数。请核对并改为实际件数。");
    }

    [Fact]
    public void Fractions_of_wan_yuan_and_whole_numbers_written_with_decimals_are_fine()
    {
        var report = ValidationReports.Clean();
        report.Write(Table2Field.FeesWanYuan, "0.35");
        report.Write(Table2Field.Licensing, "356.00");

        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    [Fact]
    public void The_2019_format_allows_a_negative_change_but_not_a_negative_count()
    {
        var report = ValidationReports.Clean2019();
        report.Table2[Table2Field.PenaltyChange2019].Value.ShouldBe(4);
        report.Write(Table2Field.PenaltyChange2019, "-3");
        report.Write(Table2Field.PenaltyDecisions2019, "-3");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.CellValue);
        finding.Cells.ShouldBe(["table2.penalty.decisions"]);
        finding.Message.ShouldBe("表二「行政处罚」处理决定数量为负数 -3，此处不能为负。请核对并改为实际数值。");
    }

    [Fact]
    public void Cells_of_the_other_format_are_not_checked()
    {
        var report = ValidationReports.Clean();
        report.Table2[Table2Field.LicensingChange2019] = Cell.Parse("见附件");
        report.Table2[Table2Field.ProcurementCount2019] = Cell.Parse("");

        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    [Fact]
    public void A_blank_cell_in_table_two()
    {
        var report = ValidationReports.Clean();
        report.Write(Table2Field.Penalty, "  ");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.CellBlank);
        finding.Severity.ShouldBe(Severity.Error);
        finding.Message.ShouldBe("表二「行政处罚」本年处理决定数量为空。此处应填数字，没有的填 0。");
        finding.Expected.ShouldBe("数字");
        finding.Actual.ShouldBe("(空白)");
        finding.Cells.ShouldBe(["table2.penalty"]);
        finding.Location.ShouldBe(SourceLocation.InTable(1, 8, 2));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("-")]
    [InlineData("—")]
    [InlineData("无")]
    [InlineData("不适用")]
    public void A_placeholder_in_table_three_is_reported_once_and_silences_the_sums(string placeholder)
    {
        var report = ValidationReports.Clean();
        report.Write(Table3Row.Granted, Table3Column.NaturalPerson, placeholder);

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.CellBlank);
        finding.Message.ShouldBe($"表三「（一）予以公开」自然人填写了“{placeholder}”。此处应填数字，没有的填 0，不能用占位符。");
        finding.Actual.ShouldBe(placeholder);
        finding.Cells.ShouldBe(["table3.granted.naturalPerson"]);
        finding.Location.ShouldBe(SourceLocation.InTable(2, 6, 3));
    }

    [Fact]
    public void A_placeholder_total_in_table_four()
    {
        var report = ValidationReports.Clean();
        report.Write(Table4Block.LitigationAfterReconsideration, Table4Column.Total, "／");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.CellBlank);
        finding.Message.ShouldBe("表四「复议后起诉」总计填写了“／”。此处应填数字，没有的填 0，不能用占位符。");
        finding.Cells.ShouldBe(["table4.litigationAfterReconsideration.total"]);
    }

    [Fact]
    public void A_fee_amount_entered_in_yuan()
    {
        var report = ValidationReports.Clean();
        report.Write(Table2Field.FeesWanYuan, "1101390");

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.T2FeeUnit);
        finding.Severity.ShouldBe(Severity.Warning);
        finding.Message.ShouldBe(
            "表二「行政事业性收费」本年收费金额（单位：万元）为 1101390，即 110.139 亿元，数额异常偏大，可能误按“元”填写。该栏单位为万元：若原数为元，应填 110.139。请核对。");
        finding.Expected.ShouldBe("110.139");
        finding.Actual.ShouldBe("1101390");
        finding.Cells.ShouldBe(["table2.feesWanYuan"]);
        finding.Location.ShouldBe(SourceLocation.InTable(1, 10, 2));
    }

    [Fact]
    public void A_large_but_plausible_fee_amount_is_fine()
    {
        var report = ValidationReports.Clean();
        report.Write(Table2Field.FeesWanYuan, "100000");

        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("1101390元")]
    [InlineData("35元")]
    public void A_fee_amount_written_with_the_unit_yuan_is_read_and_said_in_wan_yuan(string written)
    {
        var report = ValidationReports.Clean();
        report.Write(Table2Field.FeesWanYuan, written);

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        var wan = (decimal.Parse(written[..^1], System.Globalization.CultureInfo.InvariantCulture) / 10_000m).ToString(System.Globalization.CultureInfo.InvariantCulture);
        finding.RuleId.ShouldBe(RuleCatalogue.T2FeeUnit);
        finding.Message.ShouldBe($"表二「行政事业性收费」本年收费金额（单位：万元）写作“{written}”，单位是元；该栏单位为万元，应填 {wan}。请改正。");
        finding.Expected.ShouldBe(wan);
        finding.Actual.ShouldBe(written);
    }
}

using System.Globalization;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Tests.AnnualReports.Validation;

public class TableRuleTests
{
    [Fact]
    public void T3_balance_names_the_column_the_four_cells_and_both_sums()
    {
        var report = ValidationReports.Clean();
        Add(report, Table3Row.CarriedOver, Table3Column.NaturalPerson, 1);
        Add(report, Table3Row.CarriedOver, Table3Column.Total, 1);

        var findings = ReportValidator.Validate(report);

        findings.Select(f => f.RuleId).ShouldBe([RuleCatalogue.T3Balance, RuleCatalogue.T3Balance]);
        var finding = findings[0];
        finding.Severity.ShouldBe(Severity.Error);
        finding.Message.ShouldBe(
            "表三自然人列：「一、本年新收政府信息公开申请数量」41 + 「二、上年结转政府信息公开申请数量」3 = 44，"
            + "但「（七）总计」40 + 「四、结转下年度继续办理」3 = 43，两者应相等（第一项加第二项之和，等于第三项加第四项之和）。请核对这四个单元格。");
        finding.Expected.ShouldBe("44");
        finding.Actual.ShouldBe("43");
        finding.Cells.ShouldBe(
        [
            "table3.newReceived.naturalPerson",
            "table3.carriedOver.naturalPerson",
            "table3.totalProcessed.naturalPerson",
            "table3.carriedForward.naturalPerson",
        ]);
        finding.Location.ShouldBe(SourceLocation.InTable(2, 4, 3));
        findings[1].Cells[0].ShouldBe("table3.newReceived.total");
        findings[1].Expected.ShouldBe("60");
        findings[1].Actual.ShouldBe("59");
    }

    [Theory]
    [InlineData(Table3Column.NaturalPerson, "naturalPerson", "44", "43")]
    [InlineData(Table3Column.Commercial, "commercial", "11", "10")]
    [InlineData(Table3Column.Research, "research", "2", "1")]
    [InlineData(Table3Column.PublicInterest, "publicInterest", "1", "0")]
    [InlineData(Table3Column.LegalService, "legalService", "4", "3")]
    [InlineData(Table3Column.Other, "other", "3", "2")]
    public void T3_balance_is_checked_in_every_applicant_column_and_in_the_total_column(
        Table3Column column, string json, string expected, string actual)
    {
        var report = ValidationReports.Clean();
        Add(report, Table3Row.CarriedOver, column, 1);
        Add(report, Table3Row.CarriedOver, Table3Column.Total, 1);

        var findings = ReportValidator.Validate(report);

        findings.Select(f => (f.RuleId, f.Cells[0], f.Expected, f.Actual)).ShouldBe(
        [
            (RuleCatalogue.T3Balance, $"table3.newReceived.{json}", expected, actual),
            (RuleCatalogue.T3Balance, "table3.newReceived.total", "60", "59"),
        ]);
        findings[0].Message.ShouldStartWith($"表三{NationalFormat.Table3ColumnLabels[(int)column]}列：");
        findings[0].Location.ShouldBe(ValidationReports.LocationOf(Table3Row.NewReceived, column));
    }

    [Fact]
    public void T3_balance_catches_a_shift_between_columns_that_keeps_the_row_total()
    {
        var report = ValidationReports.Clean();
        Add(report, Table3Row.NewReceived, Table3Column.NaturalPerson, 1);
        Add(report, Table3Row.NewReceived, Table3Column.Commercial, -1);

        var findings = ReportValidator.Validate(report);

        findings.Select(f => (f.RuleId, f.Cells[0], f.Expected, f.Actual)).ShouldBe(
        [
            (RuleCatalogue.T3Balance, "table3.newReceived.naturalPerson", "44", "43"),
            (RuleCatalogue.T3Balance, "table3.newReceived.commercial", "9", "10"),
        ]);
    }

    [Fact]
    public void T3_row_total_names_the_row_the_seven_cells_and_the_sum()
    {
        var report = ValidationReports.Clean();
        Add(report, Table3Row.Granted, Table3Column.Total, 1);
        Add(report, Table3Row.PartiallyGranted, Table3Column.Total, -1);

        var findings = ReportValidator.Validate(report);

        findings.Select(f => f.RuleId).ShouldBe([RuleCatalogue.T3RowTotal, RuleCatalogue.T3RowTotal]);
        var finding = findings[0];
        finding.Message.ShouldBe(
            "表三「（一）予以公开」总计列应为 30（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和），实际为 31。请核对该行各列或总计。");
        finding.Expected.ShouldBe("30");
        finding.Actual.ShouldBe("31");
        finding.Cells.ShouldBe(
        [
            "table3.granted.total",
            "table3.granted.naturalPerson",
            "table3.granted.commercial",
            "table3.granted.research",
            "table3.granted.publicInterest",
            "table3.granted.legalService",
            "table3.granted.other",
        ]);
        finding.Location.ShouldBe(SourceLocation.InTable(2, 6, 9));
        findings[1].Message.ShouldStartWith("表三「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」总计列应为 6");
        findings[1].Actual.ShouldBe("5");
    }

    [Theory]
    [InlineData(Table3Row.WithheldStateSecret, "withheld.stateSecret", "0", "表三「（三）不予公开1.属于国家秘密」总计列应为 0")]
    [InlineData(Table3Row.UnableNotHeld, "unableToProvide.notHeld", "9", "表三「（四）无法提供1.本机关不掌握相关政府信息」总计列应为 9")]
    [InlineData(Table3Row.NotProcessedConfirmation, "notProcessed.confirmation", "0", "表三「（五）不予处理5.要求行政机关确认或重新出具已获取信息」总计列应为 0")]
    [InlineData(Table3Row.OtherUnpaidFee, "otherDisposal.unpaidFee", "1", "表三「（六）其他处理2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请」总计列应为 1")]
    public void T3_row_total_is_checked_in_outcome_rows_of_every_group(Table3Row row, string json, string expected, string start)
    {
        var report = ValidationReports.Clean();
        Add(report, row, Table3Column.Total, 1);
        Add(report, Table3Row.Granted, Table3Column.Total, -1);

        var findings = ReportValidator.Validate(report);

        findings.Count.ShouldBe(2);
        findings.ShouldAllBe(f => f.RuleId == RuleCatalogue.T3RowTotal);
        var finding = findings.Single(f => f.Cells[0] == $"table3.{json}.total");
        finding.Expected.ShouldBe(expected);
        finding.Actual.ShouldBe((int.Parse(expected, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture));
        finding.Message.ShouldStartWith(start);
        finding.Location.ShouldBe(ValidationReports.LocationOf(row, Table3Column.Total));
    }

    [Fact]
    public void T3_row_total_uses_the_2019_rows_and_paths()
    {
        var report = ValidationReports.Clean2019();
        Add(report, Table3Row.OtherOther, Table3Column.Total, 1);
        Add(report, Table3Row.Granted, Table3Column.Total, -1);

        var findings = ReportValidator.Validate(report);

        findings.Select(f => (f.RuleId, f.Cells[0], f.Expected, f.Actual)).ShouldBe(
        [
            (RuleCatalogue.T3RowTotal, "table3.granted.total", "30", "29"),
            (RuleCatalogue.T3RowTotal, "table3.otherDisposal.total", "3", "4"),
        ]);
        findings[1].Message.ShouldStartWith("表三「（六）其他处理」总计列应为 3");
    }

    [Fact]
    public void T3_processed_total_matches_the_example_message()
    {
        var report = ValidationReports.Clean();
        Add(report, Table3Row.Granted, Table3Column.NaturalPerson, 1);
        Add(report, Table3Row.Granted, Table3Column.Total, 1);

        var findings = ReportValidator.Validate(report);

        findings.Select(f => f.RuleId).ShouldBe([RuleCatalogue.T3ProcessedTotal, RuleCatalogue.T3ProcessedTotal]);
        var finding = findings[0];
        finding.Severity.ShouldBe(Severity.Error);
        finding.Message.ShouldBe("表三「（七）总计」自然人列应为 41（各项办理结果之和），实际为 40。请核对各项办理结果或总计。");
        finding.Expected.ShouldBe("41");
        finding.Actual.ShouldBe("40");
        finding.Location.ShouldBe(SourceLocation.InTable(2, 27, 3));
        finding.Cells.Count.ShouldBe(22);
        finding.Cells[0].ShouldBe("table3.totalProcessed.naturalPerson");
        finding.Cells[1].ShouldBe("table3.granted.naturalPerson");
        finding.Cells.ShouldContain("table3.otherDisposal.unpaidFee.naturalPerson");
        finding.Cells[^1].ShouldBe("table3.otherDisposal.other.naturalPerson");
        findings[1].Message.ShouldBe("表三「（七）总计」总计列应为 56（各项办理结果之和），实际为 55。请核对各项办理结果或总计。");
    }

    [Theory]
    [InlineData(Table3Column.NaturalPerson, "41", "40")]
    [InlineData(Table3Column.Commercial, "10", "9")]
    [InlineData(Table3Column.Research, "2", "1")]
    [InlineData(Table3Column.PublicInterest, "1", "0")]
    [InlineData(Table3Column.LegalService, "4", "3")]
    [InlineData(Table3Column.Other, "3", "2")]
    public void T3_processed_total_is_checked_in_every_column(Table3Column column, string expected, string actual)
    {
        var report = ValidationReports.Clean();
        Add(report, Table3Row.UnableNeedsCreation, column, 1);
        Add(report, Table3Row.UnableNeedsCreation, Table3Column.Total, 1);

        var findings = ReportValidator.Validate(report);

        findings.Select(f => (f.RuleId, f.Expected, f.Actual)).ShouldBe(
        [
            (RuleCatalogue.T3ProcessedTotal, expected, actual),
            (RuleCatalogue.T3ProcessedTotal, "56", "55"),
        ]);
        findings[0].Location.ShouldBe(ValidationReports.LocationOf(Table3Row.TotalProcessed, column));
        findings[0].Cells.ShouldContain(NationalFormat.PathOf(Table3Row.UnableNeedsCreation, column));
    }

    [Fact]
    public void T3_processed_total_in_the_2019_format_adds_the_single_other_row()
    {
        var report = ValidationReports.Clean2019();
        Add(report, Table3Row.OtherOther, Table3Column.NaturalPerson, 1);
        Add(report, Table3Row.OtherOther, Table3Column.Total, 1);

        var findings = ReportValidator.Validate(report);

        findings.Select(f => (f.RuleId, f.Expected, f.Actual)).ShouldBe(
        [
            (RuleCatalogue.T3ProcessedTotal, "41", "40"),
            (RuleCatalogue.T3ProcessedTotal, "56", "55"),
        ]);
        findings[0].Cells.Count.ShouldBe(20);
        findings[0].Cells[^1].ShouldBe("table3.otherDisposal.naturalPerson");
    }

    [Theory]
    [InlineData(Table4Block.Reconsideration, Table4Column.Upheld, "2", "4", "3", "表四「行政复议」总计应为 4（结果维持、结果纠正、其他结果、尚未审结之和），实际为 3。请核对该栏各项或总计。")]
    [InlineData(Table4Block.LitigationDirect, Table4Column.Pending, "0", "1", "2", "表四「未经复议直接起诉」总计应为 1（结果维持、结果纠正、其他结果、尚未审结之和），实际为 2。请核对该栏各项或总计。")]
    [InlineData(Table4Block.LitigationAfterReconsideration, Table4Column.Corrected, "2", "3", "1", "表四「复议后起诉」总计应为 3（结果维持、结果纠正、其他结果、尚未审结之和），实际为 1。请核对该栏各项或总计。")]
    public void T4_block_total_is_checked_in_each_block(
        Table4Block block, Table4Column column, string raw, string expected, string actual, string message)
    {
        var report = ValidationReports.Clean();
        report.Write(block, column, raw);

        var finding = ReportValidator.Validate(report).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.T4BlockTotal);
        finding.Message.ShouldBe(message);
        finding.Expected.ShouldBe(expected);
        finding.Actual.ShouldBe(actual);
        finding.Location.ShouldBe(ValidationReports.LocationOf(block, Table4Column.Total));
        var prefix = "table4." + NationalFormat.Table4BlockJsonNames[(int)block];
        finding.Cells.ShouldBe([$"{prefix}.total", $"{prefix}.upheld", $"{prefix}.corrected", $"{prefix}.other", $"{prefix}.pending"]);
    }

    [Fact]
    public void Arithmetic_rules_stay_silent_while_an_operand_has_no_number()
    {
        var report = ValidationReports.Clean();
        report.Write(Table3Row.Granted, Table3Column.NaturalPerson, "");
        report.Write(Table3Row.CarriedForward, Table3Column.Commercial, "见说明");
        report.Write(Table4Block.Reconsideration, Table4Column.Other, "—");

        var findings = ReportValidator.Validate(report);

        findings.Select(f => f.RuleId).ShouldBe([RuleCatalogue.CellValue, RuleCatalogue.CellBlank, RuleCatalogue.CellBlank]);
    }

    [Fact]
    public void Arithmetic_on_absurdly_large_numbers_is_not_judged_and_does_not_throw()
    {
        var report = ValidationReports.Clean();
        report.Write(Table3Row.Granted, Table3Column.NaturalPerson, "79228162514264337593543950335");
        report.Write(Table3Row.Granted, Table3Column.Commercial, "79228162514264337593543950335");

        // decimal.MaxValue: every sum it enters overflows, so the granted row and the natural-person and commercial
        // processed totals cannot be judged; the other columns still add up.
        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    private static void Add(AnnualReport report, Table3Row row, Table3Column column, decimal delta)
    {
        var value = report.Table3[row, column].Value!.Value + delta;
        report.Write(row, column, value.ToString(CultureInfo.InvariantCulture));
    }
}

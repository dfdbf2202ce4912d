using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Tests.AnnualReports.Validation;

public class CrossYearRuleTests
{
    [Fact]
    public void This_years_carried_over_must_equal_last_years_carried_forward_per_column()
    {
        var previous = ValidationReports.Previous();
        previous.Table3[Table3Row.CarriedForward, Table3Column.NaturalPerson] = Cell.Of(1);
        previous.Table3[Table3Row.CarriedForward, Table3Column.Total] = Cell.Of(3);

        var findings = ReportValidator.Validate(ValidationReports.Clean(), previous);

        findings.Select(f => (f.RuleId, f.Cells[0], f.Expected, f.Actual)).ShouldBe(
        [
            (RuleCatalogue.XYearCarry, "table3.carriedOver.naturalPerson", "1", "2"),
            (RuleCatalogue.XYearCarry, "table3.carriedOver.total", "3", "4"),
        ]);
        var finding = findings[0];
        finding.Severity.ShouldBe(Severity.Error);
        finding.Message.ShouldBe(
            "表三「二、上年结转政府信息公开申请数量」自然人为 2，与上一年度（2022 年）报告表三「四、结转下年度继续办理」自然人 1 不一致，两者应相等。请核对本年上年结转数或上年报告。");
        finding.Cells.ShouldBe(["table3.carriedOver.naturalPerson"]);
        finding.Location.ShouldBe(SourceLocation.InTable(2, 5, 3));
    }

    [Theory]
    [InlineData(Table3Column.Commercial)]
    [InlineData(Table3Column.Research)]
    [InlineData(Table3Column.PublicInterest)]
    [InlineData(Table3Column.LegalService)]
    [InlineData(Table3Column.Other)]
    public void The_carry_over_is_compared_in_every_column(Table3Column column)
    {
        var previous = ValidationReports.Previous();
        var forward = previous.Table3[Table3Row.CarriedForward, column].Value!.Value;
        previous.Table3[Table3Row.CarriedForward, column] = Cell.Of(forward + 1);

        var finding = ReportValidator.Validate(ValidationReports.Clean(), previous).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.XYearCarry);
        finding.Cells.ShouldBe([NationalFormat.PathOf(Table3Row.CarriedOver, column)]);
        finding.Expected.ShouldBe((forward + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        finding.Location.ShouldBe(ValidationReports.LocationOf(Table3Row.CarriedOver, column));
    }

    [Fact]
    public void Regulations_in_force_must_follow_from_last_year_plus_issued_minus_repealed()
    {
        var previous = ValidationReports.Previous();
        previous.Table2[Table2Field.RegulationsInForce] = Cell.Of(13);

        var finding = ReportValidator.Validate(ValidationReports.Clean(), previous).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.XYearStock);
        finding.Severity.ShouldBe(Severity.Warning);
        finding.Message.ShouldBe(
            "表二「规章」现行有效件数应为 14（上一年度（2022 年）报告现行有效件数 13 + 本年制发件数 2 − 本年废止件数 1），实际为 15。请核对现行有效件数或本年制发件数、本年废止件数。");
        finding.Expected.ShouldBe("14");
        finding.Actual.ShouldBe("15");
        finding.Cells.ShouldBe(["table2.regulations.inForce", "table2.regulations.issued", "table2.regulations.repealed"]);
        finding.Location.ShouldBe(SourceLocation.InTable(1, 3, 2));
    }

    [Fact]
    public void Normative_documents_in_force_are_checked_the_same_way()
    {
        var report = ValidationReports.Clean();
        report.Write(Table2Field.NormativeDocumentsRepealed, "2");

        var finding = ReportValidator.Validate(report, ValidationReports.Previous()).ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(RuleCatalogue.XYearStock);
        finding.Expected.ShouldBe("120");
        finding.Actual.ShouldBe("119");
        finding.Cells[0].ShouldBe("table2.normativeDocuments.inForce");
        finding.Message.ShouldStartWith("表二「行政规范性文件」现行有效件数应为 120");
    }

    [Fact]
    public void The_stock_rule_needs_the_2021_format_in_both_years()
    {
        var previous = ValidationReports.Previous();
        previous.Format = ReportFormat.Format2019;
        previous.Table2[Table2Field.RegulationsInForce] = Cell.Of(13);

        ReportValidator.Validate(ValidationReports.Clean(), previous).ShouldBeEmpty();
    }

    [Fact]
    public void A_previous_report_that_is_not_the_year_before_is_not_compared()
    {
        var previous = ValidationReports.Previous();
        previous.Year = 2021;
        previous.Table3[Table3Row.CarriedForward, Table3Column.NaturalPerson] = Cell.Of(1);
        previous.Table2[Table2Field.RegulationsInForce] = Cell.Of(13);

        ReportValidator.Validate(ValidationReports.Clean(), previous).ShouldBeEmpty();
    }

    [Fact]
    public void Cells_without_numbers_in_either_year_are_not_compared()
    {
        var previous = ValidationReports.Previous();
        previous.Table3[Table3Row.CarriedForward, Table3Column.NaturalPerson] = Cell.Parse("/");
        previous.Table2[Table2Field.RegulationsInForce] = Cell.Missing;

        ReportValidator.Validate(ValidationReports.Clean(), previous).ShouldBeEmpty();
    }
}

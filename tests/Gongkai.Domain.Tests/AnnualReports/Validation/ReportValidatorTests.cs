using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Tests.AnnualReports.Validation;

public class ReportValidatorTests
{
    [Fact]
    public void A_clean_consistent_report_has_no_findings()
    {
        ReportValidator.Validate(ValidationReports.Clean()).ShouldBeEmpty();
    }

    [Fact]
    public void A_clean_report_with_its_previous_year_has_no_findings()
    {
        ReportValidator.Validate(ValidationReports.Clean(), ValidationReports.Previous()).ShouldBeEmpty();
    }

    [Fact]
    public void The_previous_year_report_is_clean_on_its_own()
    {
        ReportValidator.Validate(ValidationReports.Previous()).ShouldBeEmpty();
    }

    [Fact]
    public void A_clean_2020_report_in_the_2019_format_has_no_findings()
    {
        ReportValidator.Validate(ValidationReports.Clean2019()).ShouldBeEmpty();
    }

    [Fact]
    public void Validating_does_not_change_the_report()
    {
        var report = ValidationReports.Clean();
        report.Write(Table3Row.Granted, Table3Column.NaturalPerson, "/");

        ReportValidator.Validate(report);

        report.Table3[Table3Row.Granted, Table3Column.NaturalPerson].Kind.ShouldBe(CellKind.Placeholder);
        report.Sections.Count.ShouldBe(6);
    }

    [Fact]
    public void Missing_cells_are_left_to_the_parser()
    {
        var report = ValidationReports.Clean();
        foreach (var column in Enum.GetValues<Table3Column>())
        {
            report.Table3[Table3Row.Granted, column] = Cell.Missing;
        }

        report.Table2[Table2Field.Penalty] = Cell.Missing;
        report.Table4[Table4Block.Reconsideration, Table4Column.Upheld] = Cell.Missing;

        ReportValidator.Validate(report).ShouldBeEmpty();
    }

    [Fact]
    public void Findings_come_in_catalogue_order_then_table_order()
    {
        var report = ValidationReports.Clean();
        report.Write(Table2Field.Penalty, "见附件");                                      // CELL-VALUE, table 二
        report.Write(Table3Row.Granted, Table3Column.Research, "2");                    // row total + processed total
        report.Write(Table4Block.LitigationDirect, Table4Column.Upheld, "/");             // CELL-BLANK
        report.Write(Table3Row.CarriedOver, Table3Column.Research, "");                  // CELL-BLANK, table 三
        report.Sections.RemoveAt((int)SectionKey.Problems);                             // FMT-SECTION
        report.Rewrite(SectionKey.Other, "未收取信息处理费", "工作正常");                   // SEC6-FEE

        var findings = ReportValidator.Validate(report);

        findings.Select(f => (f.RuleId, f.Cells.Count > 0 ? f.Cells[0] : null)).ShouldBe(
        [
            (RuleCatalogue.T3RowTotal, "table3.granted.total"),
            (RuleCatalogue.T3ProcessedTotal, "table3.totalProcessed.research"),
            (RuleCatalogue.CellValue, "table2.penalty"),
            (RuleCatalogue.CellBlank, "table3.carriedOver.research"),
            (RuleCatalogue.CellBlank, "table4.litigationDirect.upheld"),
            (RuleCatalogue.FmtSection, null),
            (RuleCatalogue.Sec6Fee, null),
        ]);
        var catalogueOrder = RuleCatalogue.All.Select(r => r.Id).ToList();
        findings.Select(f => catalogueOrder.IndexOf(f.RuleId)).ShouldBeInOrder();
    }

    [Fact]
    public void Every_finding_carries_its_rules_severity()
    {
        var report = ValidationReports.Clean();
        report.Write(Table3Row.Granted, Table3Column.Research, "2");
        report.SetText(SectionKey.Problems, "无");

        var findings = ReportValidator.Validate(report);

        findings.ShouldNotBeEmpty();
        foreach (var finding in findings)
        {
            finding.Severity.ShouldBe(RuleCatalogue.Get(finding.RuleId).Severity);
        }
    }
}

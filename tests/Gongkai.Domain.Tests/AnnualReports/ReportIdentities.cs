using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Tests.AnnualReports;

/// <summary>
/// The table rules of the report engine's catalogue (T3-BALANCE, T3-ROW-TOTAL, T3-PROCESSED-TOTAL, T4-BLOCK-TOTAL,
/// CELL-VALUE, XYEAR-CARRY), checked directly until the validator lands. Replacing the bodies of
/// <see cref="Errors"/> and <see cref="CrossYearErrors"/> with the validator's calls is the whole swap.
/// </summary>
internal static class ReportIdentities
{
    private static readonly Table3Column[] ApplicantColumns = [.. Enum.GetValues<Table3Column>().Where(c => c != Table3Column.Total)];

    public static IReadOnlyList<Finding> Errors(AnnualReport report)
    {
        var findings = new List<Finding>();
        var t3 = report.Table3;
        foreach (var row in Enum.GetValues<Table3Row>())
        {
            foreach (var column in Enum.GetValues<Table3Column>())
            {
                if (t3[row, column].Value is not { } value || value < 0 || value != decimal.Truncate(value))
                {
                    findings.Add(RuleCatalogue.Finding(RuleCatalogue.CellValue, NationalFormat.Describe(ReportFormat.Format2021, row, column)));
                }
            }

            Expect(findings, RuleCatalogue.T3RowTotal, $"{row}",
                t3.ValueOrZero(row, Table3Column.Total), ApplicantColumns.Sum(c => t3.ValueOrZero(row, c)));
        }

        foreach (var column in Enum.GetValues<Table3Column>())
        {
            Expect(findings, RuleCatalogue.T3Balance, $"{column}",
                t3.ValueOrZero(Table3Row.NewReceived, column) + t3.ValueOrZero(Table3Row.CarriedOver, column),
                t3.ValueOrZero(Table3Row.TotalProcessed, column) + t3.ValueOrZero(Table3Row.CarriedForward, column));
            Expect(findings, RuleCatalogue.T3ProcessedTotal, $"{column}",
                t3.ValueOrZero(Table3Row.TotalProcessed, column),
                NationalFormat.OutcomeRows(ReportFormat.Format2021).Sum(r => t3.ValueOrZero(r, column)));
        }

        foreach (var block in Enum.GetValues<Table4Block>())
        {
            var parts = new[] { Table4Column.Upheld, Table4Column.Corrected, Table4Column.Other, Table4Column.Pending };
            Expect(findings, RuleCatalogue.T4BlockTotal, $"{block}",
                report.Table4[block, Table4Column.Total].Value ?? -1, parts.Sum(c => report.Table4[block, c].Value ?? -1));
        }

        return findings;
    }

    public static IReadOnlyList<Finding> CrossYearErrors(AnnualReport previous, AnnualReport current)
    {
        var findings = new List<Finding>();
        foreach (var column in Enum.GetValues<Table3Column>())
        {
            Expect(findings, RuleCatalogue.XYearCarry, $"{column}",
                previous.Table3.ValueOrZero(Table3Row.CarriedForward, column), current.Table3.ValueOrZero(Table3Row.CarriedOver, column));
        }

        return findings;
    }

    public static AnnualReport Report(CaseTableSet tables)
    {
        var report = new AnnualReport { Organization = "测试机关" };
        tables.CopyTo(report);
        return report;
    }

    private static void Expect(List<Finding> findings, string rule, string where, decimal left, decimal right)
    {
        if (left != right)
        {
            findings.Add(RuleCatalogue.Finding(rule, $"{where}: {left} ≠ {right}"));
        }
    }
}

using FsCheck;
using FsCheck.Fluent;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Tests.AnnualReports.Validation;

/// <summary>
/// Random tables built so every identity holds (per applicant column: outcomes, then 四, then 二 within what the
/// column allows, then 一 = （七）+ 四 − 二; 总计 column and table 四 totals as sums) are clean; moving any one cell
/// by 1–5 breaks an identity that names that cell.
/// </summary>
public class TablePropertyTests
{
    private static readonly string[] TableRules =
        [RuleCatalogue.T3Balance, RuleCatalogue.T3RowTotal, RuleCatalogue.T3ProcessedTotal, RuleCatalogue.T4BlockTotal];

    private static readonly Gen<TableData> Tables =
        from format in Gen.Elements(ReportFormat.Format2021, ReportFormat.Format2019)
        from outcomes in Gen.Choose(0, 20).ArrayOf(6 * 21)
        from forward in Gen.Choose(0, 10).ArrayOf(6)
        from split in Gen.Choose(0, 1000).ArrayOf(6)
        from table4 in Gen.Choose(0, 5).ArrayOf(12)
        select new TableData(format, outcomes, forward, split, table4);

    private static readonly Gen<Perturbation> Perturbations =
        from cell in Gen.Choose(0, (Table3.RowCount * Table3.ColumnCount) + (Table4.BlockCount * Table4.ColumnCount) - 1)
        from size in Gen.Choose(1, 5)
        from sign in Gen.Elements(-1, 1)
        select new Perturbation(cell, size * sign);

    [Fact]
    public void Consistent_tables_have_no_table_findings()
    {
        Prop.ForAll(Arb.From(Tables), data =>
        {
            var findings = ReportValidator.Validate(Build(data));
            return findings.All(f => !TableRules.Contains(f.RuleId) && f.RuleId != RuleCatalogue.CellValue);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Moving_one_cell_is_caught_by_a_finding_that_names_it()
    {
        Prop.ForAll(Arb.From(Tables), Arb.From(Perturbations), (data, perturbation) =>
        {
            var report = Build(data);
            if (Perturb(report, perturbation) is not { } path)
            {
                return true;
            }

            return ReportValidator.Validate(report).Any(f => TableRules.Contains(f.RuleId) && f.Cells.Contains(path));
        }).QuickCheckThrowOnFailure();
    }

    // Moves the chosen cell and returns its path; null when the cell is not in the report's format.
    private static string? Perturb(AnnualReport report, Perturbation perturbation)
    {
        var index = perturbation.Cell;
        if (index < Table3.RowCount * Table3.ColumnCount)
        {
            var row = (Table3Row)(index / Table3.ColumnCount);
            var column = (Table3Column)(index % Table3.ColumnCount);
            if (NationalFormat.Table3RowDefinition(report.Format, row) is null)
            {
                return null;
            }

            report.Table3[row, column] = Cell.Of(Moved(report.Table3[row, column].Value!.Value, perturbation.Delta));
            return NationalFormat.PathOf(report.Format, row, column);
        }

        index -= Table3.RowCount * Table3.ColumnCount;
        var block = (Table4Block)(index / Table4.ColumnCount);
        var table4Column = (Table4Column)(index % Table4.ColumnCount);
        report.Table4[block, table4Column] = Cell.Of(Moved(report.Table4[block, table4Column].Value!.Value, perturbation.Delta));
        return NationalFormat.PathOf(block, table4Column);
    }

    // Counts stay non-negative so the change is an arithmetic error, not also a CELL-VALUE one.
    private static decimal Moved(decimal value, int delta) => value + delta >= 0 ? value + delta : value - delta;

    private static AnnualReport Build(TableData data)
    {
        var report = new AnnualReport { Year = data.Format == ReportFormat.Format2019 ? 2020 : 2023, Format = data.Format };
        var outcomes = NationalFormat.OutcomeRows(data.Format);
        var totals = new decimal[Table3.RowCount];
        for (var c = 0; c < 6; c++)
        {
            var column = (Table3Column)c;
            var processed = 0m;
            for (var i = 0; i < outcomes.Count; i++)
            {
                decimal value = data.Outcomes[(c * 21) + i];
                Set(report, totals, outcomes[i], column, value);
                processed += value;
            }

            decimal forward = data.Forward[c];
            var carriedOver = data.Split[c] % (processed + forward + 1);
            Set(report, totals, Table3Row.TotalProcessed, column, processed);
            Set(report, totals, Table3Row.CarriedForward, column, forward);
            Set(report, totals, Table3Row.CarriedOver, column, carriedOver);
            Set(report, totals, Table3Row.NewReceived, column, processed + forward - carriedOver);
        }

        foreach (var definition in NationalFormat.Table3Rows(data.Format))
        {
            report.Table3[definition.Row, Table3Column.Total] = Cell.Of(totals[(int)definition.Row]);
        }

        for (var b = 0; b < Table4.BlockCount; b++)
        {
            var sum = 0m;
            for (var c = 0; c < 4; c++)
            {
                report.Table4[(Table4Block)b, (Table4Column)c] = Cell.Of(data.Table4[(b * 4) + c]);
                sum += data.Table4[(b * 4) + c];
            }

            report.Table4[(Table4Block)b, Table4Column.Total] = Cell.Of(sum);
        }

        return report;
    }

    private static void Set(AnnualReport report, decimal[] totals, Table3Row row, Table3Column column, decimal value)
    {
        report.Table3[row, column] = Cell.Of(value);
        totals[(int)row] += value;
    }

    private sealed record TableData(ReportFormat Format, int[] Outcomes, int[] Forward, int[] Split, int[] Table4);

    private sealed record Perturbation(int Cell, int Delta);
}

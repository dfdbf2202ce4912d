namespace Gongkai.AnnualReports.Validation;

/// <summary>
/// The arithmetic identities of tables 三 and 四 (rules.md §2.1, filling rules 1, 2, 4, 5). A rule judges only when
/// every operand holds a number, so one blank cell never produces a second, derived finding.
/// </summary>
internal static class TableRules
{
    private const int ApplicantColumnCount = 6;

    private static readonly Table3Column[] Columns = Enum.GetValues<Table3Column>();
    private static readonly Table4Block[] Blocks = Enum.GetValues<Table4Block>();
    private static readonly Table4Column[] Table4Parts =
        [Table4Column.Upheld, Table4Column.Corrected, Table4Column.Other, Table4Column.Pending];

    private static readonly Table3Row[] Rows2021 = RowsOf(ReportFormat.Format2021);
    private static readonly Table3Row[] Rows2019 = RowsOf(ReportFormat.Format2019);
    private static readonly Table3Row[] Outcomes2021 = [.. NationalFormat.OutcomeRows(ReportFormat.Format2021)];
    private static readonly Table3Row[] Outcomes2019 = [.. NationalFormat.OutcomeRows(ReportFormat.Format2019)];

    private static readonly string ApplicantColumnList = FindingText.List(NationalFormat.Table3ColumnLabels, ApplicantColumnCount);
    private static readonly string Table4PartList = FindingText.List(NationalFormat.Table4ColumnLabels, Table4Parts.Length);

    /// <summary>The rows of table 三 a format has, in print order.</summary>
    public static Table3Row[] Rows(ReportFormat format) => format == ReportFormat.Format2019 ? Rows2019 : Rows2021;

    /// <summary>T3-BALANCE: per column, 一 + 二 = （七）总计 + 四.</summary>
    public static void CheckBalance(AnnualReport report, List<Finding> findings)
    {
        var table = report.Table3;
        var format = report.Format;
        foreach (var column in Columns)
        {
            var received = table[Table3Row.NewReceived, column];
            var carriedOver = table[Table3Row.CarriedOver, column];
            var processed = table[Table3Row.TotalProcessed, column];
            var carriedForward = table[Table3Row.CarriedForward, column];
            if (received.Value is not { } a || carriedOver.Value is not { } b
                || processed.Value is not { } p || carriedForward.Value is not { } f
                || !TryAdd(a, b, out var left) || !TryAdd(p, f, out var right) || left == right)
            {
                continue;
            }

            var message =
                $"表三{NationalFormat.Table3ColumnLabels[(int)column]}列："
                + $"「{Label(format, Table3Row.NewReceived)}」{FindingText.Number(a)} + 「{Label(format, Table3Row.CarriedOver)}」{FindingText.Number(b)} = {FindingText.Number(left)}，"
                + $"但「{Label(format, Table3Row.TotalProcessed)}」{FindingText.Number(p)} + 「{Label(format, Table3Row.CarriedForward)}」{FindingText.Number(f)} = {FindingText.Number(right)}，"
                + "两者应相等（第一项加第二项之和，等于第三项加第四项之和）。请核对这四个单元格。";
            findings.Add(RuleCatalogue.Finding(
                RuleCatalogue.T3Balance,
                message,
                received.Location,
                [
                    NationalFormat.PathOf(format, Table3Row.NewReceived, column),
                    NationalFormat.PathOf(format, Table3Row.CarriedOver, column),
                    NationalFormat.PathOf(format, Table3Row.TotalProcessed, column),
                    NationalFormat.PathOf(format, Table3Row.CarriedForward, column),
                ],
                FindingText.Number(left),
                FindingText.Number(right)));
        }
    }

    /// <summary>T3-ROW-TOTAL: in every row of the format, 总计 = the six applicant columns.</summary>
    public static void CheckRowTotals(AnnualReport report, List<Finding> findings)
    {
        var table = report.Table3;
        var format = report.Format;
        foreach (var row in Rows(format))
        {
            var total = table[row, Table3Column.Total];
            if (total.Value is not { } actual)
            {
                continue;
            }

            var sum = 0m;
            var complete = true;
            for (var c = 0; c < ApplicantColumnCount && complete; c++)
            {
                complete = table[row, (Table3Column)c].Value is { } value && TryAdd(sum, value, out sum);
            }

            if (!complete || sum == actual)
            {
                continue;
            }

            var cells = new string[ApplicantColumnCount + 1];
            cells[0] = NationalFormat.PathOf(format, row, Table3Column.Total);
            for (var c = 0; c < ApplicantColumnCount; c++)
            {
                cells[c + 1] = NationalFormat.PathOf(format, row, (Table3Column)c);
            }

            findings.Add(RuleCatalogue.Finding(
                RuleCatalogue.T3RowTotal,
                $"{NationalFormat.Describe(format, row, Table3Column.Total)}列应为 {FindingText.Number(sum)}（{ApplicantColumnList}六列之和），实际为 {FindingText.Number(actual)}。请核对该行各列或总计。",
                total.Location,
                cells,
                FindingText.Number(sum),
                FindingText.Number(actual)));
        }
    }

    /// <summary>T3-PROCESSED-TOTAL: per column, （七）总计 = the outcome rows of the format.</summary>
    public static void CheckProcessedTotals(AnnualReport report, List<Finding> findings)
    {
        var table = report.Table3;
        var format = report.Format;
        var outcomes = format == ReportFormat.Format2019 ? Outcomes2019 : Outcomes2021;
        foreach (var column in Columns)
        {
            var total = table[Table3Row.TotalProcessed, column];
            if (total.Value is not { } actual)
            {
                continue;
            }

            var sum = 0m;
            var complete = true;
            for (var i = 0; i < outcomes.Length && complete; i++)
            {
                complete = table[outcomes[i], column].Value is { } value && TryAdd(sum, value, out sum);
            }

            if (!complete || sum == actual)
            {
                continue;
            }

            var cells = new string[outcomes.Length + 1];
            cells[0] = NationalFormat.PathOf(format, Table3Row.TotalProcessed, column);
            for (var i = 0; i < outcomes.Length; i++)
            {
                cells[i + 1] = NationalFormat.PathOf(format, outcomes[i], column);
            }

            findings.Add(RuleCatalogue.Finding(
                RuleCatalogue.T3ProcessedTotal,
                $"{NationalFormat.Describe(format, Table3Row.TotalProcessed, column)}列应为 {FindingText.Number(sum)}（各项办理结果之和），实际为 {FindingText.Number(actual)}。请核对各项办理结果或总计。",
                total.Location,
                cells,
                FindingText.Number(sum),
                FindingText.Number(actual)));
        }
    }

    /// <summary>
    /// T2-STOCK: what is in force at the year's end includes what was issued in the year and not repealed, so
    /// 现行有效件数 ≥ 本年制发件数 − 本年废止件数 (2021); in the 2019 format 对外公开总数量 ≥ 本年新公开数量.
    /// </summary>
    public static void CheckTable2Stock(AnnualReport report, List<Finding> findings)
    {
        var table = report.Table2;
        (Table2Field Added, Table2Field? Removed, Table2Field Stock)[] rows = report.Format == ReportFormat.Format2019
            ?
            [
                (Table2Field.RegulationsPublished2019, null, Table2Field.RegulationsTotal2019),
                (Table2Field.NormativeDocumentsPublished2019, null, Table2Field.NormativeDocumentsTotal2019),
            ]
            :
            [
                (Table2Field.RegulationsIssued, Table2Field.RegulationsRepealed, Table2Field.RegulationsInForce),
                (Table2Field.NormativeDocumentsIssued, Table2Field.NormativeDocumentsRepealed, Table2Field.NormativeDocumentsInForce),
            ];
        foreach (var (added, removed, stock) in rows)
        {
            if (table[added].Value is not { } a || table[stock].Value is not { } total)
            {
                continue;
            }

            var least = a;
            if (removed is { } r)
            {
                if (table[r].Value is not { } repealed)
                {
                    continue;
                }

                least = a - repealed;
            }

            if (total >= least)
            {
                continue;
            }

            var stockDefinition = NationalFormat.Table2FieldDefinition(stock);
            var explanation = removed is { } rf
                ? $"本年制发 {FindingText.Number(a)} 件、废止 {FindingText.Number(table[rf].Value!.Value)} 件"
                : $"本年新公开 {FindingText.Number(a)} 件";
            findings.Add(RuleCatalogue.Finding(
                RuleCatalogue.T2Stock,
                $"表二「{stockDefinition.RowLabel}」{stockDefinition.ColumnLabel}为 {FindingText.Number(total)}，但{explanation}，年末至少应有 {FindingText.Number(least)} 件。请核对这几个单元格。",
                table[stock].Location,
                [NationalFormat.PathOf(added), .. removed is { } x ? [NationalFormat.PathOf(x)] : Array.Empty<string>(), NationalFormat.PathOf(stock)],
                FindingText.Number(least),
                FindingText.Number(total)));
        }
    }

    /// <summary>T4-BLOCK-TOTAL: in each block, 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.</summary>
    public static void CheckTable4Blocks(AnnualReport report, List<Finding> findings)
    {
        var table = report.Table4;
        foreach (var block in Blocks)
        {
            var total = table[block, Table4Column.Total];
            if (total.Value is not { } actual)
            {
                continue;
            }

            var sum = 0m;
            var complete = true;
            for (var i = 0; i < Table4Parts.Length && complete; i++)
            {
                complete = table[block, Table4Parts[i]].Value is { } value && TryAdd(sum, value, out sum);
            }

            if (!complete || sum == actual)
            {
                continue;
            }

            findings.Add(RuleCatalogue.Finding(
                RuleCatalogue.T4BlockTotal,
                $"{NationalFormat.Describe(block, Table4Column.Total)}应为 {FindingText.Number(sum)}（{Table4PartList}之和），实际为 {FindingText.Number(actual)}。请核对该栏各项或总计。",
                total.Location,
                [
                    NationalFormat.PathOf(block, Table4Column.Total),
                    NationalFormat.PathOf(block, Table4Column.Upheld),
                    NationalFormat.PathOf(block, Table4Column.Corrected),
                    NationalFormat.PathOf(block, Table4Column.Other),
                    NationalFormat.PathOf(block, Table4Column.Pending),
                ],
                FindingText.Number(sum),
                FindingText.Number(actual)));
        }
    }

    /// <summary>Adds two cell values; false when the sum exceeds <see cref="decimal"/> (absurd input, nothing to judge).</summary>
    public static bool TryAdd(decimal a, decimal b, out decimal sum)
    {
        try
        {
            sum = a + b;
            return true;
        }
        catch (OverflowException)
        {
            sum = 0;
            return false;
        }
    }

    private static string Label(ReportFormat format, Table3Row row) => NationalFormat.Table3RowDefinition(format, row)!.Label;

    private static Table3Row[] RowsOf(ReportFormat format)
    {
        var definitions = NationalFormat.Table3Rows(format);
        var rows = new Table3Row[definitions.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = definitions[i].Row;
        }

        return rows;
    }
}

namespace Gongkai.AnnualReports.Validation;

/// <summary>
/// Rules that compare a report with the same organisation's report for the year before (rules.md §2.1, filling
/// rule 6): XYEAR-CARRY (this 二 = last 四, per column) and XYEAR-STOCK (现行有效 = last 现行有效 + 本年制发 − 本年废止,
/// 2021 format both years).
/// </summary>
internal static class CrossYearRules
{
    private static readonly Table3Column[] Columns = Enum.GetValues<Table3Column>();

    private static readonly (Table2Field Issued, Table2Field Repealed, Table2Field InForce)[] Stocks =
    [
        (Table2Field.RegulationsIssued, Table2Field.RegulationsRepealed, Table2Field.RegulationsInForce),
        (Table2Field.NormativeDocumentsIssued, Table2Field.NormativeDocumentsRepealed, Table2Field.NormativeDocumentsInForce),
    ];

    /// <summary>
    /// True unless both years are known and the previous report is not for the year before. An implausible year
    /// (<see cref="AnnualReport.IsPlausibleYear"/>) is not known: "year - 1" must not overflow.
    /// </summary>
    public static bool Applies(AnnualReport report, AnnualReport previous) =>
        report.Year is not { } year || !AnnualReport.IsPlausibleYear(year) || previous.Year is not { } before || before == year - 1;

    public static void CheckCarryOver(AnnualReport report, AnnualReport previous, List<Finding> findings)
    {
        var which = PreviousName(previous);
        foreach (var column in Columns)
        {
            var cell = report.Table3[Table3Row.CarriedOver, column];
            if (cell.Value is not { } carried
                || previous.Table3[Table3Row.CarriedForward, column].Value is not { } forward
                || carried == forward)
            {
                continue;
            }

            findings.Add(RuleCatalogue.Finding(
                RuleCatalogue.XYearCarry,
                $"{NationalFormat.Describe(report.Format, Table3Row.CarriedOver, column)}为 {FindingText.Number(carried)}，与{which}{NationalFormat.Describe(previous.Format, Table3Row.CarriedForward, column)} {FindingText.Number(forward)} 不一致，两者应相等。请核对本年上年结转数或上年报告。",
                cell.Location,
                [NationalFormat.PathOf(report.Format, Table3Row.CarriedOver, column)],
                FindingText.Number(forward),
                FindingText.Number(carried)));
        }
    }

    public static void CheckStock(AnnualReport report, AnnualReport previous, List<Finding> findings)
    {
        if (report.Format != ReportFormat.Format2021 || previous.Format != ReportFormat.Format2021)
        {
            return;
        }

        var which = PreviousName(previous);
        foreach (var (issuedField, repealedField, inForceField) in Stocks)
        {
            var cell = report.Table2[inForceField];
            if (cell.Value is not { } inForce
                || previous.Table2[inForceField].Value is not { } before
                || report.Table2[issuedField].Value is not { } issued
                || report.Table2[repealedField].Value is not { } repealed
                || !TableRules.TryAdd(before, issued, out var grown)
                || !TableRules.TryAdd(grown, -repealed, out var expected)
                || expected == inForce)
            {
                continue;
            }

            var inForceLabel = NationalFormat.Table2FieldDefinition(inForceField).ColumnLabel;
            var issuedLabel = NationalFormat.Table2FieldDefinition(issuedField).ColumnLabel;
            var repealedLabel = NationalFormat.Table2FieldDefinition(repealedField).ColumnLabel;
            findings.Add(RuleCatalogue.Finding(
                RuleCatalogue.XYearStock,
                $"{NationalFormat.Describe(inForceField)}应为 {FindingText.Number(expected)}（{which}{inForceLabel} {FindingText.Number(before)} + {issuedLabel} {FindingText.Number(issued)} − {repealedLabel} {FindingText.Number(repealed)}），实际为 {FindingText.Number(inForce)}。请核对{inForceLabel}或{issuedLabel}、{repealedLabel}。",
                cell.Location,
                [NationalFormat.PathOf(inForceField), NationalFormat.PathOf(issuedField), NationalFormat.PathOf(repealedField)],
                FindingText.Number(expected),
                FindingText.Number(inForce)));
        }
    }

    private static string PreviousName(AnnualReport previous) =>
        previous.Year is { } year
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"上一年度（{year} 年）报告")
            : "上一年度报告";
}

namespace Gongkai.AnnualReports.Validation;

/// <summary>
/// Checks an annual report against every rule of <see cref="RuleCatalogue"/> that can be judged from the report
/// model (the PARSE-* rules and FMT-EXTRA-ROW belong to the parser, which sees the source).
/// </summary>
public static class ReportValidator
{
    /// <summary>
    /// Runs all rules. Findings come in catalogue order, and within one rule in table, row, column order (text
    /// rules: section and line order). Arithmetic rules judge only when every operand holds a number; blanks,
    /// placeholders and text are reported once, by CELL-BLANK or CELL-VALUE, and cells the parser could not find
    /// (<see cref="CellKind.Missing"/>) are left to the parser's own findings.
    /// </summary>
    /// <remarks>
    /// An error rests only on cells read with certainty: where the reader was unsure of a cell
    /// (<see cref="CellReading.Unsure"/>) its own reading finding asks a person to check, and no error about the
    /// report is raised on that cell.
    /// </remarks>
    /// <param name="report">The report to check.</param>
    /// <param name="previous">
    /// The same organisation's report for the year before, for the cross-year rules. Ignored when both years are
    /// known and are not consecutive.
    /// </param>
    public static IReadOnlyList<Finding> Validate(AnnualReport report, AnnualReport? previous = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var findings = new List<Finding>();

        TableRules.CheckBalance(report, findings);
        TableRules.CheckRowTotals(report, findings);
        TableRules.CheckProcessedTotals(report, findings);
        TableRules.CheckTable4Blocks(report, findings);
        TableRules.CheckTable2Stock(report, findings);
        CellRules.CheckValues(report, findings);
        CellRules.CheckBlanks(report, findings);
        CellRules.CheckFeeUnit(report, findings);
        FormatRules.CheckHeaders(report, findings);
        FormatRules.CheckSections(report, findings);
        FormatRules.CheckOldFormat(report, findings);

        var narrative = NarrativeText.Of(report);
        NarrativeRules.CheckYear(report, narrative, findings);
        TextTableRules.Check(report, narrative, findings);
        NarrativeRules.CheckSums(narrative, findings);
        NarrativeRules.CheckProblemsSection(report, findings);
        NarrativeRules.CheckFeeStatement(report, findings);

        if (previous is not null && CrossYearRules.Applies(report, previous))
        {
            CrossYearRules.CheckCarryOver(report, previous, findings);
            CrossYearRules.CheckStock(report, previous, findings);
        }

        DropErrorsOnUnsureCells(report, findings);
        return findings;
    }

    private static void DropErrorsOnUnsureCells(AnnualReport report, List<Finding> findings)
    {
        var unsure = FormatCell.All(report.Format).Where(c => !c.Get(report).IsCertain).Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        if (unsure.Count > 0)
        {
            findings.RemoveAll(f => f.Severity == Severity.Error && f.Cells.Any(unsure.Contains));
        }
    }
}

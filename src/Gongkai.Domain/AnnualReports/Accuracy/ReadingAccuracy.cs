using Gongkai.AnnualReports.Validation;

namespace Gongkai.AnnualReports.Accuracy;

/// <summary>How one real report was read, against what a person read in it.</summary>
/// <param name="File">The source file's name.</param>
/// <param name="Layout">Its layout class (pdf, html-page, text-flattened …) from the expected file.</param>
/// <param name="ReadError">Why the file could not be read at all, or null.</param>
/// <param name="HeaderDifferences">Organisation, year or format read differently from the expected, as messages.</param>
/// <param name="Cells">The number of cells of the report's format.</param>
/// <param name="ExactCells">Cells whose value (or absence of a number) is the expected one.</param>
/// <param name="FlaggedCells">Cells read differently but named by a reading finding or marked unsure: a person is asked to check them.</param>
/// <param name="WrongCells">Paths of cells read differently with nothing to say so: silently wrong.</param>
/// <param name="UnsureCells">Paths of cells the reader marked unsure, right or wrong.</param>
/// <param name="FalseErrors">Errors about the report that no real defect explains.</param>
/// <param name="MissedDefects">Real defects no finding points at.</param>
public sealed record FileAccuracy(
    string File,
    string Layout,
    string? ReadError,
    IReadOnlyList<string> HeaderDifferences,
    int Cells,
    int ExactCells,
    IReadOnlyList<string> FlaggedCells,
    IReadOnlyList<string> WrongCells,
    IReadOnlyList<string> UnsureCells,
    IReadOnlyList<Finding> FalseErrors,
    IReadOnlyList<ExpectedDefect> MissedDefects)
{
    /// <summary>Read, with the organisation, year, format and every cell as expected.</summary>
    public bool IsExact => ReadError is null && HeaderDifferences.Count == 0 && ExactCells == Cells;
}

/// <summary>Compares a reading of a real report with the values a person read in it by eye.</summary>
public static class ReadingAccuracy
{
    /// <summary>
    /// Compares. <paramref name="findings"/> are all findings of the check (the reader's and the rules'); a cell is
    /// flagged when the reader marked it unsure or a review finding names it.
    /// </summary>
    public static FileAccuracy Compare(string file, ExpectedReading expected, AnnualReport? actual, IReadOnlyList<Finding> findings, string? readError = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(findings);
        var formatCells = FormatCell.All(expected.Report.Format);
        if (actual is null)
        {
            return new FileAccuracy(file, expected.Layout, readError ?? "未读取", [], formatCells.Count, 0, [], [], [], [], expected.Defects);
        }

        var header = new List<string>();
        if (!string.Equals(actual.Organization, expected.Report.Organization, StringComparison.Ordinal))
        {
            header.Add($"机关名称读作“{actual.Organization}”，应为“{expected.Report.Organization}”");
        }

        if (actual.Year != expected.Report.Year)
        {
            header.Add($"年度读作 {actual.Year}，应为 {expected.Report.Year}");
        }

        if (actual.Format != expected.Report.Format)
        {
            header.Add($"格式读作 {Json.ReportJson.FormatName(actual.Format)}，应为 {Json.ReportJson.FormatName(expected.Report.Format)}");
        }

        var reviewed = new HashSet<string>(
            findings.Where(f => f.Severity == Severity.Review).SelectMany(f => f.Cells), StringComparer.Ordinal);
        var exact = 0;
        var flagged = new List<string>();
        var wrong = new List<string>();
        var unsure = new List<string>();
        // A report read in the other format has other cells: compared by path, those it lacks are missing.
        var actualCells = FormatCell.All(actual.Format).ToDictionary(c => c.Path, c => c.Get(actual), StringComparer.Ordinal);
        foreach (var formatCell in formatCells)
        {
            var want = formatCell.Get(expected.Report).Value;
            var got = actualCells.GetValueOrDefault(formatCell.Path) ?? Cell.Missing;
            if (!got.IsCertain)
            {
                unsure.Add(formatCell.Path);
            }

            if (got.Value == want)
            {
                exact++;
            }
            else if (!got.IsCertain || reviewed.Contains(formatCell.Path))
            {
                flagged.Add(formatCell.Path);
            }
            else
            {
                wrong.Add(formatCell.Path);
            }
        }

        var falseErrors = findings.Where(f => f.Severity == Severity.Error && !expected.Defects.Any(d => Explains(d, f))).ToList();
        var missed = expected.Defects.Where(d => !findings.Any(f => f.Severity != Severity.Info && Explains(d, f))).ToList();
        return new FileAccuracy(file, expected.Layout, null, header, formatCells.Count, exact, flagged, wrong, unsure, falseErrors, missed);
    }

    /// <summary>A finding reports a defect when it names one of its cells or, for a defect of no cell, is of one of its rules.</summary>
    private static bool Explains(ExpectedDefect defect, Finding finding) =>
        defect.Rules.Contains(finding.RuleId, StringComparer.Ordinal)
        || (defect.Cells.Count > 0 && finding.Cells.Any(cell => defect.Cells.Any(path => Covers(path, cell))));

    /// <summary>A defect's path names a cell or a whole row/block ("table3.otherDisposal" covers its rows' cells).</summary>
    private static bool Covers(string path, string cell) =>
        string.Equals(path, cell, StringComparison.Ordinal)
        || (cell.StartsWith(path, StringComparison.Ordinal) && cell.Length > path.Length && cell[path.Length] == '.');
}

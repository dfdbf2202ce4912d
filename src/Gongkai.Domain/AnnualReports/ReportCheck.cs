using Gongkai.AnnualReports.Parsing;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.AnnualReports;

/// <summary>One checked input: the report understood from it and every finding, or why it could not be read.</summary>
/// <param name="File">The input's path as given.</param>
/// <param name="Report">The report, or null when the input could not be read.</param>
/// <param name="Findings">The parser's findings, then the validator's.</param>
/// <param name="ReadError">Why the input could not be read at all, in Chinese; null when it was read.</param>
public sealed record CheckedReport(string File, AnnualReport? Report, IReadOnlyList<Finding> Findings, string? ReadError = null)
{
    public bool WasRead => ReadError is null;

    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);
}

/// <summary>The findings of a parsed report, as `gongkai report check` and the platform give them.</summary>
public static class ReportCheck
{
    /// <summary>The parser's findings followed by every rule's findings; cross-year rules when a previous year is given.</summary>
    public static IReadOnlyList<Finding> Findings(ReportParseResult parsed, AnnualReport? previous = null)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return [.. parsed.Findings, .. ReportValidator.Validate(parsed.Report, previous)];
    }
}

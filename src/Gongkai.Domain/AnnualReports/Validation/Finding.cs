namespace Gongkai.AnnualReports.Validation;

/// <summary>How serious a finding is. Only <see cref="Error"/> makes a report fail a check.</summary>
public enum Severity
{
    /// <summary>The report is wrong: an identity does not hold, a required part is missing. Raised only on cells read with certainty.</summary>
    Error,

    /// <summary>The report is probably wrong or departs from the format.</summary>
    Warning,

    Info,

    /// <summary>
    /// 待核对: the reader is not sure what the source says (digits that can be split several ways, a row it could not
    /// find). Addressed to the person checking, not a judgement of the report.
    /// </summary>
    Review,
}

/// <summary>Why a rule holds.</summary>
public enum RuleBasis
{
    /// <summary>法定: the regulation or the national format states it (a printed identity, a label, a total's definition).</summary>
    Statutory,

    /// <summary>经验: a pattern that usually means a mistake; may be wrong on an unusual report.</summary>
    Heuristic,
}

/// <summary>A rule of the catalogue: stable id, severity, basis and what it checks, in Chinese.</summary>
public sealed record RuleDefinition(string Id, Severity Severity, RuleBasis Basis, string Title, string Description);

/// <summary>
/// One thing a check found in one report. <see cref="Cells"/> lists the cell paths involved (e.g.
/// "table3.totalProcessed.total"); <see cref="Location"/> is where the first of them, or the offending line, is in
/// the source.
/// </summary>
public sealed record Finding(
    string RuleId,
    Severity Severity,
    string Message,
    SourceLocation? Location = null,
    IReadOnlyList<string>? Cells = null,
    string? Expected = null,
    string? Actual = null)
{
    public IReadOnlyList<string> Cells { get; init; } = Cells ?? [];
}

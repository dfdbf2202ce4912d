namespace Gongkai.AnnualReports.Validation;

/// <summary>How serious a finding is. Only <see cref="Error"/> makes a report fail a check.</summary>
public enum Severity
{
    /// <summary>The report is wrong: an identity does not hold, a required part is missing. Raised only on cells read with certainty.</summary>
    Error,

    /// <summary>
    /// 待核对: the reader is not sure what the source says (digits that can be split several ways, a row it could not
    /// find). Addressed to the person checking, not a judgement of the report.
    /// </summary>
    Review,

    /// <summary>The report is probably wrong or departs from the format.</summary>
    Warning,

    Info,
}

/// <summary>The words for severities, on every page, in the CLI and in exports.</summary>
public static class SeverityText
{
    /// <summary>错误, 待核对, 警告, 提示.</summary>
    public static string Label(Severity severity) => severity switch
    {
        Severity.Error => "错误",
        Severity.Review => "待核对",
        Severity.Warning => "警告",
        _ => "提示",
    };

    /// <summary>The name in JSON output: error, review, warning, info.</summary>
    public static string Name(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Review => "review",
        Severity.Warning => "warning",
        _ => "info",
    };
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

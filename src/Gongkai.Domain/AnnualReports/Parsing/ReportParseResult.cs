using Gongkai.AnnualReports.Validation;

namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// What the recognizer understood of a source and what it could not: <see cref="Findings"/> holds the parser's own
/// findings (PARSE-*, FMT-EXTRA-ROW), each pointing at a line or cell.
/// </summary>
public sealed record ReportParseResult(AnnualReport Report, IReadOnlyList<Finding> Findings);

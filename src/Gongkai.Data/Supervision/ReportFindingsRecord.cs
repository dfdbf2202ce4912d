namespace Gongkai.Data.Supervision;

/// <summary>
/// The findings of one published report version (an <c>AnnualReports</c> row) or one confirmed collected report (a
/// <c>CollectedReports</c> row), as a supervisor sees them, stored so that a region's overview does not validate every
/// report on every request (ADR 0013, "Findings per report version, stored"). A published version and a collected file
/// never change; their findings depend only on them, on the report of the year before they were checked against
/// (<see cref="PreviousId"/>) and on the rules (<see cref="RulesVersion"/>). A row whose key no longer matches what a
/// reader would check against is computed again and replaced; it is never shown.
/// </summary>
public sealed class ReportFindingsRecord
{
    /// <summary>The id of the <c>AnnualReports</c> or <c>CollectedReports</c> row the findings are of.</summary>
    public Guid ReportId { get; set; }

    /// <summary>The year before's report (either table) the cross-year rules compared with; null when there was none.</summary>
    public Guid? PreviousId { get; set; }

    /// <summary>The build of the rules and of the report's reading the findings were computed by.</summary>
    public required string RulesVersion { get; set; }

    public int Errors { get; set; }

    public int Warnings { get; set; }

    /// <summary>Every finding, in the validator's order, as a JSON array.</summary>
    public required string FindingsJson { get; set; }

    public DateTime ComputedAtUtc { get; set; }
}

namespace Gongkai.Data.AnnualReports;

public enum AnnualReportStatus
{
    Draft = 1,
    Published = 2,
}

/// <summary>
/// One version of an agency's annual report for a year, as the JSON form (gongkai-annual-report/v1). Publishing
/// freezes a version; later edits make a new draft version. The public and supervisors see the latest published one.
/// </summary>
public sealed class AnnualReportRecord
{
    public Guid Id { get; set; }

    public Guid AgencyId { get; set; }

    public int Year { get; set; }

    public int Version { get; set; }

    public AnnualReportStatus Status { get; set; }

    /// <summary>The report in the JSON form.</summary>
    public required string Json { get; set; }

    /// <summary>Where the table 二 figures came from, per cell path, as JSON ({"table2.licensing": "行政审批科台账"}).</summary>
    public string? Table2Sources { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public required string UpdatedBy { get; set; }

    public DateTime? PublishedAtUtc { get; set; }

    public string? PublishedBy { get; set; }
}

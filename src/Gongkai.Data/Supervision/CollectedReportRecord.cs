namespace Gongkai.Data.Supervision;

/// <summary>Whether a collected report has been assigned to its agency by a person.</summary>
public enum CollectedReportStatus
{
    /// <summary>Read and checked; the agency is only a suggestion from the organisation name the parser read.</summary>
    Unconfirmed = 1,

    /// <summary>A supervisor confirmed the agency and year: the report counts in the dashboard and aggregation.</summary>
    Confirmed = 2,
}

/// <summary>
/// A published annual report of an agency that does not use the platform, collected by a supervising office (政务公开办)
/// from a file (any format the report engine reads). The report is kept in its JSON form (gongkai-annual-report/v1) with
/// the parser's own findings; the rule findings are recomputed when it is shown. Invariant: a confirmed record has an
/// agency and a year.
/// </summary>
public sealed class CollectedReportRecord
{
    public Guid Id { get; set; }

    /// <summary>The supervising office's agency that collected it: its region subtree is where the report may be assigned.</summary>
    public Guid CollectedByAgencyId { get; set; }

    /// <summary>The agency the report belongs to: suggested from the organisation name, confirmed by hand.</summary>
    public Guid? AgencyId { get; set; }

    public int? Year { get; set; }

    public CollectedReportStatus Status { get; set; }

    public required string FileName { get; set; }

    /// <summary>Lower-case hex SHA-256 of the uploaded file, so the same file collected twice is recognised.</summary>
    public required string Sha256 { get; set; }

    public long Size { get; set; }

    /// <summary>The organisation name as the parser read it from the title.</summary>
    public string? Organization { get; set; }

    public string? Title { get; set; }

    /// <summary>The report as read, in the JSON form.</summary>
    public required string Json { get; set; }

    /// <summary>The parser's findings (PARSE-*, FMT-EXTRA-ROW) as a JSON array; they need the source and cannot be recomputed.</summary>
    public required string ParseFindings { get; set; }

    /// <summary>The date the agency published the report, when the supervisor knows it (for the Art. 49 deadline).</summary>
    public DateOnly? PublishedOn { get; set; }

    public DateTime UploadedAtUtc { get; set; }

    public required string UploadedBy { get; set; }

    public DateTime? ConfirmedAtUtc { get; set; }

    public string? ConfirmedBy { get; set; }
}

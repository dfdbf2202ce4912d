using Gongkai.Supervision;

namespace Gongkai.Data.Supervision;

/// <summary>
/// A version of a region's assessment scheme for one kind of period. Rows are never updated: editing adds the next
/// version, effective from <see cref="EffectiveFrom"/> (a period key, "2025Q3" or "2025"). The lines are JSON
/// (<c>SchemeIndicator</c> records): a scheme is read and written whole.
/// </summary>
public sealed class AssessmentSchemeRecord
{
    public Guid Id { get; set; }

    public Guid RegionId { get; set; }

    public PeriodKind Kind { get; set; }

    public int Version { get; set; }

    public required string EffectiveFrom { get; set; }

    public required string IndicatorsJson { get; set; }

    /// <summary>Why this version was made (修订说明).</summary>
    public string? Note { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public required string CreatedBy { get; set; }
}

/// <summary>
/// The stored results of a closed period (考核结果定稿): the ranking as it was published, with the scheme version it
/// was scored under, so a published ranking never changes when data or schemes do. One per region and period.
/// </summary>
public sealed class AssessmentResultRecord
{
    public Guid Id { get; set; }

    public Guid RegionId { get; set; }

    public required string PeriodKey { get; set; }

    public Guid SchemeId { get; set; }

    public required string ResultsJson { get; set; }

    public DateTime ClosedAtUtc { get; set; }

    public required string ClosedBy { get; set; }

    /// <summary>The 考核通报 as published to the portal (JSON), or null while it is not public.</summary>
    public string? BulletinJson { get; set; }

    public DateTime? PublishedAtUtc { get; set; }

    public string? PublishedBy { get; set; }
}

/// <summary>A supervisor's score for a manual line of a scheme, for one agency and period, with the reason.</summary>
public sealed class ManualScoreRecord
{
    public Guid Id { get; set; }

    public Guid SchemeId { get; set; }

    public required string PeriodKey { get; set; }

    public Guid AgencyId { get; set; }

    /// <summary>The line's position in the scheme version.</summary>
    public int Line { get; set; }

    /// <summary>得分率 in whole percent, 0–100.</summary>
    public int Rate { get; set; }

    public required string Note { get; set; }

    /// <summary>An evidence file (证明材料) in the file store, if one was attached.</summary>
    public Guid? EvidenceId { get; set; }

    public DateTime ScoredAtUtc { get; set; }

    public required string ScoredBy { get; set; }
}

/// <summary>
/// A rectification (整改) a supervising office raised to an agency of its region. <see cref="SourceRef"/> names what it
/// came from (a rule id with <see cref="ReportYear"/>, a case number, an item id); its steps are in the audit log.
/// </summary>
public sealed class RectificationRecord
{
    public Guid Id { get; set; }

    public Guid AgencyId { get; set; }

    public Guid RaisedByAgencyId { get; set; }

    public RectificationSource Source { get; set; }

    public string? SourceRef { get; set; }

    public int? ReportYear { get; set; }

    public required string Title { get; set; }

    public required string Detail { get; set; }

    public DateOnly RaisedOn { get; set; }

    public int WorkingDays { get; set; }

    public DateOnly DueOn { get; set; }

    public RectificationState State { get; set; } = RectificationState.Raised;

    /// <summary>The agency's latest answer: what it changed and where to see it.</summary>
    public string? Answer { get; set; }

    public DateOnly? AnsweredOn { get; set; }

    /// <summary>Files the agency attached to its latest answer (ids in the file store, comma-separated).</summary>
    public string? AnswerFiles { get; set; }

    public string? ReturnReason { get; set; }

    public DateOnly? ClosedOn { get; set; }

    public required string RaisedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency: two people acting on the same step at once cannot both succeed.</summary>
    public int Revision { get; set; }
}

/// <summary>
/// The ranking of an open period computed in the background (one per region and period): the same
/// <c>RankedScore</c> JSON as <see cref="AssessmentResultRecord.ResultsJson"/>, over every agency of the region's
/// subtree, with the scheme version it was scored under and when. <see cref="State"/> is the background job's
/// (排队中 → 计算中 → 已完成 or 失败, claimed by one node with a conditional update); a recomputation keeps the last
/// results readable until it stores the new ones.
/// </summary>
public sealed class AssessmentSnapshotRecord
{
    public Guid Id { get; set; }

    public Guid RegionId { get; set; }

    public required string PeriodKey { get; set; }

    public Jobs.RenderJobState State { get; set; }

    /// <summary>The scheme version of <see cref="ResultsJson"/>; null until first computed.</summary>
    public Guid? SchemeId { get; set; }

    /// <summary>The ranking (<c>RankedScore</c> list) as last computed, or null before the first computation.</summary>
    public string? ResultsJson { get; set; }

    /// <summary>When <see cref="ResultsJson"/> was computed (数据截至).</summary>
    public DateTime? ComputedAtUtc { get; set; }

    /// <summary>How long the last computation took, in milliseconds.</summary>
    public int? DurationMs { get; set; }

    /// <summary>Why the last computation failed, in Chinese.</summary>
    public string? Failure { get; set; }

    /// <summary>Every claim of the row's life (it names a computation: only a claim changes <see cref="ResultsJson"/>).</summary>
    public int Attempts { get; set; }

    /// <summary>The claims since the row was last queued; at the configured maximum a stale claim ends 失败 instead of being taken over.</summary>
    public int Claims { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedAtUtc { get; set; }

    /// <summary>Who asked last (a supervisor's name, or 系统 when a stale ranking was read).</summary>
    public required string RequestedBy { get; set; }

    public DateTime RequestedAtUtc { get; set; }
}

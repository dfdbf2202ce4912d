namespace Gongkai.Data.Supervision;

/// <summary>
/// A spot check (抽查) of one agency's published catalogue items: the sample was drawn on <see cref="DrawnOn"/> from
/// <see cref="Population"/> items with <see cref="Seed"/>, so the same seed over the same items draws the same sample.
/// The checklist it asks is stored with it (JSON of <c>ChecklistQuestion</c>), as it was on that day.
/// </summary>
public sealed class SpotCheckRecord
{
    public Guid Id { get; set; }

    public Guid AgencyId { get; set; }

    /// <summary>The supervising office that made the check.</summary>
    public Guid RaisedByAgencyId { get; set; }

    public DateOnly DrawnOn { get; set; }

    public int Seed { get; set; }

    /// <summary>The sample size asked for (the sample is smaller when fewer items were published).</summary>
    public int SampleSize { get; set; }

    /// <summary>How many published items the sample was drawn from.</summary>
    public int Population { get; set; }

    public required string ChecklistJson { get; set; }

    /// <summary>The region's checklist version the questions were taken from, or null for the built-in default list.</summary>
    public Guid? ChecklistId { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>One sampled catalogue item of a spot check; checked when <see cref="CheckedOn"/> is set.</summary>
public sealed class SpotCheckItemRecord
{
    public Guid Id { get; set; }

    public Guid SpotCheckId { get; set; }

    /// <summary>The order in which the item was drawn (1, 2, …).</summary>
    public int Position { get; set; }

    public Guid CatalogItemId { get; set; }

    public DateOnly? CheckedOn { get; set; }

    public string? CheckedBy { get; set; }
}

/// <summary>
/// A problem found on a sampled item: the checklist question it fails, the checker's note and an optional evidence
/// file (a screenshot) in the attachment store. A rectification raised from it names it in its source.
/// </summary>
public sealed class SpotCheckProblemRecord
{
    public Guid Id { get; set; }

    public Guid SpotCheckItemId { get; set; }

    public required string QuestionKey { get; set; }

    public required string Note { get; set; }

    public Guid? EvidenceId { get; set; }
}

/// <summary>
/// A version of a region's spot-check checklist (抽查检查项). Rows are never updated: an edit adds the next version,
/// in force from when it is saved for checks drawn afterwards; a check keeps the questions it was drawn with
/// (<see cref="SpotCheckRecord.ChecklistJson"/>). The questions are JSON (<c>ChecklistQuestion</c> records).
/// </summary>
public sealed class SpotChecklistRecord
{
    public Guid Id { get; set; }

    public Guid RegionId { get; set; }

    public int Version { get; set; }

    public required string QuestionsJson { get; set; }

    /// <summary>Why this version was made (修订说明).</summary>
    public string? Note { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public required string CreatedBy { get; set; }
}

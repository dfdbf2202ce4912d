namespace Gongkai.Data.Applications;

/// <summary>Why two applications are linked.</summary>
public enum ApplicationLinkKind
{
    /// <summary>The later application repeats the earlier one (条例第三十六条第（六）项 may apply).</summary>
    Duplicate = 1,

    /// <summary>
    /// The later application is the earlier one forwarded, with the applicant's consent, to the competent agency on the
    /// platform (条例第三十六条第（五）项); the two belong to different agencies. At most one per earlier application.
    /// </summary>
    Transfer = 2,
}

/// <summary>
/// Two applications a handler linked: <see cref="LaterId"/> relates to <see cref="EarlierId"/> as <see cref="Kind"/>
/// says. Each case page shows its links in both directions; one row per pair and kind.
/// </summary>
public sealed class ApplicationLinkRecord
{
    public Guid Id { get; set; }

    public Guid EarlierId { get; set; }

    public Guid LaterId { get; set; }

    public ApplicationLinkKind Kind { get; set; }

    public required string CreatedByName { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

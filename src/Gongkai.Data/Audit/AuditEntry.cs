namespace Gongkai.Data.Audit;

/// <summary>
/// One line of the audit log: every state change and every view of an applicant's personal data. Append-only.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }

    public DateTime AtUtc { get; set; }

    public Guid? UserId { get; set; }

    public required string UserName { get; set; }

    public Guid? AgencyId { get; set; }

    /// <summary>What happened, a stable code such as "application.registered" or "applicant.viewed".</summary>
    public required string Action { get; set; }

    /// <summary>The kind of thing acted on, e.g. "Application".</summary>
    public required string EntityType { get; set; }

    public string? EntityId { get; set; }

    /// <summary>A Chinese sentence for the log reader.</summary>
    public required string Summary { get; set; }

    public string? IpAddress { get; set; }
}

using Gongkai.Applications;

namespace Gongkai.Data.Applications;

/// <summary>
/// A disclosure application as stored: who applied (personal data: shown only to the handling agency's staff, every
/// view audited), what was asked, how it arrived, and a snapshot of the case engine's state for queues and reports.
/// The events (<see cref="ApplicationEventRecord"/>) are the record; the snapshot columns are recomputed from them
/// on every change (<see cref="CaseStore"/>).
/// </summary>
public sealed class ApplicationRecord
{
    public Guid Id { get; set; }

    public Guid AgencyId { get; set; }

    /// <summary>The agency's registration number, e.g. "2024-0012" (unique per agency).</summary>
    public required string Number { get; set; }

    /// <summary>The code the applicant uses with the phone number to follow the case (unique).</summary>
    public required string ReceiptCode { get; set; }

    // ---- applicant (personal data) ----
    public ApplicantType ApplicantType { get; set; }

    public required string ApplicantName { get; set; }

    /// <summary>身份证明 kind; null when a registered letter gave none.</summary>
    public IdentityDocument? IdDocumentType { get; set; }

    public string? IdNumber { get; set; }

    /// <summary>For legal persons and other organisations: the contact person.</summary>
    public string? ContactPerson { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }

    public string? PostalCode { get; set; }

    // ---- the request ----
    /// <summary>所需政府信息的名称、文号或者便于查询的其他特征性描述.</summary>
    public required string Description { get; set; }

    /// <summary>所需政府信息的指定提供载体形式; null when not stated.</summary>
    public RequestedForm? RequestedForm { get; set; }

    /// <summary>获取方式; null when not stated.</summary>
    public DeliveryPreference? DeliveryPreference { get; set; }

    /// <summary>How the applicant agreed to be told of the progress; null (as none) for applications before consent was asked.</summary>
    public ApplicantNotice? Notify { get; set; }

    /// <summary>
    /// The applicant agreed to be forwarded to the competent agency on the platform (条例第三十六条第（五）项,
    /// <see cref="Forwarding"/>); null (as no) for applications before the forms asked.
    /// </summary>
    public bool? ForwardConsent { get; set; }

    // ---- receipt (条例第三十一条) ----
    public ReceiptChannel Channel { get; set; }

    public DateOnly ArrivedOn { get; set; }

    public DateOnly? ConfirmedOn { get; set; }

    public bool SubmittedOnline { get; set; }

    // ---- snapshot of the case engine's view, for queries ----
    /// <summary>Day 0 of the reply period (the receipt date); the submission day while an online application awaits confirmation (<see cref="ConfirmedOn"/> null).</summary>
    public DateOnly ReceivedOn { get; set; }

    public CaseState State { get; set; }

    public DateOnly? DueOn { get; set; }

    /// <summary>The due date runs into a year whose holiday notice is not loaded.</summary>
    public bool DueIsProvisional { get; set; }

    /// <summary>
    /// The due date before loading a holiday notice moved it, until a member who acts on the case has opened it: the
    /// handler is told on 工作台 that the deadline moved and from when. Null when nothing moved or it has been seen.
    /// </summary>
    public DateOnly? DueMovedFrom { get; set; }

    public Outcome? Outcome { get; set; }

    public DateOnly? ConcludedOn { get; set; }

    public Guid? HandlerId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency: two people acting on one case at once cannot both win.</summary>
    public int Version { get; set; }

    // ---- an extension asked for by the handler, waiting for the office head (条例第三十三条) ----
    /// <summary>
    /// Working days asked for; null exactly when no request is waiting. A request is not an event of the case: only
    /// the office head's approval is (<see cref="ExtensionApproved"/>). Cleared when approved, rejected or the case closes.
    /// </summary>
    public int? ExtensionRequestedDays { get; set; }

    public string? ExtensionRequestReason { get; set; }

    public Guid? ExtensionRequestedById { get; set; }

    public string? ExtensionRequestedByName { get; set; }

    public DateOnly? ExtensionRequestedOn { get; set; }

    public List<ApplicationEventRecord> Events { get; } = [];
}

/// <summary>One lifecycle event of an application, in order. <see cref="Data"/> holds the event's own fields as JSON.</summary>
public sealed class ApplicationEventRecord
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public int Sequence { get; set; }

    /// <summary>The event type, e.g. "Registered", "ExtensionApproved".</summary>
    public required string Kind { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>The legal date of the event (China time), what the periods count.</summary>
    public DateOnly Date { get; set; }

    public required string ActorName { get; set; }

    public ActorRole ActorRole { get; set; }

    public Guid? ActorUserId { get; set; }

    public required string Data { get; set; }

    /// <summary>A Chinese sentence for the case history.</summary>
    public required string Summary { get; set; }
}

/// <summary>A reconsideration (行政复议) or lawsuit (行政诉讼) about an application, feeding table 四.</summary>
public sealed class ReviewCaseRecord
{
    public Guid Id { get; set; }

    public Guid AgencyId { get; set; }

    public Guid ApplicationId { get; set; }

    public ReviewKind Kind { get; set; }

    public DateOnly FiledOn { get; set; }

    public ReviewResult Result { get; set; }

    public DateOnly? ConcludedOn { get; set; }

    /// <summary>复议机关 or 人民法院.</summary>
    public string? Body { get; set; }

    /// <summary>案号, e.g. （2024）豫0726行初12号.</summary>
    public string? CaseNumber { get; set; }

    public string? Notes { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

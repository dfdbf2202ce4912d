namespace Gongkai.Data.Applications;

/// <summary>What a stored file is for.</summary>
public enum AttachmentKind
{
    /// <summary>The application as received (scan, letter, form).</summary>
    Application = 1,

    /// <summary>A document provided to the applicant.</summary>
    Disclosed = 2,

    /// <summary>A signed or sealed reply letter.</summary>
    Letter = 3,

    /// <summary>Any other supporting document (delivery receipt, consultation reply…).</summary>
    Other = 4,

    /// <summary>A file of a catalogue item.</summary>
    Catalog = 5,

    /// <summary>What the applicant sent in answer to a correction request (补正材料), text or file.</summary>
    Correction = 6,

    /// <summary>Evidence a supervisor keeps (证明材料): a spot-check problem's screenshot, a manual score's proof.</summary>
    Evidence = 7,
}

/// <summary>
/// A file attached to an application or catalogue item. The bytes live outside the database, under their SHA-256 in
/// the file store; identical uploads share one stored file.
/// </summary>
public sealed class AttachmentRecord
{
    public Guid Id { get; set; }

    public Guid AgencyId { get; set; }

    /// <summary>The application or catalogue item the file belongs to.</summary>
    public Guid OwnerId { get; set; }

    public AttachmentKind Kind { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of the content: the file's name in the store.</summary>
    public required string Sha256 { get; set; }

    /// <summary>Whether the applicant may download it from the status page.</summary>
    public bool VisibleToApplicant { get; set; }

    public DateTime UploadedAtUtc { get; set; }

    public required string UploadedBy { get; set; }
}

/// <summary>
/// A letter to the applicant, a third party or another agency (答复书、补正告知书…), drafted from a template and
/// approved and issued. Invariants: an issued letter is never changed again; <see cref="NumberSeries"/> and
/// <see cref="NumberSequence"/> are set together, only for numbers the platform assigned, and are unique per agency.
/// </summary>
public sealed class LetterRecord
{
    public Guid Id { get; set; }

    public Guid AgencyId { get; set; }

    public Guid ApplicationId { get; set; }

    /// <summary>The template kind, e.g. "Reply.Granted", "Correction", "Extension", "Consultation.ThirdParty", "FeeNotice".</summary>
    public required string Kind { get; set; }

    /// <summary>文号, e.g. 示教公复〔2024〕12号: typed by staff, or assigned on approval from the template's pattern.</summary>
    public string? Number { get; set; }

    /// <summary>The number pattern with agency and year filled in, e.g. "示教公复〔2024〕{序号}号"; null for typed numbers.</summary>
    public string? NumberSeries { get; set; }

    /// <summary>The 序号 within <see cref="NumberSeries"/>.</summary>
    public int? NumberSequence { get; set; }

    /// <summary>To whom the letter is addressed: the applicant, or the consulted third party or agency.</summary>
    public required string Recipient { get; set; }

    public required string Title { get; set; }

    /// <summary>The text, one paragraph per line.</summary>
    public required string Body { get; set; }

    public LetterStatus Status { get; set; }

    /// <summary>成文日期 (China date of approval): the date printed under the seal.</summary>
    public DateOnly? IssuedOn { get; set; }

    /// <summary>For reply letters: the reasons the case records with the outcome (答复理由), written on the letter.</summary>
    public string? Reason { get; set; }

    /// <summary>
    /// For a reply that the information is not this agency's to disclose (条例第三十六条第（五）项): the competent agency
    /// when it is on the platform (the case may then be forwarded to it), null otherwise.
    /// </summary>
    public Guid? CompetentAgencyId { get; set; }

    /// <summary>The competent agency's name as the letter gives it ({负责公开机关}).</summary>
    public string? CompetentAgencyName { get; set; }

    /// <summary>The competent agency's address and telephone as the letter gives them.</summary>
    public string? CompetentAgencyContact { get; set; }

    public DateTime? SubmittedAtUtc { get; set; }

    public string? SubmittedByName { get; set; }

    /// <summary>Why the reviewer last returned it (kept after a resubmission, so the history stays readable).</summary>
    public string? ReturnReason { get; set; }

    public string? ReturnedByName { get; set; }

    public DateTime? ReturnedAtUtc { get; set; }

    public Guid? ApprovedById { get; set; }

    public string? ApprovedByName { get; set; }

    public DateTime? ApprovedAtUtc { get; set; }

    public string? IssuedByName { get; set; }

    public DateTime? IssuedAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Whether the applicant may download it from the status page (issued letters addressed to the applicant are).</summary>
    public bool VisibleToApplicant { get; set; }
}

/// <summary>
/// A letter's place in the agency's sign-off: the handler drafts and submits, the reviewer approves or returns it
/// with a reason, the handler fixes and resubmits; issuing numbers, dates and locks an approved letter.
/// </summary>
public enum LetterStatus
{
    Draft = 1,

    /// <summary>Approved by the reviewer, not yet numbered or sent.</summary>
    Approved = 2,

    Submitted = 3,

    Returned = 4,

    /// <summary>Numbered, dated and locked; a reply letter's issue is the case's reply.</summary>
    Issued = 5,
}

/// <summary>
/// A letter template an administrator can edit: the title and body with placeholders such as {申请人} and {收到日期}.
/// A row with no agency is the platform default; an agency's own row overrides it.
/// </summary>
public sealed class LetterTemplateRecord
{
    public Guid Id { get; set; }

    public Guid? AgencyId { get; set; }

    public required string Kind { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    /// <summary>How letters of this kind are numbered, e.g. "{简称}公复〔{年}〕{序号}号"; null: no number.</summary>
    public string? NumberPattern { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public required string UpdatedBy { get; set; }
}

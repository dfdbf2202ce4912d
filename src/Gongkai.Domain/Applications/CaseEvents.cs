using Gongkai.Fees;

namespace Gongkai.Applications;

/// <summary>What an actor may do. Only <see cref="OfficeHead"/> may approve an extension (条例第三十三条).</summary>
public enum ActorRole
{
    Staff,

    /// <summary>政府信息公开工作机构负责人.</summary>
    OfficeHead,

    Applicant,
}

/// <summary>Who recorded or performed an event.</summary>
public sealed record Actor(string Name, ActorRole Role = ActorRole.Staff);

/// <summary>Whom a consultation goes to.</summary>
public enum ConsultationKind
{
    /// <summary>征求第三方意见 (条例第三十二条).</summary>
    ThirdParty,

    /// <summary>征求其他机关意见 (条例第三十三条、第三十四条).</summary>
    OtherAgency,
}

/// <summary>How the reply is delivered; decides which date counts for the deadline (国办公开办函〔2016〕235号).</summary>
public enum DeliveryMethod
{
    /// <summary>直接送达 (incl. collection on the spot): the signing date counts.</summary>
    Direct,

    /// <summary>委托送达: the signing date counts.</summary>
    Entrusted,

    /// <summary>邮寄 (EMS/China Post): the posting date (交邮之日) counts.</summary>
    Post,

    /// <summary>电子邮件 or the online platform: the sending date counts.</summary>
    Electronic,
}

/// <summary>
/// Something that happened to a case, when and by whom. <see cref="At"/> is recorded with the agency's local offset
/// (+08:00); its date part (<see cref="Date"/>) is what the legal periods count.
/// </summary>
public abstract record CaseEvent(DateTimeOffset At, Actor By)
{
    public DateOnly Date => DateOnly.FromDateTime(At.DateTime);

    /// <summary>Which event this is; its name is the type's name and what the store keeps.</summary>
    public abstract CaseEventKind EventKind { get; }
}

/// <summary>The kinds of <see cref="CaseEvent"/>, one per event type, named as the type.</summary>
public enum CaseEventKind
{
    Registered,
    CorrectionRequested,
    CorrectionReceived,
    CorrectionDeadlineMissed,
    ConsultationStarted,
    ConsultationAnswered,
    ExtensionApproved,
    FeeNoticeSent,
    FeePaid,
    FeeUnpaid,
    Replied,
    Delivered,
    Archived,
    Withdrawn,
}

/// <summary>登记.</summary>
public sealed record Registered(DateTimeOffset At, Actor By) : CaseEvent(At, By)
{
    public override CaseEventKind EventKind => CaseEventKind.Registered;
}

/// <summary>补正告知: sent once, within 7 working days of receipt; <paramref name="CorrectBy"/> is the period given.</summary>
public sealed record CorrectionRequested(DateTimeOffset At, Actor By, DateOnly CorrectBy, string Items) : CaseEvent(At, By)
{
    public override CaseEventKind EventKind => CaseEventKind.CorrectionRequested;
}

/// <summary>The corrected application arrived: the reply period starts again on this date.</summary>
public sealed record CorrectionReceived(DateTimeOffset At, Actor By) : CaseEvent(At, By)
{
    public override CaseEventKind EventKind => CaseEventKind.CorrectionReceived;
}

/// <summary>The correction period ended without a correction: the case closes under （六）1.</summary>
public sealed record CorrectionDeadlineMissed(DateTimeOffset At, Actor By) : CaseEvent(At, By)
{
    public override CaseEventKind EventKind => CaseEventKind.CorrectionDeadlineMissed;
}

/// <summary>A consultation was sent; the party has 15 working days to answer. <paramref name="Party"/> identifies it.</summary>
public sealed record ConsultationStarted(DateTimeOffset At, Actor By, ConsultationKind Kind, string Party) : CaseEvent(At, By)
{
    public override CaseEventKind EventKind => CaseEventKind.ConsultationStarted;
}

/// <summary>The consulted party answered.</summary>
public sealed record ConsultationAnswered(DateTimeOffset At, Actor By, string Party) : CaseEvent(At, By)
{
    public override CaseEventKind EventKind => CaseEventKind.ConsultationAnswered;
}

/// <summary>延期答复: approved by the office head (<see cref="CaseEvent.By"/>), once, before the original due date.</summary>
public sealed record ExtensionApproved(DateTimeOffset At, Actor By, int WorkingDays, string Reason) : CaseEvent(At, By)
{
    public override CaseEventKind EventKind => CaseEventKind.ExtensionApproved;
}

/// <summary>收费通知 sent; the applicant received it on <paramref name="ReceivedOn"/> and has 20 working days from the day after to pay.</summary>
public sealed record FeeNoticeSent(DateTimeOffset At, Actor By, FeeQuote Fee, DateOnly ReceivedOn) : CaseEvent(At, By)
{
    public override CaseEventKind EventKind => CaseEventKind.FeeNoticeSent;
}

/// <summary>The fee was paid.</summary>
public sealed record FeePaid(DateTimeOffset At, Actor By) : CaseEvent(At, By)
{
    public override CaseEventKind EventKind => CaseEventKind.FeePaid;
}

/// <summary>The payment period ended unpaid: the case closes under （六）2.</summary>
public sealed record FeeUnpaid(DateTimeOffset At, Actor By) : CaseEvent(At, By)
{
    public override CaseEventKind EventKind => CaseEventKind.FeeUnpaid;
}

/// <summary>答复. <paramref name="PostedOn"/> is required for <see cref="DeliveryMethod.Post"/> and counts as the reply date.</summary>
public sealed record Replied(
    DateTimeOffset At,
    Actor By,
    Outcome Outcome,
    string? Reason,
    DeliveryMethod Delivery,
    DateOnly? PostedOn = null) : CaseEvent(At, By)
{
    public override CaseEventKind EventKind => CaseEventKind.Replied;
}

/// <summary>送达: the applicant signed for (or received) the reply.</summary>
public sealed record Delivered(DateTimeOffset At, Actor By) : CaseEvent(At, By)
{
    public override CaseEventKind EventKind => CaseEventKind.Delivered;
}

/// <summary>归档.</summary>
public sealed record Archived(DateTimeOffset At, Actor By) : CaseEvent(At, By)
{
    public override CaseEventKind EventKind => CaseEventKind.Archived;
}

/// <summary>The applicant withdrew the application (counted under （六）3).</summary>
public sealed record Withdrawn(DateTimeOffset At, Actor By, string? Reason = null) : CaseEvent(At, By)
{
    public override CaseEventKind EventKind => CaseEventKind.Withdrawn;
}

namespace Gongkai.Applications;

/// <summary>How an application reached the agency (条例第三十一条).</summary>
public enum ReceiptChannel
{
    /// <summary>当面提交: received on the submission date.</summary>
    InPerson,

    /// <summary>以邮寄方式提交、需要签收: received on the signing date.</summary>
    PostWithSignature,

    /// <summary>平常信函等无需签收的邮件: received on the date receipt is confirmed with the applicant.</summary>
    OrdinaryLetter,

    /// <summary>互联网渠道 (online form): received on the date both sides confirm.</summary>
    Online,

    /// <summary>电子邮件: treated as an internet channel, received on the date both sides confirm.</summary>
    Email,

    /// <summary>政府信息公开工作机构的传真: received on the date both sides confirm.</summary>
    Fax,
}

/// <summary>
/// How and when an application arrived. <see cref="ArrivedOn"/> is the submission date (in person), the signing date
/// (post with signature) or the day it came in; <see cref="ConfirmedOn"/> is the confirmation date that Art. 31 makes
/// the receipt date for ordinary letters and internet/e-mail/fax channels. Invariant: ConfirmedOn is given exactly
/// for those channels and is not before ArrivedOn, except for an online application to an agency that counts online
/// applications from its confirmation (<see cref="OnlineReceiptRule.OnConfirmation"/>), which waits without one
/// (<see cref="IsAwaitingConfirmation"/>, no receipt date) until staff confirm it. Build with <see cref="Create"/> or
/// <see cref="AwaitingConfirmation"/>.
/// </summary>
public sealed record Receipt
{
    private Receipt(ReceiptChannel channel, DateOnly arrivedOn, DateOnly? confirmedOn)
    {
        Channel = channel;
        ArrivedOn = arrivedOn;
        ConfirmedOn = confirmedOn;
    }

    public ReceiptChannel Channel { get; }

    public DateOnly ArrivedOn { get; }

    public DateOnly? ConfirmedOn { get; }

    /// <summary>The date the Regulation treats as receipt: day 0 of the reply period; null while awaiting confirmation.</summary>
    public DateOnly? ReceiptDate => IsAwaitingConfirmation ? null : ConfirmedOn ?? ArrivedOn;

    /// <summary>An online application that counts as received only once the agency confirms it, not yet confirmed.</summary>
    public bool IsAwaitingConfirmation => NeedsConfirmation(Channel) && ConfirmedOn is null;

    /// <summary>True for the channels whose receipt date is a confirmation date.</summary>
    public static bool NeedsConfirmation(ReceiptChannel channel) =>
        channel is ReceiptChannel.OrdinaryLetter or ReceiptChannel.Online or ReceiptChannel.Email or ReceiptChannel.Fax;

    /// <exception cref="CaseRuleException">The confirmation date is missing, not allowed, or before arrival.</exception>
    public static Receipt Create(ReceiptChannel channel, DateOnly arrivedOn, DateOnly? confirmedOn = null)
    {
        if (NeedsConfirmation(channel))
        {
            if (confirmedOn is not { } confirmed)
            {
                throw new CaseRuleException(CaseRefusal.ConfirmationRequired(channel));
            }

            if (confirmed < arrivedOn)
            {
                throw new CaseRuleException(CaseRefusal.ConfirmationBeforeArrival(confirmed, arrivedOn));
            }
        }
        else if (confirmedOn is not null)
        {
            throw new CaseRuleException(CaseRefusal.ConfirmationNotApplicable(channel));
        }

        return new Receipt(channel, arrivedOn, confirmedOn);
    }

    /// <summary>An online application submitted on <paramref name="submittedOn"/> that waits for the agency's confirmation.</summary>
    public static Receipt AwaitingConfirmation(DateOnly submittedOn) => new(ReceiptChannel.Online, submittedOn, null);

    /// <summary>The receipt once confirmed on <paramref name="confirmedOn"/>, which becomes the receipt date.</summary>
    /// <exception cref="InvalidOperationException">The receipt is not awaiting confirmation.</exception>
    /// <exception cref="CaseRuleException">The confirmation is before the submission.</exception>
    public Receipt Confirm(DateOnly confirmedOn)
    {
        if (!IsAwaitingConfirmation)
        {
            throw new InvalidOperationException("The receipt is not awaiting confirmation.");
        }

        return Create(Channel, ArrivedOn, confirmedOn);
    }

    /// <summary>The channel in Chinese, e.g. "当面提交".</summary>
    public static string Label(ReceiptChannel channel) => channel switch
    {
        ReceiptChannel.InPerson => "当面提交",
        ReceiptChannel.PostWithSignature => "邮寄（需签收）",
        ReceiptChannel.OrdinaryLetter => "平常信函",
        ReceiptChannel.Online => "互联网渠道",
        ReceiptChannel.Email => "电子邮件",
        ReceiptChannel.Fax => "传真",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };

    /// <summary>What the arrival date of a channel is called on the registration form: 提交日期, 签收日期 or 收到日期.</summary>
    public static string ArrivalDateName(ReceiptChannel channel) => channel switch
    {
        ReceiptChannel.InPerson => "提交日期",
        ReceiptChannel.PostWithSignature => "签收日期",
        _ => "收到日期",
    };

    /// <summary>Which date counts as receipt for a channel, in Chinese (for the deadline explanation).</summary>
    public static string ReceiptRule(ReceiptChannel channel) => channel switch
    {
        ReceiptChannel.InPerson => "以提交之日为收到申请之日",
        ReceiptChannel.PostWithSignature => "以签收之日为收到申请之日",
        ReceiptChannel.OrdinaryLetter => "以与申请人确认之日为收到申请之日",
        _ => "以双方确认之日为收到申请之日",
    };
}

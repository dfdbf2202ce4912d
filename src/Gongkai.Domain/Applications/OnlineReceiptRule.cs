namespace Gongkai.Applications;

/// <summary>
/// When an agency counts an application submitted on its online form as received (条例第三十一条第（三）项 lets the
/// internet channel's receipt date be the date both sides confirm; agencies announce either reading in their guide).
/// </summary>
public enum OnlineReceiptRule
{
    /// <summary>The submission day is the receipt date: the platform's confirmation is the automatic receipt.</summary>
    OnSubmission,

    /// <summary>The day staff confirm receipt (登记) is the receipt date; until then no deadline runs.</summary>
    OnConfirmation,
}

/// <summary>The words of <see cref="OnlineReceiptRule"/>: the one sentence the portal form, the guide and the staff registration page show.</summary>
public static class OnlineReceiptRules
{
    /// <summary>The choice as the agency settings page names it.</summary>
    public static string Label(this OnlineReceiptRule rule) => rule switch
    {
        OnlineReceiptRule.OnSubmission => "以提交之日为收到申请之日",
        OnlineReceiptRule.OnConfirmation => "以本机关确认收到之日为收到申请之日",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    /// <summary>What the receipt, the status page and letters say instead of a due date while an online application awaits confirmation.</summary>
    public const string DueAwaitingConfirmation = "本机关确认收到之日起第20个工作日";

    /// <summary>What they say instead of a receipt date then: the submission day, not yet the receipt date.</summary>
    public static string ReceivedAwaitingConfirmation(DateOnly submittedOn) =>
        Gongkai.Calendar.DateText.Chinese(submittedOn) + "在线提交，待本机关确认收到";

    /// <summary>The agency's rule in one sentence, e.g. for the portal form under the agency chosen.</summary>
    public static string Sentence(this OnlineReceiptRule rule) => rule switch
    {
        OnlineReceiptRule.OnSubmission =>
            "通过本平台在线提交的申请，以提交之日为收到申请之日，20个工作日的答复期限自该日起计算。",
        OnlineReceiptRule.OnConfirmation =>
            "通过本平台在线提交的申请，以本机关确认收到之日为收到申请之日，20个工作日的答复期限自确认之日起计算；确认前不计算答复期限。",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };
}

namespace Gongkai.Applications;

/// <summary>
/// How an applicant agreed to be told of their application's progress (receipt, correction request, reply issued): to
/// the e-mail address or the phone they gave, never otherwise. None is the default: nothing is sent without consent.
/// </summary>
[Flags]
public enum ApplicantNotice
{
    None = 0,

    /// <summary>By e-mail to the address the applicant gave.</summary>
    Email = 1,

    /// <summary>By SMS to the phone the applicant gave.</summary>
    Sms = 2,
}

public static class ApplicantNotices
{
    /// <summary>The choices the application forms offer, in their order (none first: the default).</summary>
    public static IReadOnlyList<ApplicantNotice> Choices { get; } =
        [ApplicantNotice.None, ApplicantNotice.Email, ApplicantNotice.Sms, ApplicantNotice.Email | ApplicantNotice.Sms];

    /// <summary>What the forms explain under the question 办理进度通知.</summary>
    public const string Hint = "同意后，本机关按您填写的电子邮箱或手机号码告知申请已收到、需要补正和已作出答复；不同意则不发送。";

    /// <summary>The consent as the form and the case page say it.</summary>
    public static string Label(this ApplicantNotice notice) => notice switch
    {
        ApplicantNotice.None => "不接收",
        ApplicantNotice.Email => "电子邮件",
        ApplicantNotice.Sms => "短信",
        _ => "电子邮件、短信",
    };
}

using Gongkai.Data.Notifications;

namespace Gongkai.Web.Notifications;

/// <summary>Who an event's notification goes to.</summary>
public enum NotificationRecipients
{
    /// <summary>The agency's handlers (经办人).</summary>
    AgencyHandlers,

    /// <summary>The case's handler, or the agency's handlers while nobody is assigned.</summary>
    CaseHandler,

    /// <summary>The agency's reviewers (审核人).</summary>
    AgencyReviewers,

    /// <summary>The applicant, only with their consent and to the contact they gave.</summary>
    Applicant,
}

/// <summary>
/// One platform event that notifies someone: a stable code (stored in <see cref="Notification.Event"/>, the key of
/// templates and preferences), its Chinese name, who is told, and the default wording with placeholders.
/// </summary>
public sealed record NotificationEvent(string Key, string Name, NotificationRecipients Recipients, string Subject, string Body)
{
    public bool ForApplicant => Recipients == NotificationRecipients.Applicant;

    /// <summary>The channels it may use: staff are told in the platform and, by their choice, by e-mail or SMS; applicants by e-mail or SMS.</summary>
    public IReadOnlyList<NotificationChannel> Channels => ForApplicant
        ? [NotificationChannel.Email, NotificationChannel.Sms]
        : [NotificationChannel.InApp, NotificationChannel.Email, NotificationChannel.Sms];
}

/// <summary>The events that notify, and the placeholders their templates may use: the one list pages and the notifier read.</summary>
public static class NotificationEvents
{
    public static readonly NotificationEvent ApplicationReceived = new(
        "application.received", "新的在线申请", NotificationRecipients.AgencyHandlers,
        "新的在线申请 {申请编号}", "{机关}收到{申请人}提交的在线申请 {申请编号}，答复期限 {答复期限}。申请内容：{申请内容}");

    public static readonly NotificationEvent CorrectionReceived = new(
        "correction.received", "收到补正", NotificationRecipients.CaseHandler,
        "申请 {申请编号} 已收到补正", "申请 {申请编号} 已登记收到补正，答复期限重新计算为 {答复期限}。");

    public static readonly NotificationEvent DueSoon = new(
        "case.due-soon", "即将到期", NotificationRecipients.CaseHandler,
        "申请 {申请编号} 即将到期", "申请 {申请编号}（{申请人}）的答复期限为 {答复期限}，还剩{剩余工作日}个工作日，尚未答复。");

    public static readonly NotificationEvent Overdue = new(
        "case.overdue", "已逾期", NotificationRecipients.CaseHandler,
        "申请 {申请编号} 已逾期", "申请 {申请编号}（{申请人}）已超过答复期限 {答复期限}，尚未答复。");

    public static readonly NotificationEvent DueMoved = new(
        "case.due-moved", "答复期限已调整", NotificationRecipients.CaseHandler,
        "申请 {申请编号} 的答复期限已调整", "节假日安排已载入，申请 {申请编号}（{申请人}）的答复期限由 {原答复期限} 调整为 {答复期限}，请按新的期限办理。");

    public static readonly NotificationEvent LetterSubmitted = new(
        "letter.submitted", "文书待审批", NotificationRecipients.AgencyReviewers,
        "{文书}待审批（申请 {申请编号}）", "{经办人}提交了申请 {申请编号} 的{文书}，请审批。");

    public static readonly NotificationEvent LetterReturned = new(
        "letter.returned", "文书被退回", NotificationRecipients.CaseHandler,
        "{文书}被退回（申请 {申请编号}）", "{经办人}退回了申请 {申请编号} 的{文书}，退回理由：{理由}");

    public static readonly NotificationEvent ExtensionRequested = new(
        "extension.requested", "延期待审批", NotificationRecipients.AgencyReviewers,
        "延期申请待审批（申请 {申请编号}）", "{经办人}申请延长申请 {申请编号} 的答复期限（现为 {答复期限}），理由：{理由}");

    public static readonly NotificationEvent ExtensionRejected = new(
        "extension.rejected", "延期未获批准", NotificationRecipients.CaseHandler,
        "延期申请未获批准（申请 {申请编号}）", "申请 {申请编号}：{经办人}{理由}。答复期限仍为 {答复期限}。");

    public static readonly NotificationEvent ApplicantReceipt = new(
        "applicant.receipt", "申请已收到（申请人）", NotificationRecipients.Applicant,
        "您的政府信息公开申请已收到", "{申请人}：{机关}已收到您的政府信息公开申请，编号 {申请编号}，查询码 {查询码}，答复期限 {答复期限}。");

    public static readonly NotificationEvent ApplicantCorrection = new(
        "applicant.correction", "需要补正（申请人）", NotificationRecipients.Applicant,
        "您的政府信息公开申请需要补正", "{申请人}：{机关}请您于{补正期限}前补正申请 {申请编号}：{补正事项}");

    public static readonly NotificationEvent ApplicantReply = new(
        "applicant.reply", "已作出答复（申请人）", NotificationRecipients.Applicant,
        "您的政府信息公开申请已答复", "{申请人}：{机关}已对您的申请 {申请编号} 作出答复（{文书}），请凭查询码 {查询码} 在政府信息公开平台查看。");

    public static IReadOnlyList<NotificationEvent> All { get; } =
    [
        ApplicationReceived, CorrectionReceived, DueSoon, Overdue, DueMoved, LetterSubmitted, LetterReturned, ExtensionRequested,
        ExtensionRejected, ApplicantReceipt, ApplicantCorrection, ApplicantReply,
    ];

    /// <summary>The placeholders a template may use, with what each becomes.</summary>
    public static IReadOnlyList<(string Name, string Meaning)> Placeholders { get; } =
    [
        ("申请编号", "申请的登记编号"),
        ("申请人", "申请人姓名或名称"),
        ("机关", "承办机关名称"),
        ("答复期限", "当前的答复期限（未载入节假日安排的标“暂定”）"),
        ("剩余工作日", "距答复期限的工作日数"),
        ("原答复期限", "节假日安排载入前的答复期限（答复期限已调整）"),
        ("申请内容", "所需信息的描述（一行，至多100字）"),
        ("查询码", "申请人查询办理进度用的查询码"),
        ("文书", "文书类型，如“政府信息公开申请答复书”"),
        ("经办人", "提交、退回或作出决定的工作人员"),
        ("理由", "退回的理由、申请延期的理由或不批准延期的决定"),
        ("补正期限", "补正告知写明的补正期限"),
        ("补正事项", "需要补正的事项"),
    ];

    public static NotificationEvent? Find(string? key) => All.FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.Ordinal));

    /// <summary>The Chinese name of a channel, the same on every page.</summary>
    public static string Label(this NotificationChannel channel) => channel switch
    {
        NotificationChannel.InApp => "站内通知",
        NotificationChannel.Email => "电子邮件",
        NotificationChannel.Sms => "短信",
        _ => channel.ToString(),
    };
}

using System.Globalization;
using Gongkai.Fees;

namespace Gongkai.Applications;

/// <summary>
/// The Chinese words of the case engine's choices that have no table of their own (states are in
/// <see cref="CaseStates"/>, channels in <see cref="Receipt"/>, applicant types in <see cref="ApplicantTypes"/>,
/// outcomes in <see cref="Outcomes"/>): used by pages, letters, the API and the CLI alike.
/// </summary>
public static class CaseText
{
    public static string Label(this ConsultationKind kind) => kind switch
    {
        ConsultationKind.ThirdParty => "征求第三方意见",
        ConsultationKind.OtherAgency => "征求其他机关意见",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Label(this DeliveryMethod method) => method switch
    {
        DeliveryMethod.Direct => "直接送达（含当场领取）",
        DeliveryMethod.Entrusted => "委托送达",
        DeliveryMethod.Post => "邮寄送达",
        DeliveryMethod.Electronic => "电子邮件或网上平台送达",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    public static string Label(this FeeMethod method) => method switch
    {
        FeeMethod.ByCount => "按件计收",
        FeeMethod.ByPages => "按量计收",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>
    /// Where a case stands against its deadline, as the badge of the queue and the status page say it. An open case
    /// within its period is 正常 (办理中 is a <see cref="CaseState"/>, not a deadline).
    /// </summary>
    public static string Label(this DeadlineStatus status) => status switch
    {
        DeadlineStatus.OnTrack => "正常",
        DeadlineStatus.DueSoon => "即将到期",
        DeadlineStatus.Overdue => "已逾期",
        DeadlineStatus.AwaitingCorrection => "待补正",
        DeadlineStatus.AwaitingConfirmation => "待确认收到",
        DeadlineStatus.RepliedOnTime => "按期答复",
        DeadlineStatus.RepliedLate => "逾期答复",
        DeadlineStatus.ClosedWithoutReply => "未经答复终止",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The history's name for an event type, e.g. 补正告知.</summary>
    public static string Label(this CaseEventKind kind) => kind switch
    {
        CaseEventKind.Registered => "登记",
        CaseEventKind.CorrectionRequested => "补正告知",
        CaseEventKind.CorrectionReceived => "收到补正",
        CaseEventKind.CorrectionDeadlineMissed => "逾期未补正",
        CaseEventKind.ConsultationStarted => "征求意见",
        CaseEventKind.ConsultationAnswered => "收到意见",
        CaseEventKind.ExtensionApproved => "延长答复期限",
        CaseEventKind.FeeNoticeSent => "收费通知",
        CaseEventKind.FeePaid => "缴费",
        CaseEventKind.FeeUnpaid => "逾期未缴费",
        CaseEventKind.Replied => "答复",
        CaseEventKind.Delivered => "送达",
        CaseEventKind.Archived => "归档",
        CaseEventKind.Withdrawn => "撤回",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The history's name for a stored event kind (<see cref="CaseEvent.EventKind"/> as text); the text itself when unknown.</summary>
    public static string EventLabel(string kind) =>
        Enum.TryParse<CaseEventKind>(kind, out var known) && string.Equals(known.ToString(), kind, StringComparison.Ordinal) ? known.Label() : kind;

    /// <summary>How one walked day was treated, e.g. "法定节假日（春节），不计入".</summary>
    public static string Describe(this DeadlineDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return day.Treatment switch
        {
            DayTreatment.Counted => string.Create(CultureInfo.InvariantCulture, $"第{day.Ordinal}个工作日"),
            DayTreatment.CountedMakeUpDay => string.Create(CultureInfo.InvariantCulture, $"调休上班日（{day.Note}），计为第{day.Ordinal}个工作日"),
            DayTreatment.Weekend => "周末，不计入",
            DayTreatment.Holiday => $"法定节假日（{day.Note}），不计入",
            DayTreatment.Paused => $"暂停计时，不计入：{day.Note}",
            _ => throw new ArgumentOutOfRangeException(nameof(day), day.Treatment, null),
        };
    }
}

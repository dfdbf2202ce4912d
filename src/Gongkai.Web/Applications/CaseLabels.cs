using Gongkai.Applications;
using Gongkai.Fees;

namespace Gongkai.Web.Applications;

/// <summary>
/// Chinese words of the application desk that the case engine does not already provide (it gives the state, channel,
/// applicant-type and outcome labels; those are used from there).
/// </summary>
public static class CaseLabels
{
    public static string Delivery(DeliveryMethod method) => method switch
    {
        DeliveryMethod.Direct => "直接送达（含当场领取）",
        DeliveryMethod.Entrusted => "委托送达",
        DeliveryMethod.Post => "邮寄送达",
        DeliveryMethod.Electronic => "电子邮件或网上平台送达",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    public static string Consultation(ConsultationKind kind) => kind switch
    {
        ConsultationKind.ThirdParty => "征求第三方意见",
        ConsultationKind.OtherAgency => "征求其他机关意见",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Fee(FeeMethod method) => method switch
    {
        FeeMethod.ByCount => "按件计收",
        FeeMethod.ByPages => "按量计收",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>The queue's badge for a deadline status: CSS class (of site.css's badge) and text.</summary>
    public static (string CssClass, string Text) Badge(DeadlineStatus status) => status switch
    {
        DeadlineStatus.Overdue => ("overdue", "已逾期"),
        DeadlineStatus.DueSoon => ("soon", "即将到期"),
        DeadlineStatus.OnTrack => ("ok", "正常"),
        DeadlineStatus.AwaitingCorrection => ("paused", "待补正"),
        DeadlineStatus.RepliedOnTime => ("done", "按期答复"),
        DeadlineStatus.RepliedLate => ("overdue", "逾期答复"),
        DeadlineStatus.ClosedWithoutReply => ("done", "未经答复终止"),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Who recorded an event, as a reader may see it: an applicant only by role unless the reader may see personal data.</summary>
    public static string Actor(Gongkai.Data.Applications.ApplicationEventRecord record, bool showsPersonalData)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.ActorRole == Gongkai.Applications.ActorRole.Applicant && !showsPersonalData ? "申请人" : record.ActorName;
    }

    /// <summary>The history's name for a stored event kind (<see cref="Data.Applications.ApplicationEventRecord.Kind"/>).</summary>
    public static string EventKind(string kind) => kind switch
    {
        nameof(Registered) => "登记",
        nameof(CorrectionRequested) => "补正告知",
        nameof(CorrectionReceived) => "收到补正",
        nameof(CorrectionDeadlineMissed) => "逾期未补正",
        nameof(ConsultationStarted) => "征求意见",
        nameof(ConsultationAnswered) => "收到意见",
        nameof(ExtensionApproved) => "延长答复期限",
        nameof(FeeNoticeSent) => "收费通知",
        nameof(FeePaid) => "缴费",
        nameof(FeeUnpaid) => "逾期未缴费",
        nameof(Replied) => "答复",
        nameof(Delivered) => "送达",
        nameof(Archived) => "归档",
        nameof(Withdrawn) => "撤回",
        _ => kind,
    };

    public static string Weekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Monday => "星期一",
        DayOfWeek.Tuesday => "星期二",
        DayOfWeek.Wednesday => "星期三",
        DayOfWeek.Thursday => "星期四",
        DayOfWeek.Friday => "星期五",
        DayOfWeek.Saturday => "星期六",
        _ => "星期日",
    };

    /// <summary>How one walked day was treated, e.g. "法定节假日（春节），不计入".</summary>
    public static string Day(DeadlineDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return day.Treatment switch
        {
            DayTreatment.Counted => Invariant($"第{day.Ordinal}个工作日"),
            DayTreatment.CountedMakeUpDay => Invariant($"调休上班日（{day.Note}），计为第{day.Ordinal}个工作日"),
            DayTreatment.Weekend => "周末，不计入",
            DayTreatment.Holiday => $"法定节假日（{day.Note}），不计入",
            DayTreatment.Paused => $"暂停计时，不计入：{day.Note}",
            _ => throw new ArgumentOutOfRangeException(nameof(day), day.Treatment, null),
        };
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "";

    public static string Invariant(FormattableString text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

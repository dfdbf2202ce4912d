using Gongkai.Calendar;

namespace Gongkai.Interaction;

/// <summary>What a draft put out for public comment (意见征集) is; each kind has its own minimum period in law.</summary>
public enum DraftKind
{
    /// <summary>Any other draft (工作方案、规划等): no minimum period in law.</summary>
    General,

    /// <summary>行政规范性文件.</summary>
    NormativeDocument,

    /// <summary>规章.</summary>
    Regulation,

    /// <summary>重大行政决策.</summary>
    MajorDecision,
}

/// <summary>How a period is counted.</summary>
public enum PeriodUnit
{
    /// <summary>日: calendar days; a period ending on a rest day ends on the next working day (民法典第二百零三条).</summary>
    CalendarDays,

    /// <summary>个工作日.</summary>
    WorkingDays,
}

/// <summary>A public comment's moderation state: nothing is shown before staff have read it.</summary>
public enum CommentStatus
{
    Pending,
    Published,
    Rejected,
}

/// <summary>What became of a comment (采纳情况).</summary>
public enum Adoption
{
    Adopted,
    PartlyAdopted,
    NotAdopted,
}

/// <summary>Where a consultation stands on a day.</summary>
public enum ConsultationStage
{
    NotYetOpen,
    Open,
    AwaitingFeedback,
    FeedbackPublished,
}

/// <summary>The law's minimum comment period for a kind of draft, as data.</summary>
/// <param name="Kind">The kind of draft.</param>
/// <param name="Label">Its Chinese name.</param>
/// <param name="MinimumDays">The minimum length (0: none).</param>
/// <param name="Unit">How <paramref name="MinimumDays"/> counts.</param>
/// <param name="Basis">The provision that sets it.</param>
public sealed record ConsultationRule(DraftKind Kind, string Label, int MinimumDays, PeriodUnit Unit, string? Basis);

/// <summary>
/// The periods of 意见征集: when a consultation closes, whether a period meets the minimum for its kind, and where it
/// stands on a day. Periods start the day after opening (民法典第二百零一条: the first day is not counted), as the
/// case engine counts working days.
/// </summary>
public static class ConsultationPeriods
{
    /// <summary>The period offered when staff open a consultation (30 日, as for 规章 and 重大行政决策).</summary>
    public const int DefaultDays = 30;

    /// <summary>The longest period accepted (a year), so a mistyped number cannot keep a consultation open for ever.</summary>
    public const int MaximumDays = 366;

    public static IReadOnlyList<ConsultationRule> Rules { get; } =
    [
        new(DraftKind.General, "其他文件草案", 0, PeriodUnit.CalendarDays, null),
        new(DraftKind.NormativeDocument, "行政规范性文件", 7, PeriodUnit.WorkingDays, "《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）"),
        new(DraftKind.Regulation, "规章", 30, PeriodUnit.CalendarDays, "《规章制定程序条例》第十六条"),
        new(DraftKind.MajorDecision, "重大行政决策", 30, PeriodUnit.CalendarDays, "《重大行政决策程序暂行条例》第十五条"),
    ];

    public static ConsultationRule Rule(DraftKind kind) => Rules.Single(r => r.Kind == kind);

    /// <summary>The last day comments are accepted for a period of <paramref name="days"/> starting after <paramref name="opensOn"/>.</summary>
    public static DateOnly ClosesOn(WorkingCalendar calendar, DateOnly opensOn, int days, PeriodUnit unit)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        if (unit == PeriodUnit.WorkingDays)
        {
            return calendar.AddWorkingDays(opensOn, days);
        }

        var last = opensOn.AddDays(days);
        while (!calendar.IsWorkingDay(last))
        {
            last = last.AddDays(1);
        }

        return last;
    }

    /// <summary>Why the period cannot be used for this kind (too short, out of range), or null when it can.</summary>
    public static string? Problem(WorkingCalendar calendar, DraftKind kind, DateOnly opensOn, int days, PeriodUnit unit)
    {
        if (days is < 1 or > MaximumDays)
        {
            return $"征求意见期限应为 1 至 {MaximumDays} 日。";
        }

        var rule = Rule(kind);
        if (rule.MinimumDays == 0 || ClosesOn(calendar, opensOn, days, unit) >= ClosesOn(calendar, opensOn, rule.MinimumDays, rule.Unit))
        {
            return null;
        }

        return $"{rule.Label}征求意见的期限一般不少于 {rule.MinimumDays} {UnitLabel(rule.Unit)}（{rule.Basis}）。";
    }

    public static ConsultationStage Stage(DateOnly today, DateOnly opensOn, DateOnly closesOn, bool feedbackPublished) =>
        feedbackPublished ? ConsultationStage.FeedbackPublished
        : today < opensOn ? ConsultationStage.NotYetOpen
        : today <= closesOn ? ConsultationStage.Open
        : ConsultationStage.AwaitingFeedback;

    public static string UnitLabel(PeriodUnit unit) => unit == PeriodUnit.WorkingDays ? "个工作日" : "日";
}

/// <summary>The Chinese names of the interaction area (意见征集, 留言, 好差评), in one place.</summary>
public static class InteractionText
{
    public static string Kind(DraftKind kind) => ConsultationPeriods.Rule(kind).Label;

    public static string Stage(ConsultationStage stage) => stage switch
    {
        ConsultationStage.NotYetOpen => "未开始",
        ConsultationStage.Open => "征求意见中",
        ConsultationStage.AwaitingFeedback => "已结束，待反馈",
        ConsultationStage.FeedbackPublished => "已反馈",
        _ => stage.ToString(),
    };

    public static string Status(CommentStatus status) => status switch
    {
        CommentStatus.Pending => "待审核",
        CommentStatus.Published => "已公开",
        CommentStatus.Rejected => "不予公开",
        _ => status.ToString(),
    };

    public static string Adoption(Adoption adoption) => adoption switch
    {
        Interaction.Adoption.Adopted => "采纳",
        Interaction.Adoption.PartlyAdopted => "部分采纳",
        Interaction.Adoption.NotAdopted => "未采纳",
        _ => adoption.ToString(),
    };

    public static string Category(MessageCategory category) => category switch
    {
        MessageCategory.Inquiry => "咨询",
        MessageCategory.Suggestion => "建议",
        MessageCategory.Complaint => "投诉",
        MessageCategory.Other => "其他",
        _ => category.ToString(),
    };

    public static string Satisfaction(Satisfaction level) => level switch
    {
        Interaction.Satisfaction.VerySatisfied => "非常满意",
        Interaction.Satisfaction.Satisfied => "满意",
        Interaction.Satisfaction.Basic => "基本满意",
        Interaction.Satisfaction.Dissatisfied => "不满意",
        Interaction.Satisfaction.VeryDissatisfied => "非常不满意",
        _ => level.ToString(),
    };
}

/// <summary>The rules of moderating and answering one comment.</summary>
public static class CommentRules
{
    public const int MaxContentLength = 2000;

    public const int MaxReasonLength = 500;

    /// <summary>Why the moderation cannot be recorded, or null: a rejection needs its reason (told to the writer on request).</summary>
    public static string? ModerationProblem(CommentStatus to, string? reason) => to switch
    {
        CommentStatus.Pending => "审核结果只能是公开或不予公开。",
        CommentStatus.Rejected when string.IsNullOrWhiteSpace(reason) => "不予公开的意见须写明理由。",
        _ when reason is { Length: > MaxReasonLength } => $"理由不超过 {MaxReasonLength} 字。",
        _ => null,
    };

    /// <summary>Why the adoption cannot be recorded, or null: 部分采纳 and 未采纳 need their reason.</summary>
    public static string? AdoptionProblem(CommentStatus status, Adoption adoption, string? reason) =>
        status != CommentStatus.Published ? "只有已公开的意见需要反馈采纳情况。"
        : adoption != Adoption.Adopted && string.IsNullOrWhiteSpace(reason) ? $"{InteractionText.Adoption(adoption)}的意见须说明理由。"
        : reason is { Length: > MaxReasonLength } ? $"理由不超过 {MaxReasonLength} 字。"
        : null;

    /// <summary>
    /// Why the feedback (采纳情况反馈) cannot be published yet, or null: the period is over, no comment waits for
    /// moderation and every published comment has its adoption.
    /// </summary>
    public static string? FeedbackProblem(ConsultationStage stage, int pending, int withoutAdoption) =>
        stage is ConsultationStage.NotYetOpen or ConsultationStage.Open ? "征求意见期限届满后才能发布采纳情况反馈。"
        : stage == ConsultationStage.FeedbackPublished ? "采纳情况反馈已经发布。"
        : pending > 0 ? $"还有 {pending} 条意见未审核。"
        : withoutAdoption > 0 ? $"还有 {withoutAdoption} 条已公开的意见未填写采纳情况。"
        : null;
}

using Gongkai.Applications;
using Gongkai.Calendar;

namespace Gongkai.Interaction;

/// <summary>What a citizen writes to an agency (留言): the kinds the seed reports' portals offer.</summary>
public enum MessageCategory
{
    /// <summary>咨询.</summary>
    Inquiry = 1,

    /// <summary>建议.</summary>
    Suggestion = 2,

    /// <summary>投诉.</summary>
    Complaint = 3,

    /// <summary>其他留言.</summary>
    Other = 4,
}

/// <summary>好差评: the five levels of the national 政务服务评价 (非常满意 … 非常不满意); the value is the score.</summary>
public enum Satisfaction
{
    VeryDissatisfied = 1,
    Dissatisfied = 2,
    Basic = 3,
    Satisfied = 4,
    VerySatisfied = 5,
}

/// <summary>What a rating is about: one table of ratings serves messages and disclosure applications alike.</summary>
public enum RatedSubject
{
    Message = 1,
    Application = 2,
}

/// <summary>
/// The reply period of 留言: a number of working days configured per region (default <see cref="DefaultWorkingDays"/>),
/// counted as the case engine counts them — the day the message arrives (or is transferred in) is day zero and never
/// counts, rest days and holidays on the platform's calendar (with 调休) do not count.
/// </summary>
public static class MessageDeadlines
{
    /// <summary>The period when the region sets none (the common 5 个工作日 of the seed reports' portals).</summary>
    public const int DefaultWorkingDays = 5;

    /// <summary>The longest period a region may configure.</summary>
    public const int MaximumWorkingDays = 60;

    /// <summary>The last day of the reply period for a message received on <paramref name="receivedOn"/>.</summary>
    public static DateOnly DueOn(WorkingCalendar calendar, DateOnly receivedOn, int workingDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workingDays, MaximumWorkingDays);
        return calendar.AddWorkingDays(receivedOn, workingDays);
    }

    /// <summary>The working days a reply took: those after the day of receipt up to and including the reply's day.</summary>
    public static int WorkingDaysTaken(WorkingCalendar calendar, DateOnly receivedOn, DateOnly repliedOn)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.WorkingDaysBetween(receivedOn, repliedOn);
    }

    /// <summary>A message is due soon when at most this many working days are left after today (0 = due today).</summary>
    public const int DueSoonWorkingDays = 1;

    /// <summary>
    /// Where the reply stands, in the case queue's words: replied on time or late, or open and overdue, due soon or on
    /// track.
    /// </summary>
    public static DeadlineStatus Status(WorkingCalendar calendar, DateOnly today, DateOnly dueOn, DateOnly? repliedOn)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return repliedOn is { } replied ? (replied <= dueOn ? DeadlineStatus.RepliedOnTime : DeadlineStatus.RepliedLate)
            : today > dueOn ? DeadlineStatus.Overdue
            : calendar.WorkingDaysBetween(today, dueOn) <= DueSoonWorkingDays ? DeadlineStatus.DueSoon
            : DeadlineStatus.OnTrack;
    }

    /// <summary>Why a configured period cannot be used, or null.</summary>
    public static string? Problem(int workingDays) =>
        workingDays is < 1 or > MaximumWorkingDays ? $"留言答复期限应为 1 至 {MaximumWorkingDays} 个工作日。" : null;
}

/// <summary>The rules of writing a message and of rating a reply.</summary>
public static class MessageRules
{
    public const int MaxTitleLength = 100;

    public const int MaxContentLength = 2000;

    public const int MaxReplyLength = 4000;

    public const int MaxReasonLength = 500;

    /// <summary>True for the two lowest levels, which need a reason (the national 差评 rule: 差评须说明理由).</summary>
    public static bool NeedsReason(Satisfaction level) => level is Satisfaction.Dissatisfied or Satisfaction.VeryDissatisfied;

    /// <summary>Why the rating cannot be recorded, or null.</summary>
    public static string? RatingProblem(Satisfaction? level, string? reason) =>
        level is not { } chosen || !Enum.IsDefined(chosen) ? "请选择评价。"
        : NeedsReason(chosen) && string.IsNullOrWhiteSpace(reason) ? $"选择“{InteractionText.Satisfaction(chosen)}”时请写明理由。"
        : reason is { Length: > MaxReasonLength } ? $"理由不超过 {MaxReasonLength} 字。"
        : null;
}

/// <summary>What the statistics need to know of one message.</summary>
/// <param name="ReceivedOn">Day zero of its reply period (the day it arrived, or was transferred in).</param>
/// <param name="DueOn">The last day of its reply period.</param>
/// <param name="RepliedOn">The day the reply was issued, or null.</param>
/// <param name="Rating">The citizen's rating of the reply, or null.</param>
public sealed record MessageFacts(DateOnly ReceivedOn, DateOnly DueOn, DateOnly? RepliedOn, Satisfaction? Rating);

/// <summary>
/// 留言 in figures, as the annual report and supervision state them. <see cref="AverageWorkingDays"/> is over replied
/// messages, rounded to one decimal (null when none); <see cref="SatisfiedPercent"/> is the share of ratings at
/// 基本满意 or above, rounded to one decimal (null when none rated); <see cref="AverageScore"/> the mean level (1–5).
/// </summary>
public sealed record MessageStatistics(int Received, int Replied, int RepliedOnTime, decimal? AverageWorkingDays, int Rated, decimal? SatisfiedPercent, decimal? AverageScore)
{
    public static MessageStatistics Of(WorkingCalendar calendar, IEnumerable<MessageFacts> messages)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(messages);
        var all = messages.ToList();
        var replied = all.Where(m => m.RepliedOn is not null).ToList();
        var rated = all.Where(m => m.Rating is not null).Select(m => (int)m.Rating!.Value).ToList();
        return new MessageStatistics(
            all.Count,
            replied.Count,
            replied.Count(m => m.RepliedOn!.Value <= m.DueOn),
            replied.Count == 0 ? null : Math.Round((decimal)replied.Sum(m => MessageDeadlines.WorkingDaysTaken(calendar, m.ReceivedOn, m.RepliedOn!.Value)) / replied.Count, 1, MidpointRounding.AwayFromZero),
            rated.Count,
            rated.Count == 0 ? null : Math.Round(100m * rated.Count(r => r >= (int)Satisfaction.Basic) / rated.Count, 1, MidpointRounding.AwayFromZero),
            rated.Count == 0 ? null : Math.Round((decimal)rated.Sum() / rated.Count, 1, MidpointRounding.AwayFromZero));
    }
}

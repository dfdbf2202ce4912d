using System.Globalization;
using Gongkai.Calendar;

namespace Gongkai.Catalog;

/// <summary>Whether an item met the Art. 26 publication period.</summary>
public enum PublicationTimeliness
{
    /// <summary>Published on or before the due date.</summary>
    Met = 1,

    /// <summary>Published after the due date.</summary>
    Missed = 2,

    /// <summary>Not yet published; the due date is today or later.</summary>
    Pending = 3,

    /// <summary>Not yet published and the due date has passed.</summary>
    Overdue = 4,
}

/// <summary>
/// 条例第二十六条: proactive information is published within 20 working days from the day it is formed or changed.
/// Day zero is the formation (or change) date and does not count; the period ends with the 20th working day after
/// it. <see cref="WorkingDays"/> is the working days between the formation date and the publication date (or today,
/// when not yet published). <see cref="IsProvisional"/> is true when a year the period touches has no holiday
/// arrangement loaded, so the due date was judged by weekends alone.
/// </summary>
public sealed record PublicationDeadline(
    DateOnly FormedOn,
    DateOnly DueOn,
    DateOnly? PublishedOn,
    PublicationTimeliness Timeliness,
    int WorkingDays,
    bool IsProvisional)
{
    /// <summary>The statutory period in working days.</summary>
    public const int PeriodWorkingDays = 20;

    public static PublicationDeadline Compute(WorkingCalendar calendar, DateOnly formedOn, DateOnly? publishedOn, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var due = calendar.AddWorkingDays(formedOn, PeriodWorkingDays);
        var provisional = Enumerable.Range(formedOn.Year, due.Year - formedOn.Year + 1).Any(y => !calendar.IsLoaded(y));
        var until = publishedOn ?? today;
        var timeliness = publishedOn is { } published
            ? (published <= due ? PublicationTimeliness.Met : PublicationTimeliness.Missed)
            : (today <= due ? PublicationTimeliness.Pending : PublicationTimeliness.Overdue);
        return new PublicationDeadline(formedOn, due, publishedOn, timeliness, calendar.WorkingDaysBetween(formedOn, until), provisional);
    }

    public string Label => Timeliness switch
    {
        PublicationTimeliness.Met => "按时公开",
        PublicationTimeliness.Missed => "超期公开",
        PublicationTimeliness.Pending => "待公开",
        PublicationTimeliness.Overdue => "已超期未公开",
        _ => throw new InvalidOperationException(),
    };

    /// <summary>One sentence in Chinese, e.g. "2024-03-01 形成，应于 2024-03-29 前公开，2024-04-08 公开（第 26 个工作日），超期公开。"</summary>
    public string ToChinese()
    {
        var text = $"{D(FormedOn)} 形成或变更，依条例第二十六条应于 {D(DueOn)} 前（20 个工作日内）公开；";
        text += PublishedOn is { } published
            ? $"{D(published)} 公开（第 {N(WorkingDays)} 个工作日），{Label}。"
            : Timeliness == PublicationTimeliness.Pending
                ? $"尚未公开，已过 {N(WorkingDays)} 个工作日。"
                : $"尚未公开，已过 {N(WorkingDays)} 个工作日，已超期。";
        return IsProvisional ? text + "（所涉年度的节假日安排尚未载入，按周末推算，仅供参考。）" : text;
    }

    private static string D(DateOnly date) => DateText.Iso(date);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}

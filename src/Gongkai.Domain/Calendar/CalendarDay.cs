namespace Gongkai.Calendar;

/// <summary>What a holiday arrangement says about a date.</summary>
public enum CalendarDayKind
{
    /// <summary>放假: no work, even on a weekday.</summary>
    Off,

    /// <summary>调休上班: a Saturday or Sunday that is a working day.</summary>
    Work,
}

/// <summary>The words for <see cref="CalendarDayKind"/> on every page and in every CSV.</summary>
public static class CalendarDayKindText
{
    /// <summary>休息日 or 调休上班日: what a page calls a day of the arrangement.</summary>
    public static string Label(CalendarDayKind kind) => kind == CalendarDayKind.Off ? "休息日" : "调休上班日";

    /// <summary>休息 or 上班: the value in a CSV row.</summary>
    public static string Value(CalendarDayKind kind) => kind == CalendarDayKind.Off ? "休息" : "上班";

    /// <summary>
    /// A CSV value as a kind: 休息, 休息日 or 放假, and 上班, 调休上班 or 调休上班日, or the shipped file's off and work (any
    /// case); null for anything else.
    /// </summary>
    public static CalendarDayKind? Parse(string? text) => text?.Trim() switch
    {
        "休息" or "休息日" or "放假" => CalendarDayKind.Off,
        "上班" or "调休上班" or "调休上班日" => CalendarDayKind.Work,
        { } other when other.Equals("off", StringComparison.OrdinalIgnoreCase) => CalendarDayKind.Off,
        { } other when other.Equals("work", StringComparison.OrdinalIgnoreCase) => CalendarDayKind.Work,
        _ => null,
    };
}

/// <summary>
/// One dated entry of a holiday arrangement. Invariant (checked by <see cref="WorkingCalendar"/>): a
/// <see cref="CalendarDayKind.Work"/> entry is a Saturday or Sunday; <see cref="Name"/> and <see cref="Notice"/> are
/// not blank.
/// </summary>
/// <param name="Date">The date.</param>
/// <param name="Kind">Off or make-up working day.</param>
/// <param name="Name">The holiday it belongs to, e.g. "春节" or "中秋节、国庆节" (a make-up day carries its holiday's name).</param>
/// <param name="Notice">The source notice, e.g. "国办发明电〔2022〕16号".</param>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string Name, string Notice);

/// <summary>
/// One year's arrangement as issued by the State Council General Office (usually in Oct–Dec of the year before).
/// <see cref="Days"/> may reach into the previous year (the 2023 notice gives 2022-12-31 off).
/// </summary>
public sealed record HolidayArrangement(int Year, string Notice, IReadOnlyList<CalendarDay> Days);

namespace Gongkai.Calendar;

/// <summary>What a holiday arrangement says about a date.</summary>
public enum CalendarDayKind
{
    /// <summary>放假: no work, even on a weekday.</summary>
    Off,

    /// <summary>调休上班: a Saturday or Sunday that is a working day.</summary>
    Work,
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

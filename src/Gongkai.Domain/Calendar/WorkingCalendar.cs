using System.Collections.Frozen;

namespace Gongkai.Calendar;

/// <summary>
/// Chinese working days (工作日): Monday–Friday, minus the days an arrangement gives off, plus the weekend days it
/// makes working days (调休上班). Immutable: "changing the calendar" means building a new one and recomputing open
/// cases against it (<see cref="Applications.DeadlineRecalculation"/>).
/// </summary>
/// <remarks>
/// A date whose year is not in <see cref="LoadedYears"/> is judged by the weekend alone. Callers that care (deadlines)
/// ask <see cref="IsLoaded"/> and mark their result provisional. A year counts as loaded only when its own
/// arrangement is; an entry that reaches back into the previous year (2022-12-31 in the 2023 notice) is still used.
/// </remarks>
public sealed class WorkingCalendar
{
    private static readonly Lazy<WorkingCalendar> DefaultCalendar = new(() => From(HolidayArrangements.Embedded));

    private readonly FrozenDictionary<DateOnly, CalendarDay> _entries;
    private readonly FrozenSet<int> _loadedYears;

    /// <summary>Builds a calendar from dated entries and the years whose arrangements they complete.</summary>
    /// <exception cref="ArgumentException">A date appears twice, a make-up day is not on a weekend, or a name/notice is blank.</exception>
    public WorkingCalendar(IEnumerable<CalendarDay> days, IEnumerable<int> loadedYears)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(loadedYears);
        var entries = new Dictionary<DateOnly, CalendarDay>();
        foreach (var day in days)
        {
            ArgumentNullException.ThrowIfNull(day);
            if (string.IsNullOrWhiteSpace(day.Name) || string.IsNullOrWhiteSpace(day.Notice))
            {
                throw new ArgumentException($"{DateText.Iso(day.Date)}：节日名称和通知文号不能为空。", nameof(days));
            }

            if (day.Kind == CalendarDayKind.Work && !IsWeekend(day.Date))
            {
                throw new ArgumentException($"{DateText.Iso(day.Date)}不是周末，不能登记为调休上班日。", nameof(days));
            }

            if (!entries.TryAdd(day.Date, day))
            {
                throw new ArgumentException($"{DateText.Iso(day.Date)}在节假日数据中出现了两次。", nameof(days));
            }
        }

        _entries = entries.ToFrozenDictionary();
        _loadedYears = loadedYears.ToFrozenSet();
        Days = [.. entries.Values.OrderBy(d => d.Date)];
        LoadedYears = [.. _loadedYears.Order()];
    }

    /// <summary>No arrangement at all: every year is judged by the weekend alone.</summary>
    public static WorkingCalendar Empty { get; } = new([], []);

    /// <summary>The calendar shipped with Gongkai (2023–2026).</summary>
    public static WorkingCalendar Default => DefaultCalendar.Value;

    /// <summary>Every entry, by date.</summary>
    public IReadOnlyList<CalendarDay> Days { get; }

    /// <summary>The years whose arrangements are loaded, ascending.</summary>
    public IReadOnlyList<int> LoadedYears { get; }

    public static WorkingCalendar From(IEnumerable<HolidayArrangement> arrangements)
    {
        ArgumentNullException.ThrowIfNull(arrangements);
        var list = arrangements.ToList();
        return new WorkingCalendar(list.SelectMany(a => a.Days), list.Select(a => a.Year));
    }

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public bool IsLoaded(int year) => _loadedYears.Contains(year);

    /// <summary>The arrangement entry for a date, or null for an ordinary day.</summary>
    public CalendarDay? Entry(DateOnly date) => _entries.GetValueOrDefault(date);

    public bool IsWorkingDay(DateOnly date) => _entries.TryGetValue(date, out var entry)
        ? entry.Kind == CalendarDayKind.Work
        : !IsWeekend(date);

    /// <summary>
    /// The <paramref name="count"/>-th working day after <paramref name="dayZero"/> (day zero itself never counts):
    /// the end of a period of <paramref name="count"/> working days that starts on <paramref name="dayZero"/>.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly dayZero, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var date = dayZero;
        for (var counted = 0; counted < count;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>The number of working days <c>d</c> with <paramref name="after"/> &lt; d ≤ <paramref name="until"/>; 0 when until ≤ after.</summary>
    public int WorkingDaysBetween(DateOnly after, DateOnly until)
    {
        var count = 0;
        for (var date = after.AddDays(1); date <= until; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }
}

using Gongkai.Calendar;

namespace Gongkai.Data.Calendar;

/// <summary>
/// One day of an official holiday arrangement (放假 or 调休上班), stored so an administrator can load a new year's
/// notice. <see cref="Year"/> is the year of the notice the day belongs to (2022-12-31 belongs to 2023's).
/// </summary>
public sealed class CalendarDayRecord
{
    public DateOnly Date { get; set; }

    public int Year { get; set; }

    public CalendarDayKind Kind { get; set; }

    public required string Name { get; set; }

    public required string Notice { get; set; }
}

using System.Globalization;

namespace Gongkai.Calendar;

/// <summary>
/// How dates are written, in one place: ISO (<c>2024-06-17</c>) in forms, files, JSON and staff pages; Chinese
/// (<c>2024年6月17日</c>) in letters and on the public pages; the weekday in Chinese. Legal dates are China dates
/// (UTC+8, no daylight saving), whatever the server's zone.
/// </summary>
public static class DateText
{
    /// <summary>The ISO date format, e.g. 2024-06-17 (what an HTML date input sends and shows).</summary>
    public const string IsoFormat = "yyyy-MM-dd";

    /// <summary>China Standard Time's offset from UTC.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static string Iso(DateOnly date) => date.ToString(IsoFormat, CultureInfo.InvariantCulture);

    /// <summary>The ISO date, or an empty string for no date.</summary>
    public static string Iso(DateOnly? date) => date is { } d ? Iso(d) : "";

    /// <summary>Reads exactly <see cref="IsoFormat"/> (no time, no other separators).</summary>
    public static bool TryParseIso(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, IsoFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The date as letters and the public pages write it, e.g. 2024年6月17日.</summary>
    public static string Chinese(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

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

    /// <summary>A stored UTC time as a China time.</summary>
    public static DateTimeOffset InChina(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(ChinaOffset);

    /// <summary>The China date of a stored UTC time.</summary>
    public static DateOnly ChinaDate(DateTime utc) => DateOnly.FromDateTime(InChina(utc).DateTime);

    /// <summary>A stored UTC time in China time to the minute, e.g. 2025-01-20 09:30.</summary>
    public static string Minute(DateTime utc) => InChina(utc).ToString(IsoFormat + " HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A stored UTC time in China time to the second, e.g. 2025-01-20 09:30:05.</summary>
    public static string Second(DateTime utc) => InChina(utc).ToString(IsoFormat + " HH:mm:ss", CultureInfo.InvariantCulture);
}

using Gongkai.Calendar;

namespace Gongkai.Web.Infrastructure;

/// <summary>Legal dates are China dates (UTC+8, no daylight saving), whatever the server's zone.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = DateText.ChinaOffset;

    public static DateTimeOffset Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.GetUtcNow().ToOffset(Offset);
    }

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Now(clock).DateTime);

    /// <summary>A moment on a legal date, at the current time of day (for events recorded with a past date).</summary>
    public static DateTimeOffset On(DateOnly date, TimeProvider clock)
    {
        var now = Now(clock);
        return date == DateOnly.FromDateTime(now.DateTime) ? now : new DateTimeOffset(date.ToDateTime(new TimeOnly(9, 0)), Offset);
    }
}

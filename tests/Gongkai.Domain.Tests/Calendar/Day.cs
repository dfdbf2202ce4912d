using System.Globalization;

namespace Gongkai.Tests.Calendar;

/// <summary>Dates in tests are written as ISO text.</summary>
internal static class Day
{
    public static DateOnly Of(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

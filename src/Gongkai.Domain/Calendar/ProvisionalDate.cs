using System.Globalization;

namespace Gongkai.Calendar;

/// <summary>
/// The one way a date computed on the working-day calendar is written when a year it depends on has no holiday notice
/// (国务院办公厅通知) loaded: the date, then 暂定 and why. Such a date was counted by weekends alone and may move when
/// the notice is loaded — 2027-01-01 is a firm date by weekends and a public holiday in fact — so the receipt, the
/// status page, the letters and the queue must never show it as firm. Every method returns the plain date when no
/// year is missing; none throws except on null.
/// </summary>
public static class ProvisionalDate
{
    /// <summary>The word shown next to such a date.</summary>
    public const string Label = "暂定";

    /// <summary>The years from <paramref name="from"/> to <paramref name="until"/> (both included) whose notice is not loaded, ascending.</summary>
    public static IReadOnlyList<int> MissingYears(WorkingCalendar calendar, DateOnly from, DateOnly until)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return from > until ? [] : [.. Enumerable.Range(from.Year, until.Year - from.Year + 1).Where(y => !calendar.IsLoaded(y))];
    }

    /// <summary>Why a date is provisional, e.g. "2027年的节假日安排尚未载入，暂按周末推算，载入后可能调整"; empty when no year is missing.</summary>
    public static string Reason(IReadOnlyCollection<int> missingYears)
    {
        ArgumentNullException.ThrowIfNull(missingYears);
        return missingYears.Count == 0
            ? ""
            : string.Join("、", missingYears.Order().Select(y => y.ToString(CultureInfo.InvariantCulture) + "年")) + "的节假日安排尚未载入，暂按周末推算，载入后可能调整";
    }

    /// <summary>What follows a provisional date: "（暂定：…的节假日安排尚未载入，暂按周末推算，载入后可能调整）"; empty for a firm date.</summary>
    public static string Note(IReadOnlyCollection<int> missingYears)
    {
        ArgumentNullException.ThrowIfNull(missingYears);
        return missingYears.Count == 0 ? "" : "（" + Label + "：" + Reason(missingYears) + "）";
    }

    /// <summary>The date as letters and public pages write it (2027年1月1日), with <see cref="Note"/> when provisional.</summary>
    public static string Chinese(DateOnly date, IReadOnlyCollection<int> missingYears) => DateText.Chinese(date) + Note(missingYears);

    /// <summary>The date as staff pages write it (2027-01-01), with <see cref="Note"/> when provisional.</summary>
    public static string Iso(DateOnly date, IReadOnlyCollection<int> missingYears) => DateText.Iso(date) + Note(missingYears);

    /// <summary>The short mark for a list where the reason is given once for all rows: "（暂定）" or empty.</summary>
    public static string Mark(bool provisional) => provisional ? "（" + Label + "）" : "";
}

using System.Globalization;
using Gongkai.Supervision;

namespace Gongkai.Web.Supervision;

/// <summary>How assessment figures are written on every page and in every export: one place for 不适用 and the units.</summary>
public static class AssessmentText
{
    public const string NotApplicable = "不适用";

    /// <summary>Points or a total, "85.5", or 不适用.</summary>
    public static string Points(decimal? points) => points is { } p ? p.ToString("0.##", CultureInfo.InvariantCulture) : NotApplicable;

    /// <summary>An indicator's value with its unit ("92.31%", "2 件", "0.5 个/条"), or 不适用.</summary>
    public static string Value(IndicatorScore line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Value.Value is { } value ? ScoringRule.Format(value, IndicatorCatalogue.Get(line.Line.Kind).Unit) : NotApplicable;
    }

    /// <summary>"↑2", "↓1", "持平", or "—" when either period has no rank.</summary>
    public static string RankChange(RankedScore row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.RankChange switch
        {
            null => "—",
            0 => "持平",
            int up and > 0 => "↑" + up.ToString(CultureInfo.InvariantCulture),
            int down => "↓" + (-down).ToString(CultureInfo.InvariantCulture),
        };
    }
}

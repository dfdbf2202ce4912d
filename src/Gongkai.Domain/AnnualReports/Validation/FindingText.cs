using System.Globalization;

namespace Gongkai.AnnualReports.Validation;

/// <summary>How findings write numbers and name tables and sections; shared so every message reads the same.</summary>
internal static class FindingText
{
    private const string Numerals = "一二三四五六七八九十";

    /// <summary>A number as a person writes it: no trailing zeros, no exponent, invariant culture ("3", "110.139").</summary>
    public static string Number(decimal value) =>
        value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>"表二", "表三" or "表四".</summary>
    public static string TableName(ReportTable table) => "表" + Numerals[(int)table - 1];

    /// <summary>The Chinese numeral of a section ("一" … "六").</summary>
    public static string SectionNumeral(SectionKey key) => Numerals[(int)key].ToString();

    /// <summary>Labels joined with "、" for "…之和" explanations.</summary>
    public static string List(IReadOnlyList<string> labels, int count) =>
        string.Join("、", labels.Take(count));
}

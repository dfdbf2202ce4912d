using System.Globalization;

namespace Gongkai.Supervision;

/// <summary>How long an assessment period is.</summary>
public enum PeriodKind
{
    /// <summary>季度考核 (e.g. 金水区 assesses its departments every quarter).</summary>
    Quarter = 1,

    /// <summary>年度考核 (the year-end target assessment).</summary>
    Year = 2,
}

/// <summary>
/// An assessment period: a calendar year, or one of its quarters. Its key is "2025" or "2025Q1" (what URLs and stored
/// rows carry); equality is by year and quarter. <see cref="Quarter"/> is null for a year and 1–4 for a quarter.
/// </summary>
public sealed record AssessmentPeriod
{
    private static readonly string[] QuarterNames = ["一", "二", "三", "四"];

    private AssessmentPeriod(int year, int? quarter)
    {
        Year = year;
        Quarter = quarter;
    }

    public int Year { get; }

    public int? Quarter { get; }

    public PeriodKind Kind => Quarter is null ? PeriodKind.Year : PeriodKind.Quarter;

    public DateOnly Start => new(Year, Quarter is { } q ? (q * 3) - 2 : 1, 1);

    public DateOnly End => Quarter is { } q ? new DateOnly(Year, q * 3, 1).AddMonths(1).AddDays(-1) : new DateOnly(Year, 12, 31);

    public string Key => Quarter is { } q ? string.Create(CultureInfo.InvariantCulture, $"{Year}Q{q}") : Year.ToString(CultureInfo.InvariantCulture);

    /// <summary>"2025年第一季度" or "2025年度".</summary>
    public string Label => Quarter is { } q ? string.Create(CultureInfo.InvariantCulture, $"{Year}年第{QuarterNames[q - 1]}季度") : string.Create(CultureInfo.InvariantCulture, $"{Year}年度");

    /// <summary>The period of the same kind just before this one.</summary>
    public AssessmentPeriod Previous => Quarter switch
    {
        null => OfYear(Year - 1),
        1 => OfQuarter(Year - 1, 4),
        { } q => OfQuarter(Year, q - 1),
    };

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>A year from 2000 to 2100 (the range the platform's records can have).</summary>
    public static AssessmentPeriod OfYear(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 2100);
        return new AssessmentPeriod(year, null);
    }

    public static AssessmentPeriod OfQuarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        return new AssessmentPeriod(OfYear(year).Year, quarter);
    }

    /// <summary>The period of <paramref name="kind"/> that contains <paramref name="date"/>.</summary>
    public static AssessmentPeriod Containing(DateOnly date, PeriodKind kind) =>
        kind == PeriodKind.Year ? OfYear(date.Year) : OfQuarter(date.Year, ((date.Month - 1) / 3) + 1);

    /// <summary>Reads a key ("2025", "2025Q1", also lower case); false for anything else, including years out of range.</summary>
    public static bool TryParse(string? key, out AssessmentPeriod period)
    {
        period = null!;
        if (key is null || key.Length is not (4 or 6))
        {
            return false;
        }

        if (!int.TryParse(key.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2000 || year > 2100)
        {
            return false;
        }

        if (key.Length == 4)
        {
            period = OfYear(year);
            return true;
        }

        if (key[4] is not ('Q' or 'q') || key[5] is < '1' or > '4')
        {
            return false;
        }

        period = OfQuarter(year, key[5] - '0');
        return true;
    }

    public override string ToString() => Key;
}

using System.Globalization;

namespace Gongkai.ProvinceLoad;

/// <summary>
/// How big a generated platform is: a province with <see cref="Cities"/> cities of <see cref="CountiesPerCity"/>
/// counties each (three region levels; the agencies are the fourth), <see cref="Agencies"/> agencies spread over the
/// regions (each region's first agency is its 人民政府办公室, the supervising office), <see cref="Cases"/> applications
/// received over <see cref="Years"/> calendar years up to <see cref="Until"/> (the generation's "today"), and
/// <see cref="Items"/> published catalogue items.
/// </summary>
public sealed record ProvinceShape(int Agencies, int Cities, int CountiesPerCity, long Cases, int Years, long Items, DateOnly Until)
{
    /// <summary>Regions of the tree: the province, its cities and their counties.</summary>
    public int Regions => 1 + Cities + (Cities * CountiesPerCity);

    /// <summary>The first day cases and items are spread over: 1 January of the first of <see cref="Years"/>.</summary>
    public DateOnly Start => new(Until.Year - Years + 1, 1, 1);

    /// <summary>Days from <see cref="Start"/> to <see cref="Until"/>, both included.</summary>
    public int Days => Until.DayNumber - Start.DayNumber + 1;

    /// <summary>Issue 13: a region of 2,000 agencies and 2,000,000 cases (and 100 items per agency).</summary>
    public static ProvinceShape Region(DateOnly until) => new(2_000, 10, 10, 2_000_000, 3, 200_000, until);

    /// <summary>Issue 15: a province of 10,000 agencies, 5,000,000 cases and 20,000,000 catalogue items.</summary>
    public static ProvinceShape Province(DateOnly until) => new(10_000, 17, 10, 5_000_000, 3, 20_000_000, until);

    /// <summary>The smallest useful platform (tests): 7 regions, 20 agencies, 600 cases, 120 items.</summary>
    public static ProvinceShape Tiny(DateOnly until) => new(20, 2, 2, 600, 3, 120, until);

    /// <summary>The same tree with agencies, cases and items multiplied by <paramref name="scale"/> (each region keeps its office).</summary>
    public ProvinceShape Scaled(double scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        return this with
        {
            Agencies = Math.Max(Regions, (int)Math.Round(Agencies * scale)),
            Cases = Math.Max(1, (long)Math.Round(Cases * scale)),
            Items = (long)Math.Round(Items * scale),
        };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Regions:N0} regions (1 province, {Cities} cities, {Cities * CountiesPerCity} counties), {Agencies:N0} agencies, {Cases:N0} cases and {Items:N0} items over {Start:yyyy-MM-dd}..{Until:yyyy-MM-dd}");
}

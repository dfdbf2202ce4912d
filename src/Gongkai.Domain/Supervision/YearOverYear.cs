using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Supervision;

/// <summary>
/// When a change from one year's report to the next is large enough to point out: at least
/// <see cref="MinimumDifference"/> either way and at least <see cref="Percent"/> % of last year's figure (a figure that
/// was 0 and is now at least the minimum difference is large). Data, not code: a region configures it
/// (<c>Supervision:LargeChange</c>).
/// </summary>
public sealed record LargeChange(decimal Percent, decimal MinimumDifference)
{
    /// <summary>Half again or half less, and at least 10 either way.</summary>
    public static LargeChange Default { get; } = new(50m, 10m);

    /// <summary>Why the threshold cannot be used, or null.</summary>
    public string? Problem => Percent <= 0m || MinimumDifference < 0m ? "变化幅度的阈值应大于 0，最小变化数不能为负数。" : null;

    public bool IsLarge(decimal? previous, decimal? current)
    {
        if (previous is not { } before || current is not { } now)
        {
            return false;
        }

        var difference = Math.Abs(now - before);
        return difference >= MinimumDifference && difference > 0m && (before == 0m || difference * 100m / Math.Abs(before) >= Percent);
    }
}

/// <summary>One cell of the national format in two consecutive years: the figures (null where the report has none) and the change.</summary>
public sealed record CellChange(FormatCell Cell, decimal? Previous, decimal? Current, bool Large)
{
    /// <summary>This year minus last year, when both have a figure.</summary>
    public decimal? Difference => Previous is { } before && Current is { } now ? now - before : null;

    /// <summary>The difference as a percentage of last year's figure, one decimal; null when last year's is 0 or missing.</summary>
    public decimal? Percent => Difference is { } difference && Previous is { } before && before != 0m
        ? Math.Round(difference * 100m / Math.Abs(before), 1, MidpointRounding.AwayFromZero)
        : null;
}

/// <summary>An agency's annual report against its report for the year before, cell by cell.</summary>
public static class YearOverYear
{
    /// <summary>The rules of the catalogue that compare a report with the year before (their findings go with the comparison).</summary>
    public static IReadOnlySet<string> CrossYearRules { get; } = new HashSet<string>(StringComparer.Ordinal) { RuleCatalogue.XYearCarry, RuleCatalogue.XYearStock };

    /// <summary>
    /// Every numeric cell of this year's format, in print order, with last year's figure of the cell at the same path
    /// (a 2019-format previous report has none for the cells the 2021 format added).
    /// </summary>
    public static IReadOnlyList<CellChange> Compare(AnnualReport current, AnnualReport previous, LargeChange threshold)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(threshold);
        var before = FormatCell.All(previous.Format).ToDictionary(c => c.Path, StringComparer.Ordinal);
        return [.. FormatCell.All(current.Format).Select(cell =>
        {
            var now = cell.Get(current).Value;
            var then = before.TryGetValue(cell.Path, out var old) ? old.Get(previous).Value : null;
            return new CellChange(cell, then, now, threshold.IsLarge(then, now));
        })];
    }
}

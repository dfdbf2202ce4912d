using System.Globalization;
using Gongkai.Calendar;

namespace Gongkai.Supervision;

/// <summary>
/// How an indicator's value becomes points: the full weight at <see cref="FullAt"/> or better, nothing at
/// <see cref="ZeroAt"/> or worse, in proportion between. FullAt above ZeroAt rewards high values (按时率), below it
/// rewards low ones (逾期件数: full at 0, nothing at 5). The two must differ.
/// </summary>
public sealed record ScoringRule(decimal FullAt, decimal ZeroAt)
{
    /// <summary>The share of the weight earned, 0–1.</summary>
    public decimal Fraction(decimal value)
    {
        if (FullAt == ZeroAt)
        {
            throw new InvalidOperationException("A scoring rule needs two different points.");
        }

        var fraction = (value - ZeroAt) / (FullAt - ZeroAt);
        return Math.Clamp(fraction, 0m, 1m);
    }

    /// <summary>The rule in words for the scheme page, e.g. "100% 及以上得满分，80% 及以下不得分，其间按比例".</summary>
    public string Describe(IndicatorUnit unit) => FullAt > ZeroAt
        ? $"{Format(FullAt, unit)} 及以上得满分，{Format(ZeroAt, unit)} 及以下不得分，其间按比例"
        : $"{Format(FullAt, unit)} 及以下得满分，{Format(ZeroAt, unit)} 及以上不得分，其间按比例";

    public static string Format(decimal value, IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Percent => value.ToString("0.##", CultureInfo.InvariantCulture) + "%",
        IndicatorUnit.Count => value.ToString("0.##", CultureInfo.InvariantCulture) + " 件",
        _ => value.ToString("0.##", CultureInfo.InvariantCulture) + " 个/条",
    };
}

/// <summary>
/// One line of a scheme: an indicator, its weight (points out of the scheme's 100) and its scoring rule. A manual line
/// has a <see cref="Title"/> (what the supervisor scores, e.g. 政务公开专栏建设) and its <see cref="Guidance"/>.
/// </summary>
public sealed record SchemeIndicator(IndicatorKind Kind, decimal Weight, ScoringRule Rule, string? Title = null, string? Guidance = null)
{
    public string Name => Kind == IndicatorKind.Manual && !string.IsNullOrWhiteSpace(Title) ? Title : IndicatorCatalogue.Get(Kind).Name;
}

/// <summary>
/// A version of a region's assessment scheme (考核方案) for one kind of period. Versions never change: editing a scheme
/// makes a new version that takes effect from a period (<see cref="EffectiveFrom"/>) no result has been stored for, so a
/// scheme in force for a closed period stays what it was.
/// </summary>
public sealed record AssessmentSchemeVersion(int Version, PeriodKind Kind, AssessmentPeriod EffectiveFrom, IReadOnlyList<SchemeIndicator> Indicators);

/// <summary>The points of one indicator for one agency.</summary>
public sealed record IndicatorScore(SchemeIndicator Line, IndicatorValue Value, decimal? Points);

/// <summary>
/// One agency's result: each line's points and the total out of 100. Lines that are 不适用 are left out and the total
/// is scaled to the applicable weight (earned ÷ applicable weight × 100), so missing data neither scores nor loses;
/// with nothing applicable the total is null (不适用) and the agency is not ranked.
/// </summary>
public sealed record AgencyScore(Guid AgencyId, IReadOnlyList<IndicatorScore> Lines, decimal? Total);

/// <summary>An agency's place in a period's ranking, with the change from the previous period (positive: moved up).</summary>
public sealed record RankedScore(AgencyScore Score, int? Rank, int? PreviousRank, decimal? PreviousTotal)
{
    public int? RankChange => Rank is { } now && PreviousRank is { } before ? before - now : null;
}

/// <summary>Scheme rules: validation, which version is in force, scoring and ranking.</summary>
public static class AssessmentSchemes
{
    /// <summary>The scheme's total weight: the points of an agency that earns everything.</summary>
    public const decimal TotalWeight = 100m;

    /// <summary>The default quarterly scheme a region starts from (it edits it into its own).</summary>
    public static IReadOnlyList<SchemeIndicator> DefaultIndicators { get; } =
    [
        new(IndicatorKind.OnTimeReplyRate, 20m, new ScoringRule(100m, 80m)),
        new(IndicatorKind.OverdueCases, 10m, new ScoringRule(0m, 5m)),
        new(IndicatorKind.ExtensionRate, 5m, new ScoringRule(10m, 50m)),
        new(IndicatorKind.CorrectionRate, 5m, new ScoringRule(10m, 50m)),
        new(IndicatorKind.ReviewCorrectionRate, 10m, new ScoringRule(0m, 50m)),
        new(IndicatorKind.CatalogueOnTimeRate, 15m, new ScoringRule(100m, 80m)),
        new(IndicatorKind.AnnualReportOnTime, 10m, new ScoringRule(100m, 0m)),
        new(IndicatorKind.AnnualReportErrors, 5m, new ScoringRule(0m, 5m)),
        new(IndicatorKind.RectificationOnTimeRate, 10m, new ScoringRule(100m, 50m)),
        new(IndicatorKind.SpotCheckProblemRate, 10m, new ScoringRule(0m, 1m)),
    ];

    /// <summary>Why the lines cannot make a scheme (Chinese, one per problem); empty when they can.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<SchemeIndicator> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var problems = new List<string>();
        if (lines.Count == 0)
        {
            problems.Add("考核方案至少要有一项指标。");
            return problems;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!Enum.IsDefined(line.Kind))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"第 {i + 1} 项：指标不存在。"));
                continue;
            }

            var name = string.Create(CultureInfo.InvariantCulture, $"第 {i + 1} 项（{line.Name}）");
            if (line.Weight <= 0m || line.Weight > TotalWeight)
            {
                problems.Add($"{name}：分值应大于 0、不超过 100。");
            }

            if (line.Rule.FullAt == line.Rule.ZeroAt)
            {
                problems.Add($"{name}：满分点和零分点不能相同。");
            }

            if (line.Kind == IndicatorKind.Manual && string.IsNullOrWhiteSpace(line.Title))
            {
                problems.Add($"{name}：人工评分项须写明评分内容。");
            }
        }

        foreach (var duplicate in lines.Where(l => l.Kind != IndicatorKind.Manual).GroupBy(l => l.Kind).Where(g => g.Count() > 1))
        {
            problems.Add($"指标“{IndicatorCatalogue.Get(duplicate.Key).Name}”重复。");
        }

        var total = lines.Sum(l => l.Weight);
        if (total != TotalWeight)
        {
            problems.Add($"各项分值合计应为 100，现为 {total.ToString("0.##", CultureInfo.InvariantCulture)}。");
        }

        return problems;
    }

    /// <summary>The version in force for <paramref name="period"/>: the latest one effective from it or earlier; null when none is.</summary>
    public static AssessmentSchemeVersion? InForce(IEnumerable<AssessmentSchemeVersion> versions, AssessmentPeriod period)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(period);
        return versions.Where(v => v.Kind == period.Kind && v.EffectiveFrom.Start <= period.Start)
            .OrderByDescending(v => v.EffectiveFrom.Start).ThenByDescending(v => v.Version).FirstOrDefault();
    }

    /// <summary>
    /// Why a new version cannot take effect from <paramref name="effectiveFrom"/>, or null: it may not reach back into a
    /// period whose results have been closed (stored), because those results were scored under the old version.
    /// </summary>
    public static string? NewVersionRefusal(AssessmentPeriod effectiveFrom, IEnumerable<AssessmentPeriod> closedPeriods)
    {
        ArgumentNullException.ThrowIfNull(effectiveFrom);
        ArgumentNullException.ThrowIfNull(closedPeriods);
        var latestClosed = closedPeriods.Where(p => p.Kind == effectiveFrom.Kind).MaxBy(p => p.Start);
        return latestClosed is not null && effectiveFrom.Start <= latestClosed.Start
            ? $"{latestClosed.Label}的考核结果已经确定，新版本只能从之后的考核期起施行。"
            : null;
    }

    /// <summary>Scores one agency. <paramref name="manual"/> gives the supervisor's score rate (0–100) per manual line index.</summary>
    public static AgencyScore Score(
        Guid agencyId, AssessmentSchemeVersion scheme, AgencyFacts facts, AssessmentPeriod period, DateOnly today, WorkingCalendar calendar,
        IReadOnlyDictionary<int, decimal>? manual = null) =>
        Score(agencyId, scheme, kind => Indicators.Compute(kind, facts, period, today, calendar), manual);

    /// <summary>
    /// Scores one agency from values already computed (<paramref name="valueOf"/> gives a computed indicator's value, for
    /// instance counted in the database); <paramref name="manual"/> as above.
    /// </summary>
    public static AgencyScore Score(
        Guid agencyId, AssessmentSchemeVersion scheme, Func<IndicatorKind, IndicatorValue> valueOf, IReadOnlyDictionary<int, decimal>? manual = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(valueOf);
        var lines = new List<IndicatorScore>();
        for (var i = 0; i < scheme.Indicators.Count; i++)
        {
            var line = scheme.Indicators[i];
            var value = line.Kind == IndicatorKind.Manual
                ? manual is not null && manual.TryGetValue(i, out var rate) ? new IndicatorValue(Math.Clamp(rate, 0m, 100m), 0, 0, [], []) : IndicatorValue.None
                : valueOf(line.Kind);
            lines.Add(new IndicatorScore(line, value, value.Value is { } v ? Math.Round(line.Weight * line.Rule.Fraction(v), 2, MidpointRounding.AwayFromZero) : null));
        }

        var applicable = lines.Where(l => l.Points is not null).ToList();
        var weight = applicable.Sum(l => l.Line.Weight);
        decimal? total = weight == 0m ? null : Math.Round(applicable.Sum(l => l.Points!.Value) / weight * TotalWeight, 2, MidpointRounding.AwayFromZero);
        return new AgencyScore(agencyId, lines, total);
    }

    /// <summary>
    /// Ranks by total, highest first; equal totals share a rank and the next rank skips (1, 2, 2, 4); agencies whose
    /// total is 不适用 come last without a rank. The previous period's totals give the change.
    /// </summary>
    public static IReadOnlyList<RankedScore> Rank(IReadOnlyList<AgencyScore> scores, IReadOnlyDictionary<Guid, decimal?>? previousTotals = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var previousRanks = previousTotals is null ? new Dictionary<Guid, int>() : Ranks(previousTotals);
        var ranks = Ranks(scores.ToDictionary(s => s.AgencyId, s => s.Total));
        return [.. scores.OrderBy(s => s.Total is null ? 1 : 0).ThenByDescending(s => s.Total)
            .Select(s => new RankedScore(s, ranks.TryGetValue(s.AgencyId, out var r) ? r : null,
                previousRanks.TryGetValue(s.AgencyId, out var p) ? p : null,
                previousTotals is not null && previousTotals.TryGetValue(s.AgencyId, out var t) ? t : null))];
    }

    private static Dictionary<Guid, int> Ranks(IReadOnlyDictionary<Guid, decimal?> totals)
    {
        var ordered = totals.Where(t => t.Value is not null).OrderByDescending(t => t.Value).ToList();
        var ranks = new Dictionary<Guid, int>();
        for (var i = 0; i < ordered.Count; i++)
        {
            ranks[ordered[i].Key] = i > 0 && ordered[i].Value == ordered[i - 1].Value ? ranks[ordered[i - 1].Key] : i + 1;
        }

        return ranks;
    }
}

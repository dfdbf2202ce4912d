using System.Globalization;
using System.Text.Json;
using Gongkai.Applications;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Supervision;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>One line, bar or pie slice set of a chart: values in the order of the chart's labels (null where none).</summary>
public sealed record TrendSeries(string Name, string Unit, IReadOnlyList<decimal?> Values);

/// <summary>
/// A chart of the supervision pages with the data it draws; the page prints the same numbers as a table, so the
/// chart is never the only way to read them. <see cref="Kind"/> is the ECharts series type (line, bar, pie).
/// </summary>
public sealed record TrendChart(string Id, string Title, string Kind, IReadOnlyList<string> Labels, IReadOnlyList<TrendSeries> Series)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The chart as the JSON the chart script reads from the figure's data-chart attribute.</summary>
    public string ToJson() => JsonSerializer.Serialize(new { kind = Kind, labels = Labels, series = Series.Select(s => new { name = s.Name, unit = s.Unit, values = s.Values }) }, Json);

    /// <summary>
    /// A value as the table prints it: a whole count, a rate or score with the decimals it has (up to two: an average
    /// score is rounded to two, rates to one), or — where there is none.
    /// </summary>
    public static string Cell(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "—";
}

/// <summary>
/// The trends of the last twelve months for a set of agencies (a region's or one agency): applications received and
/// concluded, the on-time share and the late replies, the outcome mix, catalogue items published; and an agency's
/// totals in the closed assessment periods. Counted from live data, as the assessment indicators are.
/// </summary>
public sealed class Trends(GongkaiDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<TrendChart>> MonthlyAsync(IReadOnlyCollection<Guid> agencies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agencies);
        var ids = agencies.ToList();
        var today = ChinaTime.Today(clock);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var months = Enumerable.Range(0, 12).Select(first.AddMonths).ToList();
        var labels = months.Select(m => m.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();
        int Month(int year, int month) => ((year - first.Year) * 12) + month - first.Month;

        // Counted by month in the database: a region's year is hundreds of thousands of cases, never loaded row by row.
        var received = await db.Applications.AsNoTracking()
            .Where(a => ids.Contains(a.AgencyId) && a.ReceivedOn >= first && a.ReceivedOn <= today)
            .GroupBy(a => new { a.ReceivedOn.Year, a.ReceivedOn.Month })
            .Select(g => new MonthCount(g.Key.Year, g.Key.Month, g.Count())).ToListAsync(cancellationToken);
        var concluded = await db.Applications.AsNoTracking()
            .Where(a => ids.Contains(a.AgencyId) && a.ConcludedOn >= first && a.ConcludedOn <= today)
            .GroupBy(a => new { a.ConcludedOn!.Value.Year, a.ConcludedOn.Value.Month, Late = a.DueOn != null && a.ConcludedOn > a.DueOn, a.Outcome })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Late, g.Key.Outcome, Count = g.Count() }).ToListAsync(cancellationToken);
        var published = await db.CatalogItems.AsNoTracking()
            .Where(i => ids.Contains(i.AgencyId) && i.Mode == DisclosureMode.Proactive && i.PublishedOn >= first && i.PublishedOn <= today)
            .GroupBy(i => new { i.PublishedOn!.Value.Year, i.PublishedOn.Value.Month })
            .Select(g => new MonthCount(g.Key.Year, g.Key.Month, g.Count())).ToListAsync(cancellationToken);

        decimal?[] Counts(IEnumerable<MonthCount> counted)
        {
            var counts = new decimal?[12];
            Array.Fill(counts, 0m);
            foreach (var month in counted)
            {
                counts[Month(month.Year, month.Month)] += month.Count;
            }

            return counts;
        }

        var doneCounts = Counts(concluded.Select(c => new MonthCount(c.Year, c.Month, c.Count)));
        var lateCounts = Counts(concluded.Where(c => c.Late).Select(c => new MonthCount(c.Year, c.Month, c.Count)));
        var onTime = doneCounts.Select((done, i) => done is > 0 ? Math.Round((done.Value - lateCounts[i]!.Value) * 100m / done.Value, 1, MidpointRounding.AwayFromZero) : (decimal?)null).ToList();
        var outcomes = concluded.Where(c => c.Outcome is not null)
            .GroupBy(c => OutcomeGroup(c.Outcome!.Value), c => c.Count)
            .Select(g => (Name: g.Key, Count: g.Sum()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
        return
        [
            new("applications", "依申请公开：每月收到和办结件数", "bar", labels,
                [new("收到", "件", Counts(received)), new("办结", "件", doneCounts)]),
            new("timeliness", "每月按时办结率和逾期办结件数", "line", labels,
                [new("按时办结率", "%", onTime), new("逾期办结", "件", lateCounts)]),
            new("outcomes", "近 12 个月办理结果构成（件）", "pie", [.. outcomes.Select(g => g.Name)],
                [new("办结", "件", [.. outcomes.Select(g => (decimal?)g.Count)])]),
            new("catalogue", "每月发布主动公开信息条数", "bar", labels,
                [new("发布", "条", Counts(published))]),
        ];
    }

    /// <summary>An agency's total in each closed period of the region (oldest first), or null when none is closed.</summary>
    public async Task<TrendChart?> ScoresAsync(Guid regionId, Guid agencyId, CancellationToken cancellationToken)
    {
        var stored = await db.AssessmentResults.AsNoTracking().Where(r => r.RegionId == regionId).Select(r => new { r.PeriodKey, r.ResultsJson }).ToListAsync(cancellationToken);
        var points = stored
            .Select(r => (Period: AssessmentPeriod.TryParse(r.PeriodKey, out var p) ? p : null, Ranking: JsonSerializer.Deserialize<List<RankedScore>>(r.ResultsJson, Assessments.Json) ?? []))
            .Where(r => r.Period is not null)
            .OrderBy(r => r.Period!.Kind).ThenBy(r => r.Period!.Start)
            .Select(r => (r.Period!.Label, Total: r.Ranking.FirstOrDefault(s => s.Score.AgencyId == agencyId)?.Score.Total))
            .ToList();
        return points.Count == 0 ? null : new TrendChart("scores", "历次定稿考核得分", "line", [.. points.Select(p => p.Label)], [new("总分", "分", [.. points.Select(p => p.Total)])]);
    }

    private sealed record MonthCount(int Year, int Month, int Count);

    /// <summary>The first part of an outcome's public name: 予以公开, 部分公开, 不予公开, 无法提供, 不予处理…</summary>
    public static string OutcomeGroup(Outcome outcome)
    {
        var name = outcome.PublicName();
        var cut = name.IndexOf('（', StringComparison.Ordinal);
        return cut > 0 ? name[..cut] : name;
    }
}

using System.Text.Json;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Supervision;
using Gongkai.Web.AnnualReports;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>
/// A region of the supervisor's subtree summarised one row per region below it (a city: one per county) — agencies,
/// reports submitted for the year, errors in them, rectifications open and overdue, the average total of the latest
/// stored (closed) assessment of that region — each row drilling into that region; a region with nothing below it is
/// summarised one row per agency. Only the subtree exists (<see cref="RegionScope"/>).
/// </summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class RegionsModel(RegionScope scope, SupervisedReports reports, GongkaiDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>One row: a region below (<see cref="RegionId"/>) or an agency (<see cref="AgencyId"/>) with its figures.</summary>
    public sealed record SummaryRow(
        string Name, Guid? RegionId, Guid? AgencyId, int Agencies, int Submitted, int Errors, int OpenRectifications, int OverdueRectifications,
        decimal? AverageScore, string? ScorePeriod);

    [BindProperty(SupportsGet = true)]
    public Guid? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public Region Selected { get; private set; } = null!;

    /// <summary>The region above, when it is in the subtree (the way back up).</summary>
    public Region? Parent { get; private set; }

    public int SelectedYear { get; private set; }

    public bool ByAgency { get; private set; }

    public IReadOnlyList<SummaryRow> Rows { get; private set; } = [];

    public SummaryRow Total { get; private set; } = null!;

    public IEnumerable<int> Years { get; private set; } = [];

    /// <summary>The rows' figures drawn (score; reports and rectifications), each chart with its table.</summary>
    public IReadOnlyList<TrendChart> Charts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        Years = Enumerable.Range(ReportDeadlines.FirstYear, today.Year - ReportDeadlines.FirstYear + 1).Reverse();
        SelectedYear = Year is { } y && y >= ReportDeadlines.FirstYear && y <= today.Year ? y : today.Year - 1;
        var regions = await scope.RegionsAsync(cancellationToken);
        if ((Region is { } id ? regions.FirstOrDefault(r => r.Id == id) : regions.Count > 0 ? regions[0] : null) is not { } selected)
        {
            return NotFound();
        }

        Selected = selected;
        Parent = regions.FirstOrDefault(r => r.Id == selected.ParentId);
        var agencies = (await scope.AgenciesAsync(cancellationToken)).Where(a => a.RegionPath.StartsWith(selected.Path, StringComparison.Ordinal)).ToList();
        var ids = agencies.Select(a => a.Id).ToList();
        var yearReports = (await reports.ForYearAsync(SelectedYear, cancellationToken)).Where(r => ids.Contains(r.Agency.Id)).ToDictionary(r => r.Agency.Id);
        var open = await db.Rectifications.AsNoTracking()
            .Where(r => ids.Contains(r.AgencyId) && r.State != RectificationState.Closed)
            .Select(r => new { r.AgencyId, r.State, r.DueOn })
            .ToListAsync(cancellationToken);
        var openByAgency = open.ToLookup(r => r.AgencyId);
        var children = regions.Where(r => r.ParentId == selected.Id).ToList();
        ByAgency = children.Count == 0;
        var scores = await LatestScoresAsync(ByAgency ? [selected.Id] : [.. children.Select(c => c.Id)], cancellationToken);

        SummaryRow Sum(string name, Guid? regionId, Guid? agencyId, IReadOnlyList<ScopedAgency> members, (decimal? Average, string? Period) score)
        {
            var rectifications = members.SelectMany(a => openByAgency[a.Id]).ToList();
            var submitted = members.Select(a => yearReports.GetValueOrDefault(a.Id)).Where(r => r is { Source: not ReportSource.None }).ToList();
            return new SummaryRow(name, regionId, agencyId, members.Count, submitted.Count, submitted.Sum(r => r!.Errors), rectifications.Count,
                rectifications.Count(r => RectificationFlow.IsOverdue(r.State, r.DueOn, today)), score.Average, score.Period);
        }

        var rows = new List<SummaryRow>();
        if (ByAgency)
        {
            var stored = scores.GetValueOrDefault(selected.Id);
            rows.AddRange(agencies.Select(a => Sum(a.Name, null, a.Id, [a],
                stored.Totals?.TryGetValue(a.Id, out var total) == true ? (total, stored.Period) : (null, stored.Period))));
        }
        else
        {
            var own = agencies.Where(a => a.RegionId == selected.Id).ToList();
            if (own.Count > 0)
            {
                rows.Add(Sum(selected.Name + "本级", null, null, own, (null, null)));
            }

            foreach (var child in children)
            {
                var stored = scores.GetValueOrDefault(child.Id);
                rows.Add(Sum(child.Name, child.Id, null, [.. agencies.Where(a => a.RegionPath.StartsWith(child.Path, StringComparison.Ordinal))],
                    (stored.Totals is { Count: > 0 } totals && totals.Values.OfType<decimal>().Any()
                        ? Math.Round(totals.Values.OfType<decimal>().Average(), 2, MidpointRounding.AwayFromZero) : null, stored.Period)));
            }
        }

        Rows = rows;
        var labels = rows.Select(r => r.Name).ToList();
        var unit = ByAgency ? "机关" : "地区";
        Charts =
        [
            new("region-scores", ByAgency ? "各机关考核得分" : "各地区考核平均分", "bar", labels,
                [new(ByAgency ? "考核得分" : "考核平均分", "分", [.. rows.Select(r => r.AverageScore)])]),
            new("region-work", $"各{unit}年度报告提交和整改情况", "bar", labels,
            [
                new("已提交报告", "份", [.. rows.Select(r => (decimal?)r.Submitted)]),
                new("整改未办结", "件", [.. rows.Select(r => (decimal?)r.OpenRectifications)]),
                new("整改逾期", "件", [.. rows.Select(r => (decimal?)r.OverdueRectifications)]),
            ]),
        ];
        Total = new SummaryRow("合计", null, null, rows.Sum(r => r.Agencies), rows.Sum(r => r.Submitted), rows.Sum(r => r.Errors),
            rows.Sum(r => r.OpenRectifications), rows.Sum(r => r.OverdueRectifications), null, null);
        return Page();
    }

    /// <summary>
    /// For each region, the totals of its latest stored assessment (by the day it was closed) and that period's name.
    /// Only the ids and keys are read for every stored period; the ranking of the latest one only.
    /// </summary>
    private async Task<Dictionary<Guid, (IReadOnlyDictionary<Guid, decimal?>? Totals, string? Period)>> LatestScoresAsync(List<Guid> regionIds, CancellationToken cancellationToken)
    {
        var keys = await db.AssessmentResults.AsNoTracking().Where(r => regionIds.Contains(r.RegionId))
            .Select(r => new { r.Id, r.RegionId, r.PeriodKey, r.ClosedAtUtc }).ToListAsync(cancellationToken);
        var latest = keys.GroupBy(k => k.RegionId).Select(g => g.MaxBy(k => k.ClosedAtUtc)!).ToList();
        var latestIds = latest.Select(k => k.Id).ToList();
        var json = await db.AssessmentResults.AsNoTracking().Where(r => latestIds.Contains(r.Id)).Select(r => new { r.Id, r.ResultsJson }).ToDictionaryAsync(r => r.Id, r => r.ResultsJson, cancellationToken);
        var result = new Dictionary<Guid, (IReadOnlyDictionary<Guid, decimal?>?, string?)>();
        foreach (var key in latest)
        {
            var ranking = JsonSerializer.Deserialize<List<RankedScore>>(json[key.Id], Assessments.Json) ?? [];
            result[key.RegionId] = (ranking.ToDictionary(r => r.Score.AgencyId, r => r.Score.Total),
                AssessmentPeriod.TryParse(key.PeriodKey, out var period) ? period.Label : key.PeriodKey);
        }

        return result;
    }
}

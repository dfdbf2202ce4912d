using System.Text.Json;
using Gongkai.Data;
using Gongkai.Supervision;
using Gongkai.Tests.Data;
using Gongkai.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.Supervision;

/// <summary>The demo's year of supervision: four closed quarters computed from the demo's data, rectifications in every state.</summary>
public class SupervisionDemoSeedTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_freshly_seeded_demo_has_last_years_four_quarters_closed_and_rectifications_open_closed_and_overdue_and_seeding_again_adds_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database);
        var today = new DateOnly(2024, 6, 17);

        async Task<(List<string> Periods, List<string> States, int Overdue, int Schemes)> CountsAsync() =>
            await ApplicantCases.QueryAsync<(List<string>, List<string>, int, int)>(app, async db =>
            {
                var periods = await db.AssessmentResults.OrderBy(r => r.PeriodKey).Select(r => r.PeriodKey + " " + r.ClosedBy).ToListAsync();
                var rectifications = await db.Rectifications.Select(r => new { r.State, r.DueOn }).ToListAsync();
                return (periods, rectifications.GroupBy(r => r.State).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}").ToList(),
                    rectifications.Count(r => RectificationFlow.IsOverdue(r.State, r.DueOn, today)), await db.AssessmentSchemes.CountAsync());
            });

        var first = await CountsAsync();
        first.Periods.ShouldBe(["2023Q1 陈静（监督人）", "2023Q2 陈静（监督人）", "2023Q3 陈静（监督人）", "2023Q4 陈静（监督人）"]);
        first.States.ShouldBe(["Raised 2", "Answered 1", "Returned 1", "Closed 4"]);
        first.Overdue.ShouldBe(2, "one raised 40 days ago and one returned last September");
        first.Schemes.ShouldBe(1);

        // Each quarter's 整改按时办结率 is computed from the rectifications due in it: on time and accepted, late, returned, on time.
        var names = await ApplicantCases.QueryAsync(app, db => db.Agencies.ToDictionaryAsync(a => a.Id, a => a.Name));
        var rankings = await ApplicantCases.QueryAsync(app, db => db.AssessmentResults.OrderBy(r => r.PeriodKey).Select(r => r.ResultsJson).ToListAsync());
        var rectificationRates = rankings.Select(json => string.Join("；", JsonSerializer.Deserialize<List<RankedScore>>(json, Json)!
            .SelectMany(r => r.Score.Lines.Where(l => l.Line.Kind == IndicatorKind.RectificationOnTimeRate && l.Value.Value is not null)
                .Select(l => $"{names[r.Score.AgencyId]} {l.Value.Value:0.##}% {l.Value.Numerator}/{l.Value.Denominator}")))).ToList();
        rectificationRates.ShouldBe(["示范县人力资源和社会保障局 100% 1/1", "示范县住房和城乡建设局 0% 0/1", "示范县市场监督管理局 0% 0/1", "示范县住房和城乡建设局 100% 1/1"]);
        rankings.Select(json => JsonSerializer.Deserialize<List<RankedScore>>(json, Json)!.Count).ShouldBe([5, 5, 5, 5], "the five departments; the office is not assessed");

        // Seeding again (as a restart with the same data would) adds nothing.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await SupervisionDemoData.SeedAsync(scope.ServiceProvider.GetRequiredService<GongkaiDbContext>(), app.Clock, scope.ServiceProvider);
        }

        var second = await CountsAsync();
        second.Periods.ShouldBe(first.Periods);
        second.States.ShouldBe(first.States);
        second.Schemes.ShouldBe(1);

        // The pages are alive: the closed quarter reads its stored ranking, the rectification list counts each state.
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        var quarter = await supervisor.GetPageAsync("/supervision/assessment?period=2023Q4");
        quarter.QuerySelector("#scheme-in-force")!.TextContent.ShouldContain("由 陈静（监督人） 定稿");
        quarter.QuerySelector("#close-form").ShouldBeNull();
        var list = await supervisor.GetPageAsync("/supervision/rectifications");
        list.QuerySelectorAll(".summary-cards li").Select(li => li.TextContent.Trim()).ShouldBe(["3 件待整改", "1 件待验收", "2 件已逾期", "4 件已办结"]);
        list.QuerySelectorAll("#rectifications tbody tr").Length.ShouldBe(8);
    }
}

using System.Text.Json;
using Gongkai.Data;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gongkai.Tests.Web.Supervision;

/// <summary>The per-county summary's charts, drawn in a real browser, with tables holding exactly the figures of the summary.</summary>
[Collection(BrowserTests.Name)]
public class RegionChartBrowserTests(Browser browser) : BrowserTest
{
    private static readonly DateTimeOffset April2025 = new(2025, 4, 10, 2, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_city_supervisor_sees_each_countys_score_reports_and_rectifications_drawn_with_the_same_figures_in_tables()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false);
        var page = await browser.OpenAsync(app);
        var (otherAgency, _) = await AssessmentTests.LevelsAsync(app);
        var education = await ReportCases.AgencyIdAsync(app, "示范县教育局");
        var natural = await ReportCases.AgencyIdAsync(app, "示范县自然资源局");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
            var county = await db.Regions.Where(r => r.Name == "示范县").Select(r => r.Id).SingleAsync();
            var cityOffice = await db.Agencies.Where(a => a.Name == "新乡市人民政府办公室").Select(a => a.Id).SingleAsync();
            db.Rectifications.AddRange(
                Rectification(otherAgency, cityOffice, new DateOnly(2025, 3, 1), RectificationState.Raised),
                Rectification(education, cityOffice, new DateOnly(2025, 5, 1), RectificationState.Returned),
                Rectification(education, cityOffice, new DateOnly(2025, 3, 1), RectificationState.Closed));
            var scheme = new AssessmentSchemeRecord
            {
                Id = Guid.NewGuid(), RegionId = county, Kind = PeriodKind.Quarter, Version = 1, EffectiveFrom = "2025Q1",
                IndicatorsJson = "[]", CreatedAtUtc = April2025.UtcDateTime, CreatedBy = "测试",
            };
            RankedScore Ranked(Guid agency, decimal? total, int? rank) => new(new AgencyScore(agency, [], total), rank, null, null);
            db.AssessmentSchemes.Add(scheme);
            db.AssessmentResults.Add(new AssessmentResultRecord
            {
                Id = Guid.NewGuid(), RegionId = county, PeriodKey = "2025Q1", SchemeId = scheme.Id, ClosedAtUtc = April2025.UtcDateTime, ClosedBy = "测试",
                ResultsJson = JsonSerializer.Serialize(new List<RankedScore> { Ranked(education, 80m, 1), Ranked(natural, 61.5m, 2) }, Json),
            });
            await db.SaveChangesAsync();
        }

        await page.GotoAsync("/accounts/login");
        await page.GetByLabel("用户名").FillAsync("city-supervisor");
        await page.GetByLabel("密码").FillAsync(Gongkai.Web.Demo.DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/work");

        await page.GotoAsync("/supervision/regions");

        var figures = page.Locator("#region-charts figure[data-chart]");
        (await figures.Locator("figcaption").AllInnerTextsAsync()).ShouldBe(["各地区考核平均分", "各地区年度报告提交和整改情况"]);
        await figures.Nth(0).Locator(".chart canvas").First.WaitForAsync();
        await figures.Nth(1).Locator(".chart canvas").First.WaitForAsync();

        static async Task<List<string>> RowsAsync(ILocator table)
        {
            var rows = new List<string>();
            foreach (var row in await table.Locator("tr").AllAsync())
            {
                rows.Add(string.Join("|", await row.Locator("th, td").AllInnerTextsAsync()));
            }

            return rows;
        }

        (await RowsAsync(page.Locator("#chart-region-scores table"))).ShouldBe(
        [
            "|新乡市本级|示范县|另一县",
            "考核平均分（分）|—|70.75|—",
        ]);
        (await RowsAsync(page.Locator("#chart-region-work table"))).ShouldBe(
        [
            "|新乡市本级|示范县|另一县",
            "已提交报告（份）|0|0|0",
            "整改未办结（件）|0|1|1",
            "整改逾期（件）|0|0|1",
        ]);
    }

    private static RectificationRecord Rectification(Guid agency, Guid raisedBy, DateOnly due, RectificationState state) => new()
    {
        Id = Guid.NewGuid(),
        AgencyId = agency,
        RaisedByAgencyId = raisedBy,
        Source = RectificationSource.Manual,
        Title = "整改事项",
        Detail = "请整改。",
        RaisedOn = due.AddDays(-20),
        WorkingDays = 10,
        DueOn = due,
        State = state,
        RaisedBy = "测试",
        CreatedAtUtc = April2025.UtcDateTime,
        UpdatedAtUtc = April2025.UtcDateTime,
    };
}

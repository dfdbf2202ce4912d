using System.Net;
using System.Text.Json;
using Gongkai.Data;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Tests.Web.Supervision;

/// <summary>A city's supervisor sees one row per county and drills into each; every level reads only its subtree.</summary>
public class RegionSummaryTests
{
    private static readonly DateTimeOffset April2025 = new(2025, 4, 10, 2, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_city_sees_one_row_per_county_drills_into_a_county_and_each_level_of_three_reads_only_its_subtree(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new GongkaiApp(database, clock: new TestClock(April2025), demoCases: false, demoCatalog: false);
        var (otherAgency, otherRegion) = await AssessmentTests.LevelsAsync(app);
        var education = await ReportCases.AgencyIdAsync(app, "示范县教育局");
        var natural = await ReportCases.AgencyIdAsync(app, "示范县自然资源局");
        var (county, city, province) = await ApplicantCases.QueryAsync(app, async db => (
            await db.Regions.Where(r => r.Name == "示范县").Select(r => r.Id).SingleAsync(),
            await db.Regions.Where(r => r.Name == "新乡市").Select(r => r.Id).SingleAsync(),
            await db.Regions.Where(r => r.Name == "河南省").Select(r => r.Id).SingleAsync()));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
            var cityOffice = await db.Agencies.Where(a => a.Name == "新乡市人民政府办公室").Select(a => a.Id).SingleAsync();
            var report = Broken();
            db.AnnualReports.Add(YearOverYearTests.Record(natural, report, new DateTime(2025, 1, 20, 2, 0, 0, DateTimeKind.Utc)));
            db.Rectifications.AddRange(
                Rectification(otherAgency, cityOffice, new DateOnly(2025, 3, 1), RectificationState.Raised),
                Rectification(education, cityOffice, new DateOnly(2025, 5, 1), RectificationState.Raised),
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
                ResultsJson = JsonSerializer.Serialize(new List<RankedScore> { Ranked(education, 80m, 1), Ranked(natural, 61m, 2), Ranked(otherAgency, null, null) },
                    Json),
            });
            await db.SaveChangesAsync();
        }

        var errors = Gongkai.AnnualReports.Validation.ReportValidator.Validate(Broken(), null)
            .Count(f => f.Severity == Gongkai.AnnualReports.Validation.Severity.Error).ToString(System.Globalization.CultureInfo.InvariantCulture);
        errors.ShouldNotBe("0", "the report has a wrong sum");
        using var countyClient = app.CreateBrowserClient();
        await countyClient.LoginAsync("supervisor");
        using var cityClient = app.CreateBrowserClient();
        await cityClient.LoginAsync("city-supervisor");
        using var provinceClient = app.CreateBrowserClient();
        await provinceClient.LoginAsync("province-supervisor");

        static async Task<List<string>> Rows(HttpClient client, string url) =>
            [.. (await client.GetPageAsync(url)).QuerySelectorAll("#region-summary tbody tr, #region-summary tfoot tr")
                .Select(r => string.Join("|", r.Children.Take(7).Select(c => string.Join(" ", c.TextContent.Split(default(char[]), StringSplitOptions.RemoveEmptyEntries)))))];

        (await Rows(cityClient, "/supervision/regions")).ShouldBe(
        [
            "新乡市本级|1|0|0|0|0|—",
            $"示范县|6|1|{errors}|1|0|70.5 （2025年第一季度）",
            "另一县|1|0|0|1|1|—",
            $"合计|8|1|{errors}|2|1|",
        ]);
        var cityPage = await cityClient.GetPageAsync("/supervision/regions");
        var drill = cityPage.QuerySelectorAll("#region-summary tbody th a").Select(a => a.GetAttribute("href")).ToList();
        drill.ShouldBe([$"/supervision/regions?region={county}&year=2024", $"/supervision/regions?region={otherRegion}&year=2024"]);
        (await Rows(cityClient, drill[0]!)).ShouldBe(
        [
            "示范县人民政府办公室|1|0|0|0|0|—",
            "示范县教育局|1|0|0|1|0|80 （2025年第一季度）",
            $"示范县自然资源局|1|1|{errors}|0|0|61 （2025年第一季度）",
            "示范县住房和城乡建设局|1|0|0|0|0|—",
            "示范县人力资源和社会保障局|1|0|0|0|0|—",
            "示范县市场监督管理局|1|0|0|0|0|—",
            $"合计|6|1|{errors}|1|0|",
        ]);
        (await cityClient.GetPageAsync(drill[0]!)).QuerySelector("nav.breadcrumb a[href^='/supervision/regions?region=']")!.TextContent.ShouldBe("新乡市", "the way back up");

        // Three levels: the province sees the city as one row, the city both counties, the county its own agencies only.
        (await Rows(provinceClient, "/supervision/regions")).ShouldBe(["河南省本级|1|0|0|0|0|—", $"新乡市|8|1|{errors}|2|1|—", $"合计|9|1|{errors}|2|1|"]);
        (await Rows(provinceClient, $"/supervision/regions?region={city}")).Count.ShouldBe(4);
        (await Rows(countyClient, "/supervision/regions")).Count.ShouldBe(7, "six agencies and the sum");
        (await countyClient.GetAsync(new Uri($"/supervision/regions?region={otherRegion}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await countyClient.GetAsync(new Uri($"/supervision/regions?region={city}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await cityClient.GetAsync(new Uri($"/supervision/regions?region={province}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await cityClient.GetAsync(new Uri($"/supervision/regions?region={otherRegion}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>示范县自然资源局's 2024 report with 新收 written as 99 instead of 7: the sums no longer add up.</summary>
    private static Gongkai.AnnualReports.AnnualReport Broken()
    {
        var report = SupervisionTests.NaturalResources();
        var cell = Gongkai.AnnualReports.FormatCell.All(Gongkai.AnnualReports.ReportFormat.Format2021)
            .Single(c => c.Path == Gongkai.AnnualReports.NationalFormat.PathOf(Gongkai.AnnualReports.Table3Row.NewReceived, Gongkai.AnnualReports.Table3Column.Total));
        cell.Set(report, Gongkai.AnnualReports.Cell.Of(99));
        return report;
    }

    private static RectificationRecord Rectification(Guid agency, Guid raisedBy, DateOnly due, RectificationState state) => new()
    {
        Id = Guid.NewGuid(),
        AgencyId = agency,
        RaisedByAgencyId = raisedBy,
        Source = RectificationSource.Manual,
        Title = "主动公开目录更新不及时",
        Detail = "请补充公开。",
        RaisedOn = due.AddDays(-20),
        WorkingDays = 10,
        DueOn = due,
        State = state,
        RaisedBy = "测试",
        CreatedAtUtc = April2025.UtcDateTime,
        UpdatedAtUtc = April2025.UtcDateTime,
    };
}

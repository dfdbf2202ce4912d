using Gongkai.Applications;
using Gongkai.Data.Agencies;
using Gongkai.ProvinceLoad;
using Gongkai.Supervision;
using Gongkai.Tests.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Web.Supervision;

/// <summary>
/// The bench generator (bench/Gongkai.ProvinceLoad) on both providers: the tiny preset makes exactly the same rows on
/// SQLite and PostgreSQL, and the supervision pages the load test measures answer on what it made.
/// </summary>
public class ProvinceLoadTests
{
    private static readonly DateOnly Until = new(2026, 12, 3);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_tiny_preset_makes_exact_counts_and_the_overview_regions_assessment_and_export_answer_on_it(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var shape = ProvinceShape.Tiny(Until);
        await new ProvinceGenerator(database.Options, shape, TextWriter.Null).GenerateAsync();

        await using (var db = database.CreateContext())
        {
            (await db.Regions.GroupBy(r => r.Level).Select(g => new { g.Key, Count = g.Count() }).OrderBy(g => g.Key).ToListAsync())
                .Select(g => (g.Key, g.Count)).ShouldBe([(RegionLevel.Province, 1), (RegionLevel.City, 2), (RegionLevel.County, 4)]);
            (await db.Agencies.CountAsync()).ShouldBe(20);
            (await db.Agencies.CountAsync(a => a.Kind == AgencyKind.Government)).ShouldBe(7);
            (await db.Applications.CountAsync()).ShouldBe(600);
            (await db.Applications.CountAsync(a => a.ConcludedOn != null)).ShouldBe(591);
            (await db.Applications.CountAsync(a => a.Outcome == Outcome.Granted)).ShouldBe(330);
            (await db.Applications.CountAsync(a => a.Outcome == Outcome.PartiallyGranted)).ShouldBe(72);
            (await db.Applications.CountAsync(a => a.Channel == ReceiptChannel.Online)).ShouldBe(329);
            (await db.Applications.CountAsync(a => a.ConcludedOn > a.DueOn)).ShouldBe(18);
            (await db.Applications.CountAsync(a => a.AgencyId == ProvinceGenerator.Id(1, ProvinceGenerator.LargeAgency(shape)))).ShouldBe(88);
            (await db.Applications.MinAsync(a => a.ReceivedOn)).ShouldBe(new DateOnly(2024, 1, 1));
            (await db.Applications.MaxAsync(a => a.ReceivedOn)).ShouldBe(new DateOnly(2026, 12, 2));
            (await db.Letters.CountAsync()).ShouldBe(591);
            (await db.ApplicationEvents.CountAsync(e => e.Kind == nameof(CaseEventKind.ExtensionApproved))).ShouldBe(31);
            (await db.ApplicationEvents.CountAsync(e => e.Kind == nameof(CaseEventKind.CorrectionRequested))).ShouldBe(24);
            (await db.Reviews.CountAsync()).ShouldBe(5);
            (await db.CatalogItems.CountAsync()).ShouldBe(120);
            (await db.Rectifications.GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() }).OrderBy(g => g.Key).ToListAsync())
                .Select(g => (g.Key, g.Count)).ShouldBe([(RectificationState.Answered, 6), (RectificationState.Closed, 7)]);
            (await db.AssessmentSchemes.CountAsync()).ShouldBe(7);
            (await db.Users.CountAsync()).ShouldBe(4);
        }

        await using var app = new GongkaiApp(database, demo: false, clock: new TestClock(new DateTimeOffset(2026, 12, 4, 2, 0, 0, TimeSpan.Zero)));
        using var client = app.CreateBrowserClient();
        await client.LoginAsync("supervisor", ProvinceGenerator.Password);

        var overview = await client.GetPageAsync("/supervision");
        overview.QuerySelectorAll("#agency-reports tbody tr").Length.ShouldBe(20);

        (await client.GetPageAsync("/supervision/regions")).QuerySelectorAll("#region-summary tbody tr, #region-summary tfoot tr")
            .Select(r => string.Join("|", r.Children.Take(6).Select(c => c.TextContent.Trim())))
            .ShouldBe(["示范省本级|3|0|0|1|0", "郑原市|9|0|0|3|0", "开源市|8|0|0|2|0", "合计|20|0|0|6|0"]);

        // The province office assesses every other agency of the province under its quarterly scheme, computed live.
        var assessment = await client.GetPageAsync("/supervision/assessment?period=2026Q3");
        assessment.QuerySelector("#scheme-in-force").ShouldNotBeNull();
        assessment.QuerySelectorAll("#ranking tbody tr").Length.ShouldBe(19);

        using var export = await client.GetAsync(new Uri("/supervision/assessment?handler=xlsx&period=2026Q3", UriKind.Relative));
        export.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        app.Errors.Count.ShouldBe(0);
    }
}

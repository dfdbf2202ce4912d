using System.Net;
using Gongkai.Catalog;
using Gongkai.Data.Catalog;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;
using static Gongkai.Tests.Catalog.CatalogSteps;

namespace Gongkai.Tests.Catalog;

/// <summary>
/// Publishers pressing 发布 at the same moment, twice for each item: every item is published once, the 索引号 run on
/// without a collision or a gap, and every item gets a search key of its own.
/// </summary>
public class ConcurrentPublishingTests
{
    private const int Items = 40;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Approved_items_published_all_at_once_get_consecutive_index_numbers_and_distinct_search_keys(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Concurrent.App(database);
        var agency = await CatalogWorkflowPageTests.AgencyIdAsync(app, "示范县教育局");
        var ids = await ApprovedAsync(database, agency, Items);
        using var publisher = await SignedInAsync(app, "publisher");
        var token = (await publisher.GetPageAsync("/catalog-admin/draft")).AntiforgeryToken();

        var answers = await Concurrent.AllAtOnceAsync([.. ids.Concat(ids).Select(id => (Func<Func<Task>, Task<HttpStatusCode>>)(async ready =>
        {
            using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
            await ready();
            return (await publisher.PostAsync(new Uri($"/catalog-admin/{id}?handler=Publish", UriKind.Relative), form)).StatusCode;
        }))]);

        answers.Count(a => a == HttpStatusCode.Redirect).ShouldBe(Items, "each item is published by one of its two requests");
        answers.Count(a => a == HttpStatusCode.OK).ShouldBe(Items, "the other shows the page again, saying the item was just handled");
        await using var db = database.CreateContext();
        var published = await db.CatalogItems.Where(i => ids.Contains(i.Id)).Select(i => new { i.Status, i.IndexNumber, i.SearchKey }).ToListAsync();
        published.ShouldAllBe(i => i.Status == CatalogStatus.Published);
        published.Select(i => i.IndexNumber).Order(StringComparer.Ordinal)
            .ShouldBe(Enumerable.Range(1, Items).Select(n => $"11410799MB0000002X/2024-{n:00000}"));
        var firstKey = CatalogSearchIndex.FirstKeyOf(new DateOnly(2024, 6, 17));
        published.Select(i => i.SearchKey!.Value).Order().ShouldBe(Enumerable.Range(0, Items).Select(n => firstKey + n));
    }

    /// <summary>Items of the agency waiting for publication (drafted by its handler, reviewed and approved).</summary>
    private static async Task<List<Guid>> ApprovedAsync(TestDatabase database, Guid agency, int count)
    {
        await using var db = database.CreateContext();
        var drafter = await db.Users.Where(u => u.UserName == "handler").Select(u => new { u.Id, u.DisplayName }).SingleAsync();
        var now = new DateTime(2024, 6, 17, 1, 0, 0, DateTimeKind.Utc);
        var ids = new List<Guid>();
        for (var n = 1; n <= count; n++)
        {
            var id = Guid.CreateVersion7();
            ids.Add(id);
            db.CatalogItems.Add(new CatalogItem
            {
                Id = id,
                SeriesId = id,
                AgencyId = agency,
                Status = CatalogStatus.Approved,
                Title = $"关于第{n}批学生资助名单的公示",
                Publisher = "示范县教育局",
                Body = "名单见附件。",
                FormedOn = new DateOnly(2024, 6, 14),
                DraftedById = drafter.Id,
                DraftedByName = drafter.DisplayName,
                CreatedAtUtc = now,
                UpdatedAtUtc = now,
            });
        }

        await db.SaveChangesAsync();
        return ids;
    }
}

using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Gongkai.Data;
using Gongkai.Data.Infrastructure;
using Gongkai.Tests.Applications;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Portal;

/// <summary>Public limits counted in the database (PublicRateLimits:Store = database, the default): one limit for every node.</summary>
public class SharedRateLimitTests
{
    private const string Visitor = "203.0.113.7";

    [Fact]
    public async Task Two_nodes_on_one_database_enforce_one_lookup_limit_and_the_refusal_keeps_the_form()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.PostgreSql);
        await using var first = Node(database);
        await using var second = Node(database);
        using var onFirst = Client(first, Visitor);
        using var onSecond = Client(second, Visitor);

        foreach (var (client, attempt) in new[] { (onFirst, 1), (onFirst, 2), (onSecond, 3) })
        {
            var allowed = await StatusTests.LookupAsync(client, "ZZZZZZZZ" + attempt, ApplicantCases.Phone);
            allowed.StatusCode.ShouldBe(HttpStatusCode.OK, $"look-up {attempt} is within the limit of 3");
        }

        var refused = await StatusTests.LookupAsync(onSecond, "ABCDEFGH4", "13900001111");

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "2 on one node and 1 on the other use up the limit of 3 for both");
        var page = new HtmlParser().ParseDocument(await refused.BodyAsync());
        page.QuerySelector("[role=alert]")!.TextContent.ShouldBe("查询过于频繁，请稍等几分钟后再试。");
        page.QuerySelector("#Code")!.GetAttribute("value").ShouldBe("ABCDEFGH4", "what was typed is kept");
        page.QuerySelector("#Phone")!.GetAttribute("value").ShouldBe("13900001111");
        int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(600, "the ten-minute window began at 10:00:00, the test clock's time, and runs for all ten minutes");
        (await StatusTests.LookupAsync(onFirst, "ZZZZZZZZ5", ApplicantCases.Phone)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        using var elsewhere = Client(first, "198.51.100.2");
        (await StatusTests.LookupAsync(elsewhere, "ZZZZZZZZ6", ApplicantCases.Phone)).StatusCode.ShouldBe(HttpStatusCode.OK, "another visitor has a budget of its own");
    }

    [Fact]
    public async Task Two_nodes_on_one_database_enforce_one_submission_limit_for_the_form_and_the_api()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.PostgreSql);
        await using var first = Node(database);
        await using var second = Node(database);
        using var onFirst = Client(first, Visitor);
        using var onSecond = Client(second, Visitor);

        foreach (var client in new[] { onFirst, onFirst, onSecond })
        {
            (await client.PostAsJsonAsync(new Uri("/api/applications", UriKind.Relative), new { description = "x" }, Desk.Json)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        var refused = await onSecond.PostAsJsonAsync(new Uri("/api/applications", UriKind.Relative), new { description = "x" }, Desk.Json);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("提交过于频繁，请稍等一段时间后再提交。");
        await using var db = database.CreateContext();
        (await db.Set<RateLimitCounter>().Select(c => new { c.Key, c.Count }).ToListAsync()).ShouldBe([new { Key = "submit:" + Visitor, Count = 4 }]);
    }

    [Fact]
    public async Task On_one_node_with_sqlite_the_limit_holds_and_a_new_window_starts_again_with_the_old_one_removed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = Node(database);
        using var client = Client(app, Visitor);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            (await StatusTests.LookupAsync(client, "ZZZZZZZZ" + attempt, ApplicantCases.Phone)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await StatusTests.LookupAsync(client, "ZZZZZZZZ4", ApplicantCases.Phone)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        (await StatusTests.LookupAsync(client, "ZZZZZZZZ5", ApplicantCases.Phone)).StatusCode.ShouldBe(HttpStatusCode.OK, "the next window has a new budget");

        await using var db = database.CreateContext();
        var start = app.Clock.GetUtcNow().ToUnixTimeSeconds();
        (await db.Set<RateLimitCounter>().Select(c => new { c.Key, c.WindowStart, c.Count }).ToListAsync())
            .ShouldBe([new { Key = "lookup:" + Visitor, WindowStart = start - (start % 600), Count = 1 }], "the ended window's row is pruned");
    }

    [Fact]
    public async Task Counting_in_memory_is_still_available_for_a_single_node_and_then_each_node_counts_alone()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var first = Node(database, store: "memory");
        await using var second = Node(database, store: "memory");
        using var onFirst = Client(first, Visitor);
        using var onSecond = Client(second, Visitor);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            (await StatusTests.LookupAsync(onFirst, "ZZZZZZZZ" + attempt, ApplicantCases.Phone)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await StatusTests.LookupAsync(onFirst, "ZZZZZZZZ4", ApplicantCases.Phone)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await StatusTests.LookupAsync(onSecond, "ZZZZZZZZ5", ApplicantCases.Phone)).StatusCode.ShouldBe(HttpStatusCode.OK, "memory counts per node");
        await using var db = database.CreateContext();
        (await db.Set<RateLimitCounter>().CountAsync()).ShouldBe(0);
    }

    private static GongkaiApp Node(TestDatabase database, string? store = null)
    {
        var app = new GongkaiApp(database, demoCases: false, demoCatalog: false);
        app.Settings["PublicRateLimits:Lookups"] = "3";
        app.Settings["PublicRateLimits:Submissions"] = "3";
        if (store is not null)
        {
            app.Settings["PublicRateLimits:Store"] = store;
        }

        return app;
    }

    private static HttpClient Client(GongkaiApp app, string address)
    {
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.Add(GongkaiApp.ClientAddressHeader, address);
        return client;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Microsoft.EntityFrameworkCore;
using static Gongkai.Tests.Catalog.CatalogWorkflowPageTests;

namespace Gongkai.Tests.Search;

public class SearchApiTests
{
    [Fact]
    public async Task The_json_has_the_total_the_page_and_highlighted_items()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();
        var expected = await WithDbAsync(app, db => db.CatalogItems.CountAsync(i => i.Status == Gongkai.Catalog.CatalogStatus.Published
            && (i.Title.Contains("低保") || (i.Summary != null && i.Summary.Contains("低保")) || (i.Keywords != null && i.Keywords.Contains("低保"))
                || (i.Mode == Gongkai.Catalog.DisclosureMode.Proactive && i.Body.Contains("低保")))));

        var response = await client.GetAsync(new Uri("/api/catalog/search?q=低保", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        root.GetProperty("query").GetString().ShouldBe("低保");
        root.GetProperty("total").GetInt32().ShouldBe(expected);
        expected.ShouldBeGreaterThan(3, "the demo catalogue has 低保 items");
        root.GetProperty("page").GetInt32().ShouldBe(1);
        root.GetProperty("pageSize").GetInt32().ShouldBe(20);
        var items = root.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(Math.Min(20, expected));
        var first = items[0];
        first.GetProperty("titleHtml").GetString()!.ShouldContain("<mark>低保</mark>");
        first.GetProperty("matchedIn").GetString().ShouldBe("title");
        first.GetProperty("url").GetString().ShouldBe("/catalog/" + first.GetProperty("id").GetString());
        first.GetProperty("publishedOn").GetString()!.ShouldMatch(@"^\d{4}-\d{2}-\d{2}$");
        first.GetProperty("agency").GetString().ShouldBe("示范县人民政府办公室");
        first.GetProperty("indexNumber").GetString().ShouldStartWith("11410799MB0000001X/");
        var dates = items.Where(i => i.GetProperty("matchedIn").GetString() == "title").Select(i => i.GetProperty("publishedOn").GetString()!).ToList();
        dates.ShouldBe([.. dates.OrderDescending(StringComparer.Ordinal)], "within a tier the newest come first");
    }

    [Theory]
    [InlineData("/api/catalog/search?q=", "请输入要检索的字词，例如“低保”或文号。")]
    [InlineData("/api/catalog/search", "请输入要检索的字词，例如“低保”或文号。")]
    [InlineData("/api/catalog/search?q=%E3%80%81%E3%80%82", "请输入要检索的字词，例如“低保”或文号。")]
    [InlineData("/api/catalog/search?q=低保&from=2024-13-01", "起始日期“2024-13-01”无效，请写成 2024-01-01 这样的格式。")]
    [InlineData("/api/catalog/search?q=低保&from=2024-06-01&to=2024-01-01", "起始日期晚于截止日期，请调换后再检索。")]
    [InlineData("/api/catalog/search?q=低保&page=0", "页码应为正整数。")]
    [InlineData("/api/catalog/search?q=低保&agency=abc", "发布机构参数无效。")]
    public async Task Wrong_requests_get_a_chinese_message(string url, string message)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().ShouldBe(message);
        var tooLong = await client.GetAsync(new Uri("/api/catalog/search?q=" + new string('低', 51), UriKind.Relative));
        (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().ShouldBe("检索词过长，请控制在 50 个字以内。");
    }

    [Fact]
    public async Task Filters_narrow_the_results_and_pages_do_not_overlap()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();
        var agency = await AgencyIdAsync(app, "示范县教育局");

        var all = await client.GetFromJsonAsync<SearchResponse>(new Uri("/api/catalog/search?q=示范县", UriKind.Relative));
        var education = await client.GetFromJsonAsync<SearchResponse>(new Uri($"/api/catalog/search?q=示范县&agency={agency}", UriKind.Relative));
        var dated = await client.GetFromJsonAsync<SearchResponse>(new Uri("/api/catalog/search?q=示范县&from=2023-01-01&to=2023-12-31", UriKind.Relative));
        var second = await client.GetFromJsonAsync<SearchResponse>(new Uri("/api/catalog/search?q=示范县&page=2", UriKind.Relative));

        all!.Total.ShouldBeGreaterThan(education!.Total);
        education.Items.ShouldAllBe(i => i.AgencyId == agency && i.Agency == "示范县教育局");
        education.Total.ShouldBe(await WithDbAsync(app, db => db.CatalogItems.CountAsync(i => i.AgencyId == agency && i.Status == Gongkai.Catalog.CatalogStatus.Published
            && (i.Title.Contains("示范县") || (i.Summary != null && i.Summary.Contains("示范县")) || (i.Mode == Gongkai.Catalog.DisclosureMode.Proactive && i.Body.Contains("示范县"))))));
        dated!.Items.ShouldAllBe(i => i.PublishedOn.StartsWith("2023-", StringComparison.Ordinal));
        second!.Page.ShouldBe(2);
        second.Items.Select(i => i.Id).Intersect(all.Items.Select(i => i.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_search_page_shows_highlighted_results_and_kind_messages()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database);
        using var client = app.CreateClient();
        var parser = new HtmlParser();

        var html = await client.GetStringAsync(new Uri("/search?q=拆迁", UriKind.Relative));
        var results = parser.ParseDocument(html);
        results.QuerySelector("[role=status]")!.TextContent.ShouldMatch(@"找到 \d+ 条信息，第 1 / \d+ 页。");
        results.QuerySelectorAll("ol.results h3 a mark").Select(m => m.TextContent).ShouldAllBe(t => t == "拆迁");
        results.QuerySelectorAll("ol.results li").Length.ShouldBeGreaterThan(0);
        results.QuerySelector("#q")!.GetAttribute("value").ShouldBe("拆迁");

        var empty = parser.ParseDocument(await client.GetStringAsync(new Uri("/search?q=", UriKind.Relative)));
        empty.QuerySelector("#search-error")!.TextContent.ShouldBe("请输入要检索的字词，例如“低保”或文号。");
        empty.QuerySelector("#q")!.GetAttribute("aria-invalid").ShouldBe("true");

        var first = parser.ParseDocument(await client.GetStringAsync(new Uri("/search", UriKind.Relative)));
        first.QuerySelector("#search-error").ShouldBeNull("an empty first visit is not an error");

        var none = parser.ParseDocument(await client.GetStringAsync(new Uri("/search?q=高铁", UriKind.Relative)));
        none.QuerySelector("[role=status]")!.TextContent.Trim().ShouldBe("没有找到包含“高铁”的信息。请减少检索词、换一个说法，或去掉筛选条件再试。");
    }
}

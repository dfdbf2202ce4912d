using Gongkai.Data;
using Gongkai.Data.Catalog;
using Gongkai.Tests.Data;
using Gongkai.Web.Portal;
using static Gongkai.Tests.Search.SearchFixture;

namespace Gongkai.Tests.Search;

public class SearchProviderTests
{
    private static readonly DateOnly March1 = new(2024, 3, 1);
    private static readonly DateOnly May10 = new(2024, 5, 10);

    /// <summary>A request and the fixture items it must return, in order (title matches, then 文号, then body; newest first).</summary>
    public static readonly (string Name, SearchRequest Request, int[] Expected)[] Cases =
    [
        ("two characters", new SearchRequest("低保"), [10, 2, 1, 3]),
        ("one character", new SearchRequest("低"), [10, 2, 1, 6, 3]),
        ("文号 ending", new SearchRequest("12号"), [3, 1]),
        ("文号 start", new SearchRequest("豫政"), [3]),
        ("title before body", new SearchRequest("拆迁"), [4, 5]),
        ("one character, title before body", new SearchRequest("拆"), [4, 5]),
        ("several title matches", new SearchRequest("补偿"), [5, 4]),
        ("year in 文号 and 索引号", new SearchRequest("2024"), [3, 10, 8, 2, 9, 1, 6]),
        ("agency filter", new SearchRequest("低保", AgencyId: Education), [10]),
        ("topic filter", new SearchRequest("低", CategoryId: SocialAid), [10, 2, 1]),
        ("genre filter", new SearchRequest("低", CategoryId: Notice), [1, 6, 3]),
        ("date range", new SearchRequest("低", From: March1, To: May10), [10, 2, 1]),
        ("two words", new SearchRequest("低保 通知"), [1, 3]),
        ("no match", new SearchRequest("高铁"), []),
    ];

    [Fact]
    public async Task Sqlite_and_postgresql_return_the_same_items_in_the_same_order()
    {
        await using var sqlite = await CreateAsync(DatabaseProviders.Sqlite);
        await using var postgres = await CreateAsync(DatabaseProviders.PostgreSql);
        await using var onSqliteSearch = await SearchOnAsync(sqlite);
        await using var onPostgresSearch = await SearchOnAsync(postgres);

        foreach (var (name, request, expected) in Cases)
        {
            var onSqlite = await IdsAsync(onSqliteSearch, request);
            var onPostgres = await IdsAsync(onPostgresSearch, request);

            onSqlite.ShouldBe(expected.Select(IdOf), $"SQLite: {name}");
            onPostgres.ShouldBe(onSqlite, $"PostgreSQL: {name}");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pages_continue_across_tiers_without_gaps_or_repeats(string provider)
    {
        await using var database = await CreateAsync(provider, extraTitleMatches: 45);
        await using var search = await SearchOnAsync(database);

        var pages = new List<SearchResult>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await search.SearchAsync(new SearchRequest("低保", Page: page)));
        }

        pages.ShouldAllBe(p => p.Total == 49 && p.PageCount == 3 && !p.TotalIsCapped);
        pages.Select(p => p.Items.Count).ShouldBe([20, 20, 9]);
        var ids = pages.SelectMany(p => p.Items).Select(h => h.Id).ToList();
        var expected = new[] { 10, 2, 1 }.Concat(Enumerable.Range(100, 45).Reverse()).Append(3).Select(IdOf);
        ids.ShouldBe(expected);
        pages[2].Items[^1].MatchedIn.ShouldBe(SearchTier.Body);
        pages[2].Items[^2].MatchedIn.ShouldBe(SearchTier.Title);

        // A page past the end shows the last page.
        var beyond = await search.SearchAsync(new SearchRequest("低保", Page: 9));
        beyond.Page.ShouldBe(3);
        beyond.Items.Select(h => h.Id).ShouldBe(pages[2].Items.Select(h => h.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Results_carry_highlighted_titles_numbers_and_snippets(string provider)
    {
        await using var database = await CreateAsync(provider);
        await using var search = await SearchOnAsync(database);

        var result = await search.SearchAsync(new SearchRequest("12号"));

        var first = result.Items[0];
        first.Title.ShouldBe("关于做好防汛工作的通知");
        first.DocumentNumberHtml.ShouldBe("豫政〔2024〕<mark>12号</mark>");
        first.MatchedIn.ShouldBe(SearchTier.Number);
        first.Agency.ShouldBe("示范县人民政府办公室");
        first.Url.ShouldBe("/catalog/" + IdOf(3));

        var body = (await search.SearchAsync(new SearchRequest("低保"))).Items.Single(h => h.Id == IdOf(3));
        body.TitleHtml.ShouldBe("关于做好防汛工作的通知");
        body.SnippetHtml.ShouldBe("做好<mark>低保</mark>对象等困难群众的转移安置。");
        body.Topic.ShouldBeNull();
    }

    [Fact]
    public async Task Counting_stops_at_the_cap_and_says_so()
    {
        await using var database = await CreateAsync(DatabaseProviders.Sqlite, extraTitleMatches: 45);
        await using var db = database.CreateContext();

        var capped = await CatalogSearchIndex.CountAsync(db, new CatalogSearchFilter(["低保"]), SearchTier.Any, 30);

        capped.ShouldBe(30);
        (await CatalogSearchIndex.CountAsync(db, new CatalogSearchFilter(["低保"]), SearchTier.Any, 1000)).ShouldBe(49);
        (await CatalogSearchIndex.CountAsync(db, new CatalogSearchFilter(["低保"]), SearchTier.Body, 1000)).ShouldBe(1);
    }

    private static async Task<List<Guid>> IdsAsync(FixtureSearch search, SearchRequest request)
    {
        var result = await search.SearchAsync(request);
        result.IsValid.ShouldBeTrue(request.Text);
        return [.. result.Items.Select(h => h.Id)];
    }
}

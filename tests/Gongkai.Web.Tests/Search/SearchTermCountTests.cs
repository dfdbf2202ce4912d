using Gongkai.Data;
using Gongkai.Data.Catalog;
using Gongkai.Web.Portal;
using Microsoft.EntityFrameworkCore;
using static Gongkai.Tests.Search.SearchFixture;

namespace Gongkai.Tests.Search;

/// <summary>
/// PostgreSQL's per-term document frequencies (CatalogSearchTerms): kept with the index, equal to a recount, and the
/// plan they choose for each tier (empty, walk back by key, GIN postings, probe) giving SQLite's results.
/// </summary>
public class SearchTermCountTests
{
    [Fact]
    public async Task Frequencies_follow_the_index_and_equal_a_recount()
    {
        await using var database = await CreateAsync(DatabaseProviders.PostgreSql);
        await using var db = database.CreateContext();

        var counts = await CatalogSearchIndex.TermCountsAsync(db, ["低保", "12号", "高铁"]);

        counts.ShouldNotBeNull();
        counts.Items.ShouldBe(10);
        counts.Tokens.ShouldBe([new CatalogTermCount(4, 3, 0), new CatalogTermCount(2, 0, 2), default]);
        var kept = await SnapshotAsync(db);
        foreach (var statement in CatalogSearchSchema.PostgresTermsRebuild)
        {
            await db.Database.ExecuteSqlRawAsync(statement);
        }

        (await SnapshotAsync(db)).ShouldBe(kept);

        var first = await db.CatalogItems.SingleAsync(i => i.Id == IdOf(1));
        await CatalogSearchIndex.RemoveAsync(db, first.SearchKey!.Value);

        var after = await CatalogSearchIndex.TermCountsAsync(db, ["低保", "12号"]);
        after.ShouldNotBeNull();
        after.Items.ShouldBe(9);
        after.Tokens.ShouldBe([new CatalogTermCount(3, 2, 0), new CatalogTermCount(1, 0, 1)]);
        await CatalogSearchIndex.RemoveAsync(db, first.SearchKey.Value);
        (await CatalogSearchIndex.TermCountsAsync(db, ["低保"]))!.Tokens.ShouldBe([new CatalogTermCount(3, 2, 0)], "removing a key twice counts once");

        await CatalogSearchIndex.AddAsync(db, CatalogSearchDocument.From(first));
        (await SnapshotAsync(db)).ShouldBe(kept);
    }

    [Fact]
    public void The_frequencies_choose_how_each_tier_is_read()
    {
        var dense = new CatalogTermCounts(1_000_000, [new CatalogTermCount(600_000, 20_000, 0)]);
        var one = new CatalogSearchFilter(["公示"]);

        // 20,000 of 1,000,000 titles: 20 matches lie within the newest 1,000 rows, inside the 2,000 walked.
        CatalogSearchIndex.PlanOf(dense, one, SearchTier.Title, 20).ShouldBe(TierRead.Walk);
        CatalogSearchIndex.PlanOf(dense, one, SearchTier.Title, 60).ShouldBe(TierRead.Probe);
        CatalogSearchIndex.PlanOf(dense, one, SearchTier.Number, 20).ShouldBe(TierRead.Empty);

        // At least 580,000 body matches: 20 lie within the newest 35 rows.
        CatalogSearchIndex.PlanOf(dense, one, SearchTier.Body, 20).ShouldBe(TierRead.Walk);

        // A filter or a second token leaves only the upper bound: rare tokens through GIN, frequent ones probed.
        CatalogSearchIndex.PlanOf(dense, one with { AgencyId = Education }, SearchTier.Title, 20).ShouldBe(TierRead.Probe);
        var rare = new CatalogTermCounts(1_000_000, [new CatalogTermCount(600_000, 20_000, 0), new CatalogTermCount(1_500, 900, 2)]);
        var two = new CatalogSearchFilter(["公示", "殡葬"]);
        CatalogSearchIndex.PlanOf(rare, two, SearchTier.Any, 20).ShouldBe(TierRead.Postings);
        CatalogSearchIndex.PlanOf(rare, two, SearchTier.Title, 20).ShouldBe(TierRead.Postings);
        CatalogSearchIndex.PlanOf(rare, two, SearchTier.Number, 20).ShouldBe(TierRead.Empty);
        CatalogSearchIndex.PlanOf(dense with { Tokens = [.. dense.Tokens, new CatalogTermCount(300_000, 10_000, 5)] }, two, SearchTier.Title, 20).ShouldBe(TierRead.Probe);
        CatalogSearchIndex.PlanOf(null, one, SearchTier.Title, 20).ShouldBe(TierRead.Probe);
    }

    [Fact]
    public async Task Every_plan_returns_what_sqlite_returns()
    {
        await using var sqlite = await CreateAsync(DatabaseProviders.Sqlite, extraTitleMatches: 45);
        await using var postgres = await CreateAsync(DatabaseProviders.PostgreSql, extraTitleMatches: 45);
        await using var db = postgres.CreateContext();

        // 低保: 48 of 55 titles (walked), no 文号 (empty), one body match (postings); 低保 通知: two tokens (postings).
        var counts = await CatalogSearchIndex.TermCountsAsync(db, ["低保"]);
        var filter = new CatalogSearchFilter(["低保"]);
        CatalogSearchIndex.PlanOf(counts, filter, SearchTier.Title, 20).ShouldBe(TierRead.Walk);
        CatalogSearchIndex.PlanOf(counts, filter, SearchTier.Number, 20).ShouldBe(TierRead.Empty);
        CatalogSearchIndex.PlanOf(counts, filter, SearchTier.Body, 20).ShouldBe(TierRead.Postings);

        foreach (var request in new[] { new SearchRequest("低保"), new SearchRequest("低保", Page: 3), new SearchRequest("低保 通知"), new SearchRequest("高铁"), new SearchRequest("资助", Page: 2) })
        {
            await using var left = sqlite.CreateContext();
            var onSqlite = await new CatalogSearch(left).SearchAsync(request);
            var onPostgres = await new CatalogSearch(db).SearchAsync(request);

            onPostgres.Items.Select(h => (h.Id, h.MatchedIn)).ShouldBe(onSqlite.Items.Select(h => (h.Id, h.MatchedIn)), request.ToString());
            (onPostgres.Total, onPostgres.TotalIsCapped, onPostgres.PageCount).ShouldBe((onSqlite.Total, onSqlite.TotalIsCapped, onSqlite.PageCount), request.ToString());
        }

        var all = await new CatalogSearch(db).SearchAsync(new SearchRequest("低保", Page: 3));
        (all.Total, all.Items.Count).ShouldBe((49, 9));
        all.Items[^1].Id.ShouldBe(IdOf(3));
    }

    private static async Task<List<string>> SnapshotAsync(GongkaiDbContext db)
    {
        var rows = await db.Database.SqlQueryRaw<string>(
            """SELECT "Term" || ':' || "Documents" || ':' || "Titles" || ':' || "Numbers" AS "Value" FROM "CatalogSearchTerms" WHERE "Documents" > 0 ORDER BY "Term" COLLATE "C" """).ToListAsync();
        return rows;
    }
}

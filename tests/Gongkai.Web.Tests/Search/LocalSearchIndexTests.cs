using System.Diagnostics;
using System.Net.Http.Json;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Catalog;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Web.Health;
using Gongkai.Web.Portal;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongkai.Tests.Search.SearchFixture;

namespace Gongkai.Tests.Search;

/// <summary>
/// PostgreSQL search from each node's local FTS5 index (ADR 0014 "PostgreSQL search from a node-local index"): the
/// same answers as SQLite, kept up to date across nodes by the change log, rebuilt when it belongs to another database
/// or is damaged, swapped without disturbing searches; while a node has no usable index its search says it is
/// unavailable and nothing else ("No PostgreSQL fallback search").
/// </summary>
public class LocalSearchIndexTests
{
    [Fact]
    public async Task The_change_log_lists_every_index_change_in_order()
    {
        await using var database = await CreateAsync(DatabaseProviders.PostgreSql);
        await using var db = database.CreateContext();
        var keys = await db.CatalogItems.OrderBy(i => i.Id).Select(i => i.SearchKey!.Value).ToListAsync();

        await CatalogSearchIndex.RemoveAsync(db, keys[0]);

        var log = await db.Database.SqlQuery<long>($"""SELECT "Key" AS "Value" FROM "CatalogSearchChanges" ORDER BY "Seq" """).ToListAsync();
        log.ShouldBe([.. keys, keys[0]], "the fixture adds items 1 to 10 in turn, then item 1 is removed");
        (await db.Database.SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "CatalogSearchGeneration" """).ToListAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Sqlite_and_the_local_index_give_the_same_results_and_postgresql_alone_answers_none()
    {
        await using var sqlite = await CreateAsync(DatabaseProviders.Sqlite);
        await using var postgres = await CreateAsync(DatabaseProviders.PostgreSql);
        // The index keeps 8 characters of each snippet text: some snippets come from it, the others from PostgreSQL.
        await using var app = await ServingAppAsync(postgres, snippetChars: 8);
        var local = app.Services.GetRequiredService<LocalSearchIndex>();

        foreach (var (name, request, expected) in SearchProviderTests.Cases)
        {
            var onSqlite = await ResultAsync(sqlite, request);
            var served = local.Served;
            var onLocal = await SearchAsync(app, request);
            local.Served.ShouldBe(served + 1, $"the local index answered: {name}");
            var withoutIndex = await ResultAsync(postgres, request);

            onSqlite.Items.Select(h => h.Id).ShouldBe(expected.Select(IdOf), $"SQLite: {name}");
            // Every field a result shows: title, 文号, 索引号, agency, categories, date, highlights and snippet.
            onLocal.Items.ShouldBe(onSqlite.Items, $"local index: {name}");
            (onLocal.Total, onLocal.TotalIsCapped, onLocal.PageCount, onLocal.Unavailable).ShouldBe((onSqlite.Total, onSqlite.TotalIsCapped, onSqlite.PageCount, null), $"local index: {name}");

            // PostgreSQL keeps no search index of its own: without a node's local index there is no answer, and it says so.
            (withoutIndex.IsValid, withoutIndex.Problem, withoutIndex.Unavailable).ShouldBe((false, null, "本节点未启用检索索引，暂时无法检索。"), name);
            (withoutIndex.Items.Count, withoutIndex.Total, withoutIndex.PageCount).ShouldBe((0, 0, 0), name);
        }

        local.TextsRead.ShouldBeGreaterThan(0, "some snippets lay beyond the 8 characters kept");
        local.TextsRead.ShouldBeLessThan(local.Served, "others did not");
    }

    [Fact]
    public async Task Publishing_withdrawing_and_superseding_on_one_node_are_searched_at_once_on_the_other()
    {
        await using var database = await CreateAsync(DatabaseProviders.PostgreSql);
        await using var first = await ServingAppAsync(database);
        await using var second = await ServingAppAsync(database);

        // Published on the first node: the second finds it on its next search.
        var item = await PublishAsync(first, IdOf(200), IdOf(200), "关于开展秸秆禁烧巡查的通知", version: 1);
        (await IdsAsync(second, "秸秆")).ShouldBe([IdOf(200)]);
        (await IdsAsync(first, "秸秆")).ShouldBe([IdOf(200)]);

        // A second version supersedes the first: only the new one is found, under its new title.
        await PublishAsync(first, IdOf(201), IdOf(200), "关于开展秸秆禁烧和垃圾清运巡查的通知", version: 2);
        (await IdsAsync(second, "秸秆")).ShouldBe([IdOf(201)]);
        (await IdsAsync(second, "垃圾")).ShouldBe([IdOf(201)]);
        var shown = (await SearchAsync(second, new SearchRequest("秸秆"))).Items.Single();
        (shown.Title, shown.TitleHtml, shown.Agency, shown.IndexNumber, shown.PublishedOn).ShouldBe(
            ("关于开展秸秆禁烧和垃圾清运巡查的通知", "关于开展<mark>秸秆</mark>禁烧和垃圾清运巡查的通知", "示范县人民政府办公室", item.IndexNumber, new DateOnly(2024, 6, 17)));

        // The agency is renamed on the first node: the second shows the new name on its next search, on every result.
        await RenameAgencyAsync(first, Government, "示范县人民政府办公室（政务公开办）");
        (await SearchAsync(second, new SearchRequest("秸秆"))).Items.Single().Agency.ShouldBe("示范县人民政府办公室（政务公开办）");
        (await SearchAsync(second, new SearchRequest("低保"))).Items.Select(h => h.Agency).ShouldBe(["示范县教育局", "示范县人民政府办公室（政务公开办）", "示范县人民政府办公室（政务公开办）", "示范县人民政府办公室（政务公开办）"]);
        (await SearchAsync(first, new SearchRequest("秸秆"))).Items.Single().Agency.ShouldBe("示范县人民政府办公室（政务公开办）");

        // Withdrawn on the second node: neither finds it.
        await WithdrawAsync(second, IdOf(201));
        (await IdsAsync(first, "秸秆")).ShouldBeEmpty();
        (await IdsAsync(second, "秸秆")).ShouldBeEmpty();
        (await IdsAsync(second, "低保")).ShouldBe(new[] { 10, 2, 1, 3 }.Select(IdOf));
        first.Services.GetRequiredService<LocalSearchIndex>().FellBack.ShouldBe(0);
        second.Services.GetRequiredService<LocalSearchIndex>().FellBack.ShouldBe(0);
        item.Title.ShouldBe("关于开展秸秆禁烧巡查的通知");
    }

    [Fact]
    public async Task A_search_from_a_current_index_makes_one_postgresql_round_trip_and_one_behind_catches_up_first()
    {
        await using var database = await CreateAsync(DatabaseProviders.PostgreSql);
        await using var first = await ServingAppAsync(database);
        await using var second = await ServingAppAsync(database);
        (await IdsAsync(second, "低保")).ShouldBe(new[] { 10, 2, 1, 3 }.Select(IdOf));

        // The page's rows and the change log's head in one batch; a search that finds nothing still reads the head.
        await ShouldFindAsync(second, "低保", new[] { 10, 2, 1, 3 }.Select(IdOf), trips: 1);
        await ShouldFindAsync(second, "秸秆", [], trips: 1);

        // Published on the other node: the head shows it, so the index catches up (the log's keys, the items) and the
        // search looks again (a second batch).
        await PublishAsync(first, IdOf(200), IdOf(200), "关于开展秸秆禁烧巡查的通知", version: 1);
        await ShouldFindAsync(second, "秸秆", [IdOf(200)], trips: 4);
        await ShouldFindAsync(second, "秸秆", [IdOf(200)], trips: 1);

        // The only statement is the log's head: what the results show comes from the node's index.
        var (_, sent) = await RoundTripsAsync(() => IdsAsync(second, "低保"));
        sent.ShouldBe([CatalogSearchIndex.LogHeadSql]);

        // A snippet beyond the start of the text the index keeps: the item's text is read in the same batch as the head.
        var body = "各乡镇要落实巡查责任。" + string.Concat(Enumerable.Repeat("加强日常巡查，", 60)) + "发现焚烧秸秆的及时制止。";
        await PublishAsync(first, IdOf(202), IdOf(202), "关于加强农村环境巡查的通知", version: 1, body);
        await ShouldFindAsync(second, "焚烧", [IdOf(202)], trips: 4);
        var (found, trips) = await RoundTripsAsync(() => SearchAsync(second, new SearchRequest("焚烧")));
        trips.Count.ShouldBe(1);
        found.Items.Single().SnippetHtml.ShouldBe(SearchText.Snippet(CatalogSearchRow.SnippetText(null, DisclosureMode.Proactive, body), SearchText.ParseQuery("焚烧").Tokens));
        found.Items.Single().SnippetHtml.ShouldEndWith("发现<mark>焚烧</mark>秸秆的及时制止。");
        var local = second.Services.GetRequiredService<LocalSearchIndex>();
        (local.FellBack, local.TextsRead).ShouldBe((0L, 2L));
    }

    [Fact]
    public async Task An_index_of_another_database_is_rebuilt_never_used()
    {
        await using var other = await CreateAsync(DatabaseProviders.PostgreSql);
        await using var database = await CreateAsync(DatabaseProviders.PostgreSql, extraTitleMatches: 45);
        string foreign;
        var folder = Path.Combine(Path.GetTempPath(), "gongkai-search-" + Guid.NewGuid().ToString("N"));
        await using (var before = await ServingAppAsync(other, folder))
        {
            foreign = before.Services.GetRequiredService<LocalSearchIndex>().CurrentFile!;
            (await SearchAsync(before, new SearchRequest("低保"))).Total.ShouldBe(4);
        }

        File.Exists(foreign).ShouldBeTrue("a node keeps its index when it stops");
        var next = new GongkaiApp(database, demo: false);
        next.Settings["Search:LocalIndex:Path"] = folder;
        await using (next)
        {
            // The same folder, another database: the file found there is not served. A search before the new index
            // serves says it is unavailable; never the other database's 4 matches.
            var local = next.Services.GetRequiredService<LocalSearchIndex>();
            var early = await SearchAsync(next, new SearchRequest("低保"));
            (early.Unavailable is null ? early.Total : -1).ShouldBeOneOf(49, -1);
            await local.WhenServingAsync();
            local.CurrentFile.ShouldNotBe(foreign);
            File.Exists(foreign).ShouldBeFalse("the foreign index is deleted");
            (await SearchAsync(next, new SearchRequest("低保"))).Total.ShouldBe(49);

            // A database whose generation changes under a running node (a restore): the node stops using its index.
            var served = local.CurrentFile;
            await using (var db = database.CreateContext())
            {
                await db.Database.ExecuteSqlRawAsync("""UPDATE "CatalogSearchGeneration" SET "Id" = gen_random_uuid()""");
            }

            var fellBack = local.FellBack;
            var unavailable = await SearchAsync(next, new SearchRequest("低保"));
            (unavailable.Total, unavailable.Items.Count).ShouldBe((0, 0));
            unavailable.Unavailable.ShouldStartWith("本节点检索索引");
            local.FellBack.ShouldBe(fellBack + 1);
            await local.WhenServingAsync();
            local.CurrentFile.ShouldNotBe(served);
            var count = local.Served;
            (await SearchAsync(next, new SearchRequest("低保"))).Total.ShouldBe(49);
            local.Served.ShouldBe(count + 1);
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_damaged_index_makes_search_unavailable_until_it_is_rebuilt()
    {
        await using var database = await CreateAsync(DatabaseProviders.PostgreSql);
        await using var app = await ServingAppAsync(database);
        var local = app.Services.GetRequiredService<LocalSearchIndex>();
        var damaged = local.CurrentFile!;

        await using (var file = new FileStream(damaged, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.Write(Enumerable.Repeat((byte)0x5A, 8192).ToArray());
        }

        SqliteConnection.ClearAllPools();
        var fellBack = local.FellBack;
        var answer = await SearchAsync(app, new SearchRequest("低保"));

        (answer.Total, answer.Items.Count).ShouldBe((0, 0));
        answer.Unavailable.ShouldStartWith("本节点检索索引", Case.Sensitive, "no answer rather than a wrong one");
        local.FellBack.ShouldBe(fellBack + 1);
        await local.WhenServingAsync();
        local.CurrentFile.ShouldNotBe(damaged);
        var served = local.Served;
        (await SearchAsync(app, new SearchRequest("低保"))).Items.Select(h => h.Id).ShouldBe(new[] { 10, 2, 1, 3 }.Select(IdOf));
        local.Served.ShouldBe(served + 1, "the rebuilt index answered");
        app.Errors.Since(0).ShouldBeEmpty();
    }

    [Fact]
    public async Task Searches_running_while_a_new_index_is_swapped_in_all_get_the_right_answer()
    {
        await using var database = await CreateAsync(DatabaseProviders.PostgreSql, extraTitleMatches: 45);
        await using var app = await ServingAppAsync(database);
        var local = app.Services.GetRequiredService<LocalSearchIndex>();
        var before = local.CurrentFile!;
        var expected = new[] { 10, 2, 1 }.Concat(Enumerable.Range(100, 45).Reverse()).Append(3).Select(IdOf).ToList();

        var swapped = local.RebuildAsync();
        var searchers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var answers = new List<List<Guid>>();
            do
            {
                var ids = new List<Guid>();
                for (var page = 1; page <= 3; page++)
                {
                    ids.AddRange((await SearchAsync(app, new SearchRequest("低保", Page: page))).Items.Select(h => h.Id));
                }

                answers.Add(ids);
            }
            while (!swapped.IsCompleted || answers.Count < 2);

            return answers;
        })).ToList();

        await swapped;
        var all = (await Task.WhenAll(searchers)).SelectMany(a => a).ToList();

        all.ShouldAllBe(ids => ids.SequenceEqual(expected));
        local.CurrentFile.ShouldNotBe(before);
        File.Exists(before).ShouldBeFalse();
        local.FellBack.ShouldBe(0);
    }

    [Fact]
    public async Task A_second_process_on_the_same_folder_leaves_it_alone_and_answers_no_search()
    {
        await using var database = await CreateAsync(DatabaseProviders.PostgreSql);
        var folder = Path.Combine(Path.GetTempPath(), "gongkai-search-" + Guid.NewGuid().ToString("N"));
        await using (var first = await ServingAppAsync(database, folder))
        {
            var served = first.Services.GetRequiredService<LocalSearchIndex>().CurrentFile!;
            var second = new GongkaiApp(database, demo: false);
            second.Settings["Search:LocalIndex:Path"] = folder;
            await using (second)
            {
                // The folder's lock file is taken by the first app: the second builds nothing, deletes nothing and
                // answers no search (PostgreSQL keeps no index of its own), and says so in the search and /health/ready.
                var local = second.Services.GetRequiredService<LocalSearchIndex>();
                local.State.FolderInUse.ShouldBeTrue();
                (await SearchAsync(second, new SearchRequest("低保"))).Unavailable.ShouldBe("本节点检索索引不可用（索引目录已由本机另一进程使用），暂时无法检索。");
                (await IdsAsync(second, "低保")).ShouldBeEmpty();
                (local.Served, local.FellBack, local.CurrentFile).ShouldBe((0L, 2L, (string?)null));

                using var client = second.CreateClient();
                var report = await client.GetFromJsonAsync<Observability.ReadinessReport>(new Uri("/health/ready", UriKind.Relative));
                report!.Checks.ShouldContain(new Observability.ReadinessCheck("本节点搜索索引", "ok", "索引目录已由本机另一进程使用，本进程不建立索引，不提供检索。"));
                Directory.GetFiles(folder, "*.db").ShouldBe([served]);
            }

            // The first app still serves from its file.
            var index = first.Services.GetRequiredService<LocalSearchIndex>();
            var count = index.Served;
            (await IdsAsync(first, "低保")).ShouldBe(new[] { 10, 2, 1, 3 }.Select(IdOf));
            (index.Served, index.CurrentFile).ShouldBe((count + 1, served));
        }

        // Once the first app has stopped, the next one takes the folder and serves the file it left.
        await using (var third = await ServingAppAsync(database, folder))
        {
            var local = third.Services.GetRequiredService<LocalSearchIndex>();
            local.State.FolderInUse.ShouldBeFalse();
            (await IdsAsync(third, "低保")).ShouldBe(new[] { 10, 2, 1, 3 }.Select(IdOf));
            local.Served.ShouldBe(1);
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_folder_that_cannot_be_made_leaves_the_app_running_and_its_search_says_it_is_unavailable()
    {
        await using var database = await CreateAsync(DatabaseProviders.PostgreSql);
        var file = Path.GetTempFileName();
        try
        {
            var app = new GongkaiApp(database, demo: false);
            app.Settings["Search:LocalIndex:Path"] = Path.Combine(file, "search-index");
            await using (app)
            {
                var local = app.Services.GetRequiredService<LocalSearchIndex>();
                const string Unavailable = "本节点检索索引尚未就绪，暂时无法检索，请稍后再试。";
                (await SearchAsync(app, new SearchRequest("低保"))).Unavailable.ShouldBe(Unavailable);
                (local.Served, local.FellBack, local.State.Building, local.State.FolderInUse).ShouldBe((0L, 1L, false, false));
                using var client = app.CreateClient();
                (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);

                // The API and the portal page say the same, with 503: the request was right, this node cannot answer yet.
                var api = await client.GetAsync(new Uri("/api/catalog/search?q=" + Uri.EscapeDataString("低保"), UriKind.Relative));
                api.StatusCode.ShouldBe(System.Net.HttpStatusCode.ServiceUnavailable);
                api.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(60), "a client asks again in a minute");
                (await api.Content.ReadFromJsonAsync<Gongkai.Web.Catalog.CatalogEndpoints.SearchError>())!.Error.ShouldBe(Unavailable);
                var page = await client.GetAsync(new Uri("/search?q=" + Uri.EscapeDataString("低保"), UriKind.Relative));
                page.StatusCode.ShouldBe(System.Net.HttpStatusCode.ServiceUnavailable);
                page.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(60));
                (await page.Content.ReadAsStringAsync()).ShouldContain("<p class=\"alert\" role=\"alert\" id=\"search-unavailable\">" + Unavailable + "</p>");
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_build_stopped_with_the_app_goes_on_from_its_last_commit_at_the_next_start()
    {
        await using var database = await CreateAsync(DatabaseProviders.PostgreSql, extraTitleMatches: 45);
        var folder = Path.Combine(Path.GetTempPath(), "gongkai-search-" + Guid.NewGuid().ToString("N"));
        var committed = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = BuildingApp(database, folder);

        // The first app commits every 6 items and is stopped right after its first commit (a deploy, say).
        first.TestServices.Add(services => services.AddSingleton(provider =>
        {
            var index = ActivatorUtilities.CreateInstance<LocalSearchIndex>(provider);
            index.AfterCommit = async (items, stopping) =>
            {
                committed.TrySetResult(items);
                await Task.Delay(Timeout.Infinite, stopping);
            };
            return index;
        }));
        string partial;
        await using (first)
        {
            var local = first.Services.GetRequiredService<LocalSearchIndex>();
            (await committed.Task).ShouldBe(6);
            partial = Directory.GetFiles(folder, "catalog-search-*.db").ShouldHaveSingleItem();
            (await SearchAsync(first, new SearchRequest("低保"))).Unavailable.ShouldBe("本节点检索索引建立中（已完成 10%，6 / 55 条），暂时无法检索，请稍后再试。");
        }

        File.Exists(partial).ShouldBeTrue("a build stopped with the app keeps its file");

        // Meanwhile an item the file already holds (the oldest keys come first) is withdrawn, and a new one published.
        await using (var db = database.CreateContext())
        {
            await WithdrawAsync(db, IdOf(100));
            await PublishAsync(db, IdOf(200), IdOf(200), "关于开展秸秆禁烧巡查的通知", version: 1);
        }

        // The next start goes on with the same file from the items after its last key, then catches up with the log.
        await using var next = BuildingApp(database, folder);
        var index = next.Services.GetRequiredService<LocalSearchIndex>();
        await index.WhenServingAsync();
        index.CurrentFile.ShouldBe(partial);
        await using (var connection = new SqliteConnection("Data Source=" + partial + ";Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT "Complete", "Items" FROM "LocalIndex" """;
            await using var reader = await command.ExecuteReaderAsync();
            (await reader.ReadAsync()).ShouldBeTrue();
            (reader.GetInt64(0), reader.GetInt64(1)).ShouldBe((1L, 56L), "6 items from the first app, then the 49 left after its last key and the new one: not a build from the start (55)");
        }

        var ids = new List<Guid>();
        for (var page = 1; page <= 3; page++)
        {
            ids.AddRange((await SearchAsync(next, new SearchRequest("低保", Page: page))).Items.Select(h => h.Id));
        }

        ids.ShouldBe(new[] { 10, 2, 1 }.Concat(Enumerable.Range(101, 44).Reverse()).Append(3).Select(IdOf), "the withdrawn item 100 is gone");
        (await IdsAsync(next, "秸秆")).ShouldBe([IdOf(200)]);
        index.FellBack.ShouldBe(0);
        (first.Errors.Since(0).Count, next.Errors.Since(0).Count).ShouldBe((0, 0));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_file_adopted_at_the_start_serves_at_once_and_is_rebuilt_when_its_background_check_finds_damage()
    {
        await using var database = await CreateAsync(DatabaseProviders.PostgreSql);
        var folder = Path.Combine(Path.GetTempPath(), "gongkai-search-" + Guid.NewGuid().ToString("N"));
        string file;
        await using (var first = await ServingAppAsync(database, folder))
        {
            file = first.Services.GetRequiredService<LocalSearchIndex>().CurrentFile!;
        }

        // A sound file: served at the next start, checked, kept.
        await using (var second = await ServingAppAsync(database, folder))
        {
            var index = second.Services.GetRequiredService<LocalSearchIndex>();
            index.CurrentFile.ShouldBe(file);
            await BuilderOf(second).Checked!;
            index.CurrentFile.ShouldBe(file, "it passed its check");
            (await IdsAsync(second, "低保")).ShouldBe(new[] { 10, 2, 1, 3 }.Select(IdOf));
        }

        // Damaged while the node was stopped: the root page of the rows a result shows, which neither the start nor the check's caller reads.
        SqliteConnection.ClearAllPools();
        long offset;
        await using (var connection = new SqliteConnection("Data Source=" + file + ";Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT (rootpage - 1) * (SELECT page_size FROM pragma_page_size()) FROM sqlite_master WHERE name = 'CatalogSearchRows'""";
            offset = (long)(await command.ExecuteScalarAsync())!;
        }

        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            stream.Position = offset;
            stream.Write(Enumerable.Repeat((byte)0x5A, 4096).ToArray());
        }

        SqliteConnection.ClearAllPools();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var third = new GongkaiApp(database, demo: false);
        third.Settings["Search:LocalIndex:Path"] = folder;
        third.Settings["Search:LocalIndex:BatchSize"] = "3";
        third.TestServices.Add(services => services.AddSingleton(provider =>
        {
            var index = ActivatorUtilities.CreateInstance<LocalSearchIndex>(provider);
            index.BeforeCheck = (_, stopping) => release.Task.WaitAsync(stopping);
            return index;
        }));
        var local = third.Services.GetRequiredService<LocalSearchIndex>();
        await local.WhenServingAsync();
        local.CurrentFile.ShouldBe(file, "served at once: its check runs while it serves");
        release.SetResult();
        await BuilderOf(third).Checked!;
        local.CurrentFile.ShouldNotBe(file, "the check found the damage and the file no longer serves");
        await local.WhenServingAsync();
        local.CurrentFile.ShouldNotBe(file);
        (await IdsAsync(third, "低保")).ShouldBe(new[] { 10, 2, 1, 3 }.Select(IdOf), "the rebuilt index answers");
        third.Errors.Since(0).ShouldBeEmpty();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);

        static LocalSearchIndexBuilder BuilderOf(GongkaiApp app) =>
            app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<LocalSearchIndexBuilder>().Single();
    }

    [Fact]
    public async Task The_final_merge_makes_one_segment_in_committed_steps_and_goes_on_after_a_stop()
    {
        var file = Path.Combine(Path.GetTempPath(), "gongkai-merge-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            // 2,000 items in 40 transactions with FTS5's merging off, as the build loads: 40 segments.
            await using (var connection = new SqliteConnection("Data Source=" + file + ";Pooling=False"))
            {
                await connection.OpenAsync();
                foreach (var statement in (string[])[.. CatalogSearchSchema.SqliteCreate,
                    """INSERT INTO "CatalogSearch" ("CatalogSearch", rank) VALUES ('automerge', 0)""",
                    """INSERT INTO "CatalogSearch" ("CatalogSearch", rank) VALUES ('crisismerge', 1000)"""])
                {
                    await ExecuteAsync(connection, statement);
                }

                for (var batch = 0; batch < 40; batch++)
                {
                    await using var transaction = connection.BeginTransaction();
                    for (var key = batch * 50 + 1; key <= batch * 50 + 50; key++)
                    {
                        await using var insert = connection.CreateCommand();
                        insert.Transaction = transaction;
                        insert.CommandText = """INSERT INTO "CatalogSearch" (rowid, terms) VALUES ($key, $terms)""";
                        insert.Parameters.AddWithValue("$key", key);
                        insert.Parameters.AddWithValue("$terms", string.Join(' ', TermsOf(key)));
                        await insert.ExecuteNonQueryAsync();
                    }

                    await transaction.CommitAsync();
                }
            }

            // What each query finds, worked out from the items' terms without FTS5.
            var items = Enumerable.Range(1, 2000).Select(key => (Key: (long)key, Terms: TermsOf(key).ToHashSet())).ToList();
            List<long>[] expected =
            [
                [.. items.Where(i => i.Terms.Contains("k0")).Select(i => i.Key)],
                [.. items.Where(i => i.Terms.Contains("k1") || i.Terms.Contains("k2")).Select(i => i.Key)],
                [.. items.Where(i => i.Terms.Contains("w3") && i.Terms.Contains("w16")).Select(i => i.Key)],
            ];
            (expected[0].Count, expected[1].Count).ShouldBe((666, 1334));
            expected[2].Count.ShouldBeInRange(1, 1999);
            (await MatchesAsync(file)).ShouldBe(expected, "before the merge");

            // A build stopped after one step of its final merge: the next start's merge goes on where it stood.
            await using (var connection = new SqliteConnection("Data Source=" + file + ";Pooling=False"))
            {
                await connection.OpenAsync();
                await ExecuteAsync(connection, """INSERT INTO "CatalogSearch" ("CatalogSearch", rank) VALUES ('merge', -2)""");
            }

            (await MatchesAsync(file)).ShouldBe(expected, "a merge between steps is consistent");
            int steps;
            await using (var connection = new SqliteConnection("Data Source=" + file + ";Pooling=False"))
            {
                await connection.OpenAsync();
                await ExecuteAsync(connection, "PRAGMA journal_mode = TRUNCATE");
                steps = await LocalSearchIndexBuilder.MergeAsync(connection, 2, CancellationToken.None);

                // FTS5's own test that nothing is left to merge: one more step changes nothing.
                await using var changes = connection.CreateCommand();
                changes.CommandText = "SELECT total_changes()";
                var before = (long)(await changes.ExecuteScalarAsync())!;
                await ExecuteAsync(connection, """INSERT INTO "CatalogSearch" ("CatalogSearch", rank) VALUES ('merge', -16)""");
                ((long)(await changes.ExecuteScalarAsync())! - before).ShouldBeLessThan(2);
                await ExecuteAsync(connection, """INSERT INTO "CatalogSearch" ("CatalogSearch", rank) VALUES ('integrity-check', 0)""");
                await Should.ThrowAsync<OperationCanceledException>(() => LocalSearchIndexBuilder.MergeAsync(connection, 16, new CancellationToken(canceled: true)));
            }

            steps.ShouldBeGreaterThan(3, "2 pages a step: the 40 segments are merged in several committed steps, not one statement");
            (await MatchesAsync(file)).ShouldBe(expected);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
            File.Delete(file + "-journal");
        }

        static IEnumerable<string> TermsOf(int key) => Enumerable.Range(0, 60).Select(t => "w" + (key * 7 + t * 13) % 500).Append("k" + key % 3);

        static async Task<List<long>[]> MatchesAsync(string file)
        {
            await using var connection = new SqliteConnection("Data Source=" + file + ";Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            var found = new List<List<long>>();
            foreach (var match in (string[])["k0", "k1 OR k2", "w3 w16"])
            {
                await using var query = connection.CreateCommand();
                query.CommandText = """SELECT rowid FROM "CatalogSearch" WHERE "CatalogSearch" MATCH $match ORDER BY rowid""";
                query.Parameters.AddWithValue("$match", match);
                var keys = new List<long>();
                await using var reader = await query.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    keys.Add(reader.GetInt64(0));
                }

                found.Add(keys);
            }

            return [.. found];
        }

        static async Task ExecuteAsync(SqliteConnection connection, string statement)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>An app on the database with its local index in <paramref name="folder"/>, built in batches of 3 items with a commit every 6.</summary>
    private static GongkaiApp BuildingApp(TestDatabase database, string folder)
    {
        var app = new GongkaiApp(database, demo: false);
        app.Settings["Search:LocalIndex:Path"] = folder;
        app.Settings["Search:LocalIndex:BatchSize"] = "3";
        app.Settings["Search:LocalIndex:CommitEvery"] = "6";
        return app;
    }

    /// <summary>
    /// An app on the database whose local index is built and serving; built in batches of three items, so that even
    /// the fixture's few items pass through several batches of the build's tokenising channel.
    /// </summary>
    private static async Task<GongkaiApp> ServingAppAsync(TestDatabase database, string? folder = null, int? snippetChars = null)
    {
        var app = new GongkaiApp(database, demo: false);
        app.Settings["Search:LocalIndex:BatchSize"] = "3";
        if (snippetChars is not null)
        {
            app.Settings["Search:LocalIndex:SnippetChars"] = snippetChars.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (folder is not null)
        {
            app.Settings["Search:LocalIndex:Path"] = folder;
        }

        await app.Services.GetRequiredService<LocalSearchIndex>().WhenServingAsync();
        return app;
    }

    private static async Task<SearchResult> SearchAsync(GongkaiApp app, SearchRequest request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogSearch>().SearchAsync(request);
    }

    private static async Task ShouldFindAsync(GongkaiApp app, string text, IEnumerable<Guid> expected, int trips)
    {
        var (found, sent) = await RoundTripsAsync(() => IdsAsync(app, text));
        found.ShouldBe(expected, text);
        sent.Count.ShouldBe(trips, $"PostgreSQL round trips of a search for {text}: {string.Join(" | ", sent)}");
    }

    /// <summary>
    /// What <paramref name="search"/> returns and the statements or batches it sent to PostgreSQL: Npgsql's activities
    /// (one per round trip) under a trace of the test's own, so other work of the app is not counted.
    /// </summary>
    private static async Task<(T Result, List<string> Trips)> RoundTripsAsync<T>(Func<Task<T>> search)
    {
        using var source = new ActivitySource("Gongkai.Tests.RoundTrips");
        var trips = new System.Collections.Concurrent.ConcurrentQueue<string>();
        ActivityTraceId trace = default;
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Npgsql" || ReferenceEquals(s, source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                // Statements and batches; not the opening of a physical connection, which a warm pool does not do.
                if (a.Source.Name == "Npgsql" && a.TraceId == trace && a.GetTagItem("db.query.text") is string statement)
                {
                    trips.Enqueue(statement);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var root = source.StartActivity("search")!;
        trace = root.TraceId;
        var result = await search();
        return (result, [.. trips]);
    }

    private static async Task<List<Guid>> IdsAsync(GongkaiApp app, string text) => [.. (await SearchAsync(app, new SearchRequest(text))).Items.Select(h => h.Id)];

    private static async Task<SearchResult> ResultAsync(TestDatabase database, SearchRequest request)
    {
        await using var db = database.CreateContext();
        return await new CatalogSearch(db).SearchAsync(request);
    }

    /// <summary>What <c>CatalogPublishing.PublishAsync</c> does to the data: the previous version leaves the index, this one enters it.</summary>
    private static async Task<CatalogItem> PublishAsync(GongkaiApp node, Guid id, Guid series, string title, int version, string body = "各乡镇要落实巡查责任。")
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await PublishAsync(scope.ServiceProvider.GetRequiredService<GongkaiDbContext>(), id, series, title, version, body);
    }

    private static async Task<CatalogItem> PublishAsync(GongkaiDbContext db, Guid id, Guid series, string title, int version, string body = "各乡镇要落实巡查责任。")
    {
        var day = new DateOnly(2024, 6, 17);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var previous = await db.CatalogItems.SingleOrDefaultAsync(i => i.SeriesId == series && i.Status == CatalogStatus.Published);
        if (previous is not null)
        {
            await CatalogSearchIndex.RemoveAsync(db, previous.SearchKey!.Value);
            previous.Status = CatalogStatus.Superseded;
            previous.SearchKey = null;
        }

        var item = new CatalogItem
        {
            Id = id,
            SeriesId = series,
            Version = version,
            AgencyId = Government,
            Status = CatalogStatus.Published,
            Title = title,
            Publisher = "示范县人民政府办公室",
            Body = body,
            Mode = DisclosureMode.Proactive,
            FormedOn = day,
            PublishedOn = day,
            IndexNumber = IndexNumberScheme.Default.Format("MB0000001", day, 200),
            DraftedByName = "测试",
            SearchKey = await CatalogSearchIndex.NextKeyAsync(db, day),
        };
        db.CatalogItems.Add(item);
        await db.SaveChangesAsync();
        await CatalogSearchIndex.AddAsync(db, CatalogSearchDocument.From(item));
        await transaction.CommitAsync();
        return item;
    }

    /// <summary>What the agency page does on a rename (AgencyAdminTests checks that the page logs it).</summary>
    private static async Task RenameAgencyAsync(GongkaiApp node, Guid agencyId, string name)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await CatalogSearchIndex.LogNamesChangedAsync(db);
        (await db.Agencies.SingleAsync(a => a.Id == agencyId)).Name = name;
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private static async Task WithdrawAsync(GongkaiApp node, Guid id)
    {
        await using var scope = node.Services.CreateAsyncScope();
        await WithdrawAsync(scope.ServiceProvider.GetRequiredService<GongkaiDbContext>(), id);
    }

    private static async Task WithdrawAsync(GongkaiDbContext db, Guid id)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var item = await db.CatalogItems.SingleAsync(i => i.Id == id);
        await CatalogSearchIndex.RemoveAsync(db, item.SearchKey!.Value);
        item.Status = CatalogStatus.Withdrawn;
        item.SearchKey = null;
        item.WithdrawalReason = "测试撤回";
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}

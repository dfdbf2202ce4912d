using System.Net;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Backup;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web;
using Gongkai.Web.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gongkai.Tests.Portal;

public class ReadReplicaTests
{
    [Fact]
    public async Task The_portal_reads_the_public_pages_from_a_read_only_replica_and_writes_applications_to_the_primary()
    {
        await using var primary = await TestDatabase.CreateAsync(DatabaseProviders.PostgreSql);
        await using (var seeded = new GongkaiApp(primary))
        {
            using (seeded.CreateClient())
            {
            }
        }

        // The replica: a copy of the primary, made read-only, whose one item title differs so a page shows which it read.
        await using var replica = await TestDatabase.CreateAsync(DatabaseProviders.PostgreSql);
        var folder = Path.Combine(Path.GetTempPath(), "gongkai-replica-" + Guid.NewGuid().ToString("N"));
        Guid itemId;
        string originalTitle;
        string indexNumber;
        try
        {
            await PlatformBackup.CreateAsync(primary.Options, Path.Combine(folder, "no-files"), Path.Combine(folder, "backup"), TimeProvider.System);
            await PlatformBackup.RestoreAsync(Path.Combine(folder, "backup"), replica.Options, Path.Combine(folder, "files"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        await using (var db = replica.CreateContext())
        {
            var published = await db.CatalogItems.Where(i => i.Status == CatalogStatus.Published && i.IndexNumber != null).OrderBy(i => i.IndexNumber).FirstAsync();
            (itemId, originalTitle, indexNumber) = (published.Id, published.Title, published.IndexNumber!);
            await db.CatalogItems.Where(i => i.Id == itemId).ExecuteUpdateAsync(set => set.SetProperty(i => i.Title, "只读副本里的标题"));
        }

        await using (var connection = new NpgsqlConnection(TestDatabase.PostgresServer))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"ALTER DATABASE \"{new NpgsqlConnectionStringBuilder(replica.Options.ConnectionString).Database}\" SET default_transaction_read_only = on";
            await command.ExecuteNonQueryAsync();
        }

        await using var app = new GongkaiApp(primary, demo: false);
        app.Settings["Database:ReadConnectionString"] = replica.Options.ConnectionString;
        using var client = app.CreateBrowserClient();
        var before = await ApplicantCases.QueryAsync(app, db => db.Applications.CountAsync());

        // PostgreSQL searches the node's local index only (ADR 0014), built from the replica: wait until it serves.
        await app.Services.GetRequiredService<LocalSearchIndex>().WhenServingAsync();
        var item = await client.GetPageAsync($"/catalog/{itemId}");
        // The 索引号 names one item, so the search's first page holds it whatever else the demo catalogue has.
        var search = await client.GetPageAsync("/search?q=" + Uri.EscapeDataString(indexNumber));
        var api = await client.GetAsync(new Uri("/api/catalog/search?q=" + Uri.EscapeDataString(indexNumber), UriKind.Relative));
        var applied = await client.PostFormAsync("/apply", ApplyTests.Fields(await ApplicantCases.AgencyIdAsync(app)));

        item.QuerySelector("h1")!.TextContent.ShouldBe("只读副本里的标题");
        search.QuerySelectorAll("main a").Select(a => a.TextContent).ShouldContain(text => text.Contains("只读副本里的标题", StringComparison.Ordinal));
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.Content.ReadAsStringAsync()).ShouldContain("只读副本里的标题");
        (await client.GetAsync(new Uri("/catalog", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(new Uri("/agencies", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        applied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ApplicantCases.QueryAsync(app, db => db.Applications.CountAsync())).ShouldBe(before + 1);
        await using (var db = primary.CreateContext())
        {
            (await db.CatalogItems.SingleAsync(i => i.Id == itemId)).Title.ShouldBe(originalTitle);
        }

        app.Errors.Count.ShouldBe(0);
    }
}

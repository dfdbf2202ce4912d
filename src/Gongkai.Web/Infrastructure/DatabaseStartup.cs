using Gongkai.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Infrastructure;

internal static class DatabaseStartup
{
    /// <summary>Any number, the same on every node: the PostgreSQL advisory lock nodes take turns with at start.</summary>
    private const long StartupLock = 0x476F6E676B6169;

    /// <summary>
    /// Creates the SQLite data folder, applies pending migrations, loads the shipped data and, for a new database, the
    /// demo region, and makes sure the data-protection key ring exists. Nodes starting together on one PostgreSQL
    /// database do this one after the other: otherwise both would migrate and seed the same empty database, and each
    /// would make a first key the other has not seen, refusing the other's cookies and forms until its key ring is
    /// reloaded (docs/adr/0007-numbering-and-durability.md).
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (string.Equals(options.Provider, DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        await using var turn = await TakeTurnAsync(app.Services);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging (kept in the file once set): pages are read while a submission is written, and a
            // commit costs one sync. Writers still take turns (docs/adr/0007-numbering-and-durability.md).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL");
        }

        if (options.MigrateOnStartup)
        {
            await db.Database.MigrateAsync();
        }

        await Calendar.CaseRulesProvider.SeedAsync(db);
        await Letters.LetterTemplates.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>());
        await Catalog.CatalogCategories.SeedAsync(db, app.Services.GetRequiredService<TimeProvider>());

        var demo = app.Configuration.GetValue("Demo:Seed", true);
        if (demo && !await db.Agencies.AnyAsync())
        {
            var seeder = ActivatorUtilities.CreateInstance<Demo.DemoData>(scope.ServiceProvider);
            await seeder.SeedAsync();
        }

        // Loads the key ring, making the first key if there is none, while this node has its turn.
        _ = app.Services.GetDataProtector("Gongkai.Startup").Protect("key ring");
    }

    /// <summary>On PostgreSQL, waits until no other node is starting and holds the turn until disposed; on SQLite, nothing.</summary>
    private static async Task<IAsyncDisposable> TakeTurnAsync(IServiceProvider services)
    {
        var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        if (db.Database.IsSqlite())
        {
            return scope;
        }

        // A session-level lock on a connection of its own, held through the migrations (which run on another). The
        // wait has no time limit: a node that dies while starting closes its connection and so hands on the turn.
        await db.Database.OpenConnectionAsync();
        db.Database.SetCommandTimeout(0);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({StartupLock})");
        return new Turn(scope, db);
    }

    private sealed class Turn(AsyncServiceScope scope, GongkaiDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({StartupLock})");
            await db.Database.CloseConnectionAsync();
            await scope.DisposeAsync();
        }
    }
}

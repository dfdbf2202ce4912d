using Gongkai.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Infrastructure;

internal static class DatabaseStartup
{
    /// <summary>Creates the SQLite data folder, applies pending migrations and, for a new database, loads the demo region.</summary>
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
    }
}

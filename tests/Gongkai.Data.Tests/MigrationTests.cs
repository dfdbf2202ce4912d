using Microsoft.EntityFrameworkCore;

namespace Gongkai.Tests.Data;

public class MigrationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrating_an_empty_database_gives_exactly_the_models_schema(string provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider);
        await using var created = await TestDatabase.CreateAsync(provider);
        await using (var context = migrated.CreateContext())
        {
            await context.Database.MigrateAsync();
        }

        await using (var context = created.CreateContext())
        {
            await context.Database.EnsureCreatedAsync();

            // The catalogue's search index lives outside the EF model; its setup must create what the migration does.
            await Gongkai.Data.Catalog.CatalogSearchSchema.EnsureCreatedAsync(context);
        }

        var fromMigrations = await SchemaReader.ReadAsync(migrated);
        var fromModel = await SchemaReader.ReadAsync(created);

        fromMigrations.Count.ShouldBeGreaterThan(100);
        fromMigrations.ShouldContain(l => l.Contains("CatalogSearch", StringComparison.Ordinal), "the catalogue's search index is part of the schema");
        fromMigrations.Except(fromModel).ShouldBeEmpty("the migrations create what the model does not");
        fromModel.Except(fromMigrations).ShouldBeEmpty("the model has what the migrations do not create");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task After_migrating_no_migration_is_pending(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var context = database.CreateContext();

        (await context.Database.GetPendingMigrationsAsync()).ShouldNotBeEmpty();
        await context.Database.MigrateAsync();

        (await context.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await context.Database.GetAppliedMigrationsAsync()).ShouldContain("20261122000001_Initial");
    }
}

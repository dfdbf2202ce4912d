using Gongkai.Data.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// PostgreSQL's change log of the catalogue search index and the database's generation id
/// (<see cref="CatalogSearchSchema.PostgresChangesCreate"/>, ADR 0014 "PostgreSQL search from a node-local index").
/// The log starts empty: a node builds its local index from the published items, not from the log. Nothing on SQLite,
/// which searches its own FTS5 table.
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261208010001_CatalogSearchChanges")]
public sealed class CatalogSearchChanges : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (!migrationBuilder.IsNpgsql())
        {
            return;
        }

        foreach (var statement in CatalogSearchSchema.PostgresChangesCreate)
        {
            migrationBuilder.Sql(statement);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (!migrationBuilder.IsNpgsql())
        {
            return;
        }

        foreach (var statement in CatalogSearchSchema.ChangesDrop)
        {
            migrationBuilder.Sql(statement);
        }
    }
}

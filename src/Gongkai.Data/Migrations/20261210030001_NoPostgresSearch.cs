using Gongkai.Data.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// Drops PostgreSQL's own catalogue search index — the tsvector table <c>CatalogSearch</c> with its GIN indexes and the
/// term frequencies <c>CatalogSearchTerms</c> (<see cref="CatalogSearchSchema.PostgresSearchDrop"/>) — which only
/// answered while a node's local index was being built (ADR 0014 "No PostgreSQL fallback search"): 3.9 of the 5.3 GB
/// per million items. The change log and the generation stay: every node's local index is built from the items and kept
/// by the log. Nothing on SQLite, whose FTS5 table is its search.
/// </summary>
/// <remarks>
/// Down makes the two tables again, empty: the tokens cannot be computed in SQL, so a version that searched
/// PostgreSQL itself would find nothing there. Go back only with a backup taken before this migration.
/// </remarks>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261210030001_NoPostgresSearch")]
public sealed class NoPostgresSearch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (!migrationBuilder.IsNpgsql())
        {
            return;
        }

        foreach (var statement in CatalogSearchSchema.PostgresSearchDrop)
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

        foreach (var statement in CatalogSearchSchema.PostgresCreate.Concat(CatalogSearchSchema.PostgresTermsCreate))
        {
            migrationBuilder.Sql(statement);
        }
    }
}

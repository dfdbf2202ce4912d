using Gongkai.Data.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// PostgreSQL's per-term document frequencies for the catalogue search (<see cref="CatalogSearchSchema.PostgresTermsCreate"/>,
/// ADR 0014 "PostgreSQL search by document frequency"), filled from the existing index rows in one set-based
/// statement. Nothing on SQLite, whose FTS5 index needs no frequencies.
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261207030001_CatalogSearchTerms")]
public sealed class CatalogSearchTerms : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (!migrationBuilder.IsNpgsql())
        {
            return;
        }

        foreach (var statement in CatalogSearchSchema.PostgresTermsCreate.Concat(CatalogSearchSchema.PostgresTermsRebuild))
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

        foreach (var statement in CatalogSearchSchema.TermsDrop)
        {
            migrationBuilder.Sql(statement);
        }
    }
}

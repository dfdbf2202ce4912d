using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// A catalogue item drafted from a replied application (条例第四十四条) names the case it came from; the unique index
/// makes a second draft of the same case fail even when two people start it at once (issue 12).
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261206020001_CatalogSourceApplication")]
public sealed class CatalogSourceApplication : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<Guid>(name: "SourceApplicationId", table: "CatalogItems", nullable: true);
        migrationBuilder.CreateIndex("IX_CatalogItems_SourceApplicationId", "CatalogItems", "SourceApplicationId", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name: "IX_CatalogItems_SourceApplicationId", table: "CatalogItems");

        // Without a model snapshot EF cannot rebuild a SQLite table to drop a column; both databases drop it in SQL.
        migrationBuilder.Sql("ALTER TABLE \"CatalogItems\" DROP COLUMN \"SourceApplicationId\"");
    }
}

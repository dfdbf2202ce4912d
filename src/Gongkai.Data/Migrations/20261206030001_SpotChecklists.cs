using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// A region's spot-check checklist as versioned data (issue 13): the versions, and on each spot check the version its
/// questions were taken from (null for the built-in default list, and for every check made before this migration).
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261206030001_SpotChecklists")]
public sealed class SpotChecklists : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "SpotChecklists",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                RegionId = table.Column<Guid>(nullable: false),
                Version = table.Column<int>(nullable: false),
                QuestionsJson = table.Column<string>(nullable: false),
                Note = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SpotChecklists", x => x.Id);
                table.ForeignKey("FK_SpotChecklists_Regions_RegionId", x => x.RegionId, "Regions", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_SpotChecklists_RegionId_Version", "SpotChecklists", ["RegionId", "Version"], unique: true);
        migrationBuilder.AddColumn<Guid>(name: "ChecklistId", table: "SpotChecks", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        // Without a model snapshot EF cannot rebuild a SQLite table to drop a column; both databases drop it in SQL.
        migrationBuilder.Sql("ALTER TABLE \"SpotChecks\" DROP COLUMN \"ChecklistId\"");
        migrationBuilder.DropTable(name: "SpotChecklists");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// Spot checks (抽查) of published catalogue items: the check with its seed and checklist, the sampled items and the
/// problems found (issue 13). Refers only to tables older than this id (agencies, catalogue items).
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261204170001_SpotChecks")]
public sealed class SpotChecks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "SpotChecks",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                RaisedByAgencyId = table.Column<Guid>(nullable: false),
                DrawnOn = table.Column<DateOnly>(nullable: false),
                Seed = table.Column<int>(nullable: false),
                SampleSize = table.Column<int>(nullable: false),
                Population = table.Column<int>(nullable: false),
                ChecklistJson = table.Column<string>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SpotChecks", x => x.Id);
                table.ForeignKey("FK_SpotChecks_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_SpotChecks_Agencies_RaisedByAgencyId", x => x.RaisedByAgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_SpotChecks_AgencyId_DrawnOn", "SpotChecks", ["AgencyId", "DrawnOn"]);
        migrationBuilder.CreateIndex("IX_SpotChecks_RaisedByAgencyId", "SpotChecks", "RaisedByAgencyId");

        migrationBuilder.CreateTable(
            name: "SpotCheckItems",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                SpotCheckId = table.Column<Guid>(nullable: false),
                Position = table.Column<int>(nullable: false),
                CatalogItemId = table.Column<Guid>(nullable: false),
                CheckedOn = table.Column<DateOnly>(nullable: true),
                CheckedBy = table.Column<string>(maxLength: 100, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SpotCheckItems", x => x.Id);
                table.ForeignKey("FK_SpotCheckItems_SpotChecks_SpotCheckId", x => x.SpotCheckId, "SpotChecks", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_SpotCheckItems_CatalogItems_CatalogItemId", x => x.CatalogItemId, "CatalogItems", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_SpotCheckItems_SpotCheckId_Position", "SpotCheckItems", ["SpotCheckId", "Position"], unique: true);
        migrationBuilder.CreateIndex("IX_SpotCheckItems_CatalogItemId", "SpotCheckItems", "CatalogItemId");

        migrationBuilder.CreateTable(
            name: "SpotCheckProblems",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                SpotCheckItemId = table.Column<Guid>(nullable: false),
                QuestionKey = table.Column<string>(maxLength: 40, nullable: false),
                Note = table.Column<string>(maxLength: 1000, nullable: false),
                EvidenceId = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SpotCheckProblems", x => x.Id);
                table.ForeignKey("FK_SpotCheckProblems_SpotCheckItems_SpotCheckItemId", x => x.SpotCheckItemId, "SpotCheckItems", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_SpotCheckProblems_SpotCheckItemId_QuestionKey", "SpotCheckProblems", ["SpotCheckItemId", "QuestionKey"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("SpotCheckProblems");
        migrationBuilder.DropTable("SpotCheckItems");
        migrationBuilder.DropTable("SpotChecks");
    }
}

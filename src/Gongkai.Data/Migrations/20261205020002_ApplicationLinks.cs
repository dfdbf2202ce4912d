using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>Applications a handler linked, e.g. a repeated application to the earlier one (issue 12).</summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261205020002_ApplicationLinks")]
public sealed class ApplicationLinks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "ApplicationLinks",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                EarlierId = table.Column<Guid>(nullable: false),
                LaterId = table.Column<Guid>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                CreatedByName = table.Column<string>(maxLength: 100, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApplicationLinks", x => x.Id);
                table.ForeignKey("FK_ApplicationLinks_Applications_EarlierId", x => x.EarlierId, "Applications", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ApplicationLinks_Applications_LaterId", x => x.LaterId, "Applications", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ApplicationLinks_LaterId_EarlierId_Kind", "ApplicationLinks", ["LaterId", "EarlierId", "Kind"], unique: true);
        migrationBuilder.CreateIndex("IX_ApplicationLinks_EarlierId", "ApplicationLinks", "EarlierId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(name: "ApplicationLinks");
    }
}

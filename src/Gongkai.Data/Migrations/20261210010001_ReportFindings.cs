using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// The findings of each published report version and confirmed collected report, stored with what they were checked
/// against (ADR 0013, "Findings per report version, stored"). Empty after the upgrade: readers fill it as they need it.
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261210010001_ReportFindings")]
public sealed class ReportFindings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "ReportFindings",
            columns: table => new
            {
                ReportId = table.Column<Guid>(nullable: false),
                PreviousId = table.Column<Guid>(nullable: true),
                RulesVersion = table.Column<string>(maxLength: 64, nullable: false),
                Errors = table.Column<int>(nullable: false),
                Warnings = table.Column<int>(nullable: false),
                FindingsJson = table.Column<string>(nullable: false),
                ComputedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ReportFindings", x => x.ReportId));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("ReportFindings");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// Indexes on ConcludedOn and DueOn alone: an assessment reads the cases of a whole region that were open, concluded or
/// due in its period (ConcludedOn IS NULL OR ConcludedOn &gt;= start OR DueOn &gt;= start), which PostgreSQL answers with
/// a bitmap OR of the two instead of reading every case (measured with bench/supervision-load.sh, ADR 0013).
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261206040001_SupervisionIndexes")]
public sealed class SupervisionIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateIndex(name: "IX_Applications_ConcludedOn", table: "Applications", column: "ConcludedOn");
        migrationBuilder.CreateIndex(name: "IX_Applications_DueOn", table: "Applications", column: "DueOn");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name: "IX_Applications_ConcludedOn", table: "Applications");
        migrationBuilder.DropIndex(name: "IX_Applications_DueOn", table: "Applications");
    }
}

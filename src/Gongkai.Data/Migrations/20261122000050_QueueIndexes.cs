using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// An index on (AgencyId, ConcludedOn): the queue pages its closed cases along it, newest conclusion first, and the
/// annual-report cell lists select a year's concluded cases with it (measured with bench/desk-load.sh).
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261122000050_QueueIndexes")]
public sealed class QueueIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateIndex(name: "IX_Applications_AgencyId_ConcludedOn", table: "Applications", columns: ["AgencyId", "ConcludedOn"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name: "IX_Applications_AgencyId_ConcludedOn", table: "Applications");
    }
}

using Gongkai.Data.Numbering;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// One table of counters for every number issued per agency and series (<see cref="NumberCounter"/>): application
/// numbers, 索引号 serials, 文号 sequences and catalogue search keys. The counters start from the numbers already
/// stored (the index-number serials move over from CatalogSerials, which is dropped), so the next number follows the
/// last one issued.
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261122000060_NumberCounters")]
public sealed class NumberCounters : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "NumberCounters",
            columns: table => new
            {
                AgencyId = table.Column<Guid>(nullable: false),
                Series = table.Column<string>(maxLength: NumberSeries.MaxLength, nullable: false),
                Last = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_NumberCounters", x => new { x.AgencyId, x.Series }));

        migrationBuilder.Sql("""
            INSERT INTO "NumberCounters" ("AgencyId", "Series", "Last")
            SELECT "AgencyId", 'index/' || CAST("Year" AS TEXT), "LastSerial" FROM "CatalogSerials"
            """);
        foreach (var statement in migrationBuilder.IsSqlite() ? Numbering.NumberCounters.SqliteRecount
                 : migrationBuilder.IsNpgsql() ? Numbering.NumberCounters.PostgresRecount
                 : [])
        {
            migrationBuilder.Sql(statement);
        }

        migrationBuilder.DropTable("CatalogSerials");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "CatalogSerials",
            columns: table => new
            {
                AgencyId = table.Column<Guid>(nullable: false),
                Year = table.Column<int>(nullable: false),
                LastSerial = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CatalogSerials", x => new { x.AgencyId, x.Year });
                table.ForeignKey("FK_CatalogSerials_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.Sql("""
            INSERT INTO "CatalogSerials" ("AgencyId", "Year", "LastSerial")
            SELECT "AgencyId", CAST(substr("Series", 7) AS INTEGER), CAST("Last" AS INTEGER) FROM "NumberCounters" WHERE "Series" LIKE 'index/%'
            """);
        migrationBuilder.DropTable("NumberCounters");
    }
}

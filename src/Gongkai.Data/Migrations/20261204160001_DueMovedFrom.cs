using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// Loading a year's holiday notice can move open cases' due dates; the case remembers the date it moved from until
/// someone who acts on it has seen the change (issue 12: "when the notice is loaded and a deadline moves, the handler
/// is told").
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261204160001_DueMovedFrom")]
public sealed class DueMovedFrom : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<DateOnly>(name: "DueMovedFrom", table: "Applications", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        // Without a model snapshot EF cannot rebuild a SQLite table to drop a column; both databases drop it in SQL.
        migrationBuilder.Sql("ALTER TABLE \"Applications\" DROP COLUMN \"DueMovedFrom\"");
    }
}

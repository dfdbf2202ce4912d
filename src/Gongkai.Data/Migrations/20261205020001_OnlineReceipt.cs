using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// Each agency says when an online application counts as received (条例第三十一条): on submission (null, what every
/// agency did so far) or on the agency's confirmation, when the application waits without a receipt date.
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261205020001_OnlineReceipt")]
public sealed class OnlineReceipt : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<int>(name: "OnlineReceipt", table: "Agencies", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        // Without a model snapshot EF cannot rebuild a SQLite table to drop a column; both databases drop it in SQL.
        migrationBuilder.Sql("ALTER TABLE \"Agencies\" DROP COLUMN \"OnlineReceipt\"");
    }
}

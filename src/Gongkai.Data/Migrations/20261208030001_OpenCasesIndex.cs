using Gongkai.Data.Applications;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// A partial index over the open applications only (State 0–2), carrying the columns the desk's counts (未办结, 已逾期,
/// 即将到期, 未登记, 待补正, 延期待批, the navigation's due-date moves) and the open part of the queue's order read, so
/// those statements are index-only scans over the agency's open cases instead of heap reads among its whole history.
/// Measured on province_load (the large agency: 7,228 open of 500,454 cases): the pending-extension count 83 ms cold
/// → 9 ms, the open page's ids 6.7 ms → 1.5 ms (ADR 0014, "Staff pages at 20 connections").
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261208030001_OpenCasesIndex")]
public sealed class OpenCasesIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateIndex(
            name: "IX_Applications_Open",
            table: "Applications",
            columns: ["AgencyId", "State", "DueOn", "ReceivedOn", "Number", "Id", "ExtensionRequestedDays", "DueMovedFrom", "HandlerId"],
            filter: ApplicationConfiguration.OpenFilter);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name: "IX_Applications_Open", table: "Applications");
    }
}

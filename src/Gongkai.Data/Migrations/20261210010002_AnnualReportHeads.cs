using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// A covering index of the annual report versions' heads (agency, year, status, version, publication, id), which a
/// region's supervision pages read for thousands of agencies: SQLite stores <c>PublishedAtUtc</c> after the report's
/// JSON, so reading it from the table walks the JSON's overflow pages (ADR 0013, "Findings per report version, stored").
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261210010002_AnnualReportHeads")]
public sealed class AnnualReportHeads : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateIndex(
            "IX_AnnualReports_AgencyId_Year_Status_Version_PublishedAtUtc_Id", "AnnualReports",
            ["AgencyId", "Year", "Status", "Version", "PublishedAtUtc", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name: "IX_AnnualReports_AgencyId_Year_Status_Version_PublishedAtUtc_Id", table: "AnnualReports");
    }
}

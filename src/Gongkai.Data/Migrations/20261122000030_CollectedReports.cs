using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>Annual reports collected by a supervising office from agencies that do not use the platform.</summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261122000030_CollectedReports")]
public sealed class CollectedReports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "CollectedReports",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CollectedByAgencyId = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: true),
                Year = table.Column<int>(nullable: true),
                Status = table.Column<int>(nullable: false),
                FileName = table.Column<string>(maxLength: 260, nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, nullable: false),
                Size = table.Column<long>(nullable: false),
                Organization = table.Column<string>(maxLength: 200, nullable: true),
                Title = table.Column<string>(maxLength: 300, nullable: true),
                Json = table.Column<string>(nullable: false),
                ParseFindings = table.Column<string>(nullable: false),
                PublishedOn = table.Column<DateOnly>(nullable: true),
                UploadedAtUtc = table.Column<DateTime>(nullable: false),
                UploadedBy = table.Column<string>(maxLength: 100, nullable: false),
                ConfirmedAtUtc = table.Column<DateTime>(nullable: true),
                ConfirmedBy = table.Column<string>(maxLength: 100, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CollectedReports", x => x.Id);
                table.ForeignKey("FK_CollectedReports_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_CollectedReports_Agencies_CollectedByAgencyId", x => x.CollectedByAgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_CollectedReports_AgencyId_Year", "CollectedReports", ["AgencyId", "Year"]);
        migrationBuilder.CreateIndex("IX_CollectedReports_CollectedByAgencyId_Status", "CollectedReports", ["CollectedByAgencyId", "Status"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("CollectedReports");
    }
}

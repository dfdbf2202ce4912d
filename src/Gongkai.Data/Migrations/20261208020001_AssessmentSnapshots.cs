using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>Open periods' rankings computed in the background and read by the assessment page (issue 13).</summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261208020001_AssessmentSnapshots")]
public sealed class AssessmentSnapshots : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "AssessmentSnapshots",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                RegionId = table.Column<Guid>(nullable: false),
                PeriodKey = table.Column<string>(maxLength: 6, nullable: false),
                State = table.Column<int>(nullable: false),
                SchemeId = table.Column<Guid>(nullable: true),
                ResultsJson = table.Column<string>(nullable: true),
                ComputedAtUtc = table.Column<DateTime>(nullable: true),
                DurationMs = table.Column<int>(nullable: true),
                Failure = table.Column<string>(maxLength: 500, nullable: true),
                Attempts = table.Column<int>(nullable: false),
                ClaimedBy = table.Column<string>(maxLength: 100, nullable: true),
                ClaimedAtUtc = table.Column<DateTime>(nullable: true),
                RequestedBy = table.Column<string>(maxLength: 100, nullable: false),
                RequestedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AssessmentSnapshots", x => x.Id);
                table.ForeignKey("FK_AssessmentSnapshots_Regions_RegionId", x => x.RegionId, "Regions", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_AssessmentSnapshots_AssessmentSchemes_SchemeId", x => x.SchemeId, "AssessmentSchemes", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_AssessmentSnapshots_RegionId_PeriodKey", "AssessmentSnapshots", ["RegionId", "PeriodKey"], unique: true);
        migrationBuilder.CreateIndex("IX_AssessmentSnapshots_SchemeId", "AssessmentSnapshots", "SchemeId");
        migrationBuilder.CreateIndex("IX_AssessmentSnapshots_State_RequestedAtUtc", "AssessmentSnapshots", ["State", "RequestedAtUtc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("AssessmentSnapshots");
    }
}

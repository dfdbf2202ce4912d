using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>Assessment schemes and their versions, stored results of closed periods, manual scores and rectifications (issue 13).</summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261204200001_Assessment")]
public sealed class Assessment : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "AssessmentSchemes",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                RegionId = table.Column<Guid>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                Version = table.Column<int>(nullable: false),
                EffectiveFrom = table.Column<string>(maxLength: 6, nullable: false),
                IndicatorsJson = table.Column<string>(nullable: false),
                Note = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AssessmentSchemes", x => x.Id);
                table.ForeignKey("FK_AssessmentSchemes_Regions_RegionId", x => x.RegionId, "Regions", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_AssessmentSchemes_RegionId_Kind_Version", "AssessmentSchemes", ["RegionId", "Kind", "Version"], unique: true);

        migrationBuilder.CreateTable(
            name: "AssessmentResults",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                RegionId = table.Column<Guid>(nullable: false),
                PeriodKey = table.Column<string>(maxLength: 6, nullable: false),
                SchemeId = table.Column<Guid>(nullable: false),
                ResultsJson = table.Column<string>(nullable: false),
                ClosedAtUtc = table.Column<DateTime>(nullable: false),
                ClosedBy = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AssessmentResults", x => x.Id);
                table.ForeignKey("FK_AssessmentResults_Regions_RegionId", x => x.RegionId, "Regions", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_AssessmentResults_AssessmentSchemes_SchemeId", x => x.SchemeId, "AssessmentSchemes", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_AssessmentResults_RegionId_PeriodKey", "AssessmentResults", ["RegionId", "PeriodKey"], unique: true);
        migrationBuilder.CreateIndex("IX_AssessmentResults_SchemeId", "AssessmentResults", "SchemeId");

        migrationBuilder.CreateTable(
            name: "ManualScores",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                SchemeId = table.Column<Guid>(nullable: false),
                PeriodKey = table.Column<string>(maxLength: 6, nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Line = table.Column<int>(nullable: false),
                Rate = table.Column<int>(nullable: false),
                Note = table.Column<string>(maxLength: 1000, nullable: false),
                EvidenceId = table.Column<Guid>(nullable: true),
                ScoredAtUtc = table.Column<DateTime>(nullable: false),
                ScoredBy = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ManualScores", x => x.Id);
                table.ForeignKey("FK_ManualScores_AssessmentSchemes_SchemeId", x => x.SchemeId, "AssessmentSchemes", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ManualScores_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ManualScores_SchemeId_PeriodKey_AgencyId_Line", "ManualScores", ["SchemeId", "PeriodKey", "AgencyId", "Line"], unique: true);
        migrationBuilder.CreateIndex("IX_ManualScores_AgencyId", "ManualScores", "AgencyId");

        migrationBuilder.CreateTable(
            name: "Rectifications",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                RaisedByAgencyId = table.Column<Guid>(nullable: false),
                Source = table.Column<int>(nullable: false),
                SourceRef = table.Column<string>(maxLength: 100, nullable: true),
                ReportYear = table.Column<int>(nullable: true),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                Detail = table.Column<string>(maxLength: 4000, nullable: false),
                RaisedOn = table.Column<DateOnly>(nullable: false),
                WorkingDays = table.Column<int>(nullable: false),
                DueOn = table.Column<DateOnly>(nullable: false),
                State = table.Column<int>(nullable: false),
                Answer = table.Column<string>(maxLength: 4000, nullable: true),
                AnsweredOn = table.Column<DateOnly>(nullable: true),
                AnswerFiles = table.Column<string>(maxLength: 1000, nullable: true),
                ReturnReason = table.Column<string>(maxLength: 1000, nullable: true),
                ClosedOn = table.Column<DateOnly>(nullable: true),
                RaisedBy = table.Column<string>(maxLength: 100, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
                Revision = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Rectifications", x => x.Id);
                table.ForeignKey("FK_Rectifications_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Rectifications_Agencies_RaisedByAgencyId", x => x.RaisedByAgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Rectifications_AgencyId_State", "Rectifications", ["AgencyId", "State"]);
        migrationBuilder.CreateIndex("IX_Rectifications_RaisedByAgencyId_State", "Rectifications", ["RaisedByAgencyId", "State"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("Rectifications");
        migrationBuilder.DropTable("ManualScores");
        migrationBuilder.DropTable("AssessmentResults");
        migrationBuilder.DropTable("AssessmentSchemes");
    }
}

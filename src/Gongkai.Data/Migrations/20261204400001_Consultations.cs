using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>Comment solicitation (意见征集): consultations on drafts and the public's comments (issue 14).</summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261204400001_Consultations")]
public sealed class Consultations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "Consultations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                Kind = table.Column<int>(nullable: false),
                Description = table.Column<string>(maxLength: 4000, nullable: false),
                DraftText = table.Column<string>(nullable: true),
                DraftItemId = table.Column<Guid>(nullable: true),
                OpensOn = table.Column<DateOnly>(nullable: false),
                PeriodDays = table.Column<int>(nullable: false),
                PeriodUnit = table.Column<int>(nullable: false),
                ClosesOn = table.Column<DateOnly>(nullable: false),
                OtherChannels = table.Column<string>(maxLength: 500, nullable: true),
                FeedbackNote = table.Column<string>(maxLength: 4000, nullable: true),
                FeedbackPublishedAtUtc = table.Column<DateTime>(nullable: true),
                FinalItemId = table.Column<Guid>(nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Consultations", x => x.Id);
                table.ForeignKey("FK_Consultations_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Consultations_CatalogItems_DraftItemId", x => x.DraftItemId, "CatalogItems", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Consultations_CatalogItems_FinalItemId", x => x.FinalItemId, "CatalogItems", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Consultations_AgencyId_OpensOn", "Consultations", ["AgencyId", "OpensOn"]);
        migrationBuilder.CreateIndex("IX_Consultations_DraftItemId", "Consultations", "DraftItemId");
        migrationBuilder.CreateIndex("IX_Consultations_FinalItemId", "Consultations", "FinalItemId");

        migrationBuilder.CreateTable(
            name: "ConsultationComments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ConsultationId = table.Column<Guid>(nullable: false),
                SubmittedAtUtc = table.Column<DateTime>(nullable: false),
                Name = table.Column<string>(maxLength: 50, nullable: true),
                Contact = table.Column<string>(maxLength: 100, nullable: true),
                Content = table.Column<string>(maxLength: 2000, nullable: false),
                Status = table.Column<int>(nullable: false),
                RejectionReason = table.Column<string>(maxLength: 500, nullable: true),
                ModeratedAtUtc = table.Column<DateTime>(nullable: true),
                ModeratedBy = table.Column<string>(maxLength: 100, nullable: true),
                Adoption = table.Column<int>(nullable: true),
                AdoptionReason = table.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConsultationComments", x => x.Id);
                table.ForeignKey("FK_ConsultationComments_Consultations_ConsultationId", x => x.ConsultationId, "Consultations", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ConsultationComments_ConsultationId_SubmittedAtUtc", "ConsultationComments", ["ConsultationId", "SubmittedAtUtc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("ConsultationComments");
        migrationBuilder.DropTable("Consultations");
    }
}

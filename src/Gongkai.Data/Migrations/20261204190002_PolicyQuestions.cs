using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>智能问答: the staff's FAQ entries and the questions that found no answer (issue 14).</summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261204190002_PolicyQuestions")]
public sealed class PolicyQuestions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "FaqEntries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Question = table.Column<string>(maxLength: 200, nullable: false),
                Answer = table.Column<string>(maxLength: 4000, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_FaqEntries", x => x.Id);
                table.ForeignKey("FK_FaqEntries_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_FaqEntries_AgencyId", "FaqEntries", "AgencyId");

        migrationBuilder.CreateTable(
            name: "UnansweredQuestions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Question = table.Column<string>(maxLength: 200, nullable: false),
                AskedAtUtc = table.Column<DateTime>(nullable: false),
                FaqEntryId = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UnansweredQuestions", x => x.Id);
                table.ForeignKey("FK_UnansweredQuestions_FaqEntries_FaqEntryId", x => x.FaqEntryId, "FaqEntries", "Id", onDelete: ReferentialAction.SetNull);
            });
        migrationBuilder.CreateIndex("IX_UnansweredQuestions_FaqEntryId_AskedAtUtc", "UnansweredQuestions", ["FaqEntryId", "AskedAtUtc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("UnansweredQuestions");
        migrationBuilder.DropTable("FaqEntries");
    }
}

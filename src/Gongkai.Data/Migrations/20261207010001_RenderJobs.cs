using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>Files produced in the background (letters' PDFs), claimed by one node at a time (issue 12).</summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261207010001_RenderJobs")]
public sealed class RenderJobs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "RenderJobs",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 50, nullable: false),
                SubjectId = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Format = table.Column<string>(maxLength: 10, nullable: false),
                SourceHash = table.Column<string>(maxLength: 64, nullable: false),
                State = table.Column<int>(nullable: false),
                Failure = table.Column<string>(maxLength: 500, nullable: true),
                Attempts = table.Column<int>(nullable: false),
                ClaimedBy = table.Column<string>(maxLength: 100, nullable: true),
                ClaimedAtUtc = table.Column<DateTime>(nullable: true),
                FileSha256 = table.Column<string>(maxLength: 64, nullable: true),
                FileSize = table.Column<long>(nullable: true),
                RequestedByName = table.Column<string>(maxLength: 100, nullable: false),
                RequestedAtUtc = table.Column<DateTime>(nullable: false),
                FinishedAtUtc = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_RenderJobs", x => x.Id));
        migrationBuilder.CreateIndex("IX_RenderJobs_Kind_SubjectId_Format_SourceHash", "RenderJobs", ["Kind", "SubjectId", "Format", "SourceHash"], unique: true);
        migrationBuilder.CreateIndex("IX_RenderJobs_State_RequestedAtUtc", "RenderJobs", ["State", "RequestedAtUtc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("RenderJobs");
    }
}

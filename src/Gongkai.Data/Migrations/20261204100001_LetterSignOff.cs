using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// Letters go through submission, approval or return, and issue (issue 12). A letter approved before this migration
/// was numbered, dated and shown to the applicant at once, so it is what the new states call issued: status 2 becomes 5,
/// and its approver is recorded as the one who issued it.
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261204100001_LetterSignOff")]
public sealed class LetterSignOff : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>(name: "Reason", table: "Letters", maxLength: 2000, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "SubmittedAtUtc", table: "Letters", nullable: true);
        migrationBuilder.AddColumn<string>(name: "SubmittedByName", table: "Letters", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<string>(name: "ReturnReason", table: "Letters", maxLength: 1000, nullable: true);
        migrationBuilder.AddColumn<string>(name: "ReturnedByName", table: "Letters", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "ReturnedAtUtc", table: "Letters", nullable: true);
        migrationBuilder.AddColumn<string>(name: "IssuedByName", table: "Letters", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "IssuedAtUtc", table: "Letters", nullable: true);
        migrationBuilder.Sql("UPDATE \"Letters\" SET \"Status\" = 5, \"IssuedByName\" = \"ApprovedByName\", \"IssuedAtUtc\" = \"ApprovedAtUtc\" WHERE \"Status\" = 2");
        migrationBuilder.CreateIndex("IX_Letters_AgencyId_Status", "Letters", ["AgencyId", "Status"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("IX_Letters_AgencyId_Status", "Letters");
        migrationBuilder.Sql("UPDATE \"Letters\" SET \"Status\" = 1 WHERE \"Status\" IN (2, 3, 4)");
        migrationBuilder.Sql("UPDATE \"Letters\" SET \"Status\" = 2 WHERE \"Status\" = 5");

        // Without a model snapshot EF cannot rebuild a SQLite table to drop a column; both databases drop it in SQL
        // (SQLite since 3.35), and none of these columns is indexed.
        foreach (var column in new[] { "Reason", "SubmittedAtUtc", "SubmittedByName", "ReturnReason", "ReturnedByName", "ReturnedAtUtc", "IssuedByName", "IssuedAtUtc" })
        {
            migrationBuilder.Sql($"ALTER TABLE \"Letters\" DROP COLUMN \"{column}\"");
        }
    }
}

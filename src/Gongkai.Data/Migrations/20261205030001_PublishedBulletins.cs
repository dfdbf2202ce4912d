using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// A closed period's 考核通报 published to the portal (issue 13): the text as published (JSON of the bulletin), when and
/// by whom; all null while not published.
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261205030001_PublishedBulletins")]
public sealed class PublishedBulletins : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>(name: "BulletinJson", table: "AssessmentResults", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "PublishedAtUtc", table: "AssessmentResults", nullable: true);
        migrationBuilder.AddColumn<string>(name: "PublishedBy", table: "AssessmentResults", maxLength: 100, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        // Without a model snapshot EF cannot rebuild a SQLite table to drop a column; both databases drop it in SQL.
        migrationBuilder.Sql("ALTER TABLE \"AssessmentResults\" DROP COLUMN \"PublishedBy\"");
        migrationBuilder.Sql("ALTER TABLE \"AssessmentResults\" DROP COLUMN \"PublishedAtUtc\"");
        migrationBuilder.Sql("ALTER TABLE \"AssessmentResults\" DROP COLUMN \"BulletinJson\"");
    }
}

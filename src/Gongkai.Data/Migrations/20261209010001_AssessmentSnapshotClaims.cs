using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// The claims of a background computation since it was last queued (<c>Claims</c>), beside the lifetime
/// <c>Attempts</c> that names each computation for the in-memory copies: a computation claimed
/// <c>Supervision:AssessmentMaxAttempts</c> times without finishing ends 失败 instead of being taken over for ever.
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261209010001_AssessmentSnapshotClaims")]
public sealed class AssessmentSnapshotClaims : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<int>(name: "Claims", table: "AssessmentSnapshots", nullable: false, defaultValue: 0);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        // Without a model snapshot EF cannot rebuild a SQLite table to drop a column; both databases drop it in SQL.
        migrationBuilder.Sql("ALTER TABLE \"AssessmentSnapshots\" DROP COLUMN \"Claims\"");
    }
}

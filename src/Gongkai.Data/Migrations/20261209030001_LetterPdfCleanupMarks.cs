using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// The letter-PDF cleanup looks only at what may have become removable since its last run (ADR 0012, "Letter PDF
/// housekeeping"): a finished job it kept carries when it was found current (<c>RenderJobs.CheckedAtUtc</c>, with an
/// index for the jobs never checked and the newest check), and letters changed since are found by their update time
/// (<c>IX_Letters_UpdatedAtUtc</c>). Existing jobs start unchecked, so the first run after the upgrade looks at each once.
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261209030001_LetterPdfCleanupMarks")]
public sealed class LetterPdfCleanupMarks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<DateTime>(name: "CheckedAtUtc", table: "RenderJobs", nullable: true);
        migrationBuilder.CreateIndex("IX_RenderJobs_Kind_CheckedAtUtc_FinishedAtUtc", "RenderJobs", ["Kind", "CheckedAtUtc", "FinishedAtUtc"]);
        migrationBuilder.CreateIndex("IX_Letters_UpdatedAtUtc", "Letters", "UpdatedAtUtc");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name: "IX_Letters_UpdatedAtUtc", table: "Letters");
        migrationBuilder.DropIndex(name: "IX_RenderJobs_Kind_CheckedAtUtc_FinishedAtUtc", table: "RenderJobs");
        // Without a model snapshot EF cannot rebuild a SQLite table to drop a column; both databases drop it in SQL.
        migrationBuilder.Sql("ALTER TABLE \"RenderJobs\" DROP COLUMN \"CheckedAtUtc\"");
    }
}

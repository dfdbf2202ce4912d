using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// Transfers (条例第三十六条第（五）项, issue 12): the applicant's consent to be forwarded to the competent agency, and the
/// competent agency a reply letter names (on the platform or not, with its contact).
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261206010001_Transfers")]
public sealed class Transfers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<bool>(name: "ForwardConsent", table: "Applications", nullable: true);
        migrationBuilder.AddColumn<Guid>(name: "CompetentAgencyId", table: "Letters", nullable: true);
        migrationBuilder.AddColumn<string>(name: "CompetentAgencyName", table: "Letters", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<string>(name: "CompetentAgencyContact", table: "Letters", maxLength: 300, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        // Without a model snapshot EF cannot rebuild a SQLite table to drop a column; both databases drop it in SQL.
        migrationBuilder.Sql("ALTER TABLE \"Letters\" DROP COLUMN \"CompetentAgencyContact\"");
        migrationBuilder.Sql("ALTER TABLE \"Letters\" DROP COLUMN \"CompetentAgencyName\"");
        migrationBuilder.Sql("ALTER TABLE \"Letters\" DROP COLUMN \"CompetentAgencyId\"");
        migrationBuilder.Sql("ALTER TABLE \"Applications\" DROP COLUMN \"ForwardConsent\"");
    }
}

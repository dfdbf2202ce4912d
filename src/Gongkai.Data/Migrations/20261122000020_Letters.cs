using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// Letters get their agency, addressee, 成文日期 and the series their 文号 was drawn from; templates get a number
/// pattern; agencies get the 简称 used in 文号. Letters had no writer before this migration, so the table is
/// rebuilt rather than altered (a non-null column added to a filled table would need a default the model lacks).
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261122000020_Letters")]
public sealed class Letters : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.AddColumn<string>(name: "ShortName", table: "Agencies", maxLength: 20, nullable: true);
        migrationBuilder.AddColumn<string>(name: "NumberPattern", table: "LetterTemplates", maxLength: 100, nullable: true);

        migrationBuilder.DropTable("Letters");
        migrationBuilder.CreateTable(
            name: "Letters",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                ApplicationId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 64, nullable: false),
                Number = table.Column<string>(maxLength: 64, nullable: true),
                NumberSeries = table.Column<string>(maxLength: 100, nullable: true),
                NumberSequence = table.Column<int>(nullable: true),
                Recipient = table.Column<string>(maxLength: 200, nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                Body = table.Column<string>(nullable: false),
                Status = table.Column<int>(nullable: false),
                IssuedOn = table.Column<DateOnly>(nullable: true),
                ApprovedById = table.Column<Guid>(nullable: true),
                ApprovedByName = table.Column<string>(maxLength: 100, nullable: true),
                ApprovedAtUtc = table.Column<DateTime>(nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
                VisibleToApplicant = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Letters", x => x.Id);
                table.ForeignKey("FK_Letters_Applications_ApplicationId", x => x.ApplicationId, "Applications", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Letters_ApplicationId", "Letters", "ApplicationId");
        migrationBuilder.CreateIndex("IX_Letters_AgencyId_NumberSeries_NumberSequence", "Letters", ["AgencyId", "NumberSeries", "NumberSequence"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.DropTable("Letters");
        migrationBuilder.CreateTable(
            name: "Letters",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ApplicationId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 64, nullable: false),
                Number = table.Column<string>(maxLength: 64, nullable: true),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                Body = table.Column<string>(nullable: false),
                Status = table.Column<int>(nullable: false),
                ApprovedById = table.Column<Guid>(nullable: true),
                ApprovedByName = table.Column<string>(maxLength: 100, nullable: true),
                ApprovedAtUtc = table.Column<DateTime>(nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
                VisibleToApplicant = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Letters", x => x.Id);
                table.ForeignKey("FK_Letters_Applications_ApplicationId", x => x.ApplicationId, "Applications", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Letters_ApplicationId", "Letters", "ApplicationId");
        migrationBuilder.DropColumn(name: "NumberPattern", table: "LetterTemplates");
        migrationBuilder.DropColumn(name: "ShortName", table: "Agencies");
    }
}

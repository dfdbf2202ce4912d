using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>Channels (公开渠道): an agency's registered channels, the channels a catalogue item went out on, monthly counts (issue 14).</summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261205040001_Channels")]
public sealed class Channels : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "PublicationChannels",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Address = table.Column<string>(maxLength: 300, nullable: false),
                Responsible = table.Column<string>(maxLength: 100, nullable: false),
                LastUpdatedOn = table.Column<DateOnly>(nullable: true),
                OpenedOn = table.Column<DateOnly>(nullable: false),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PublicationChannels", x => x.Id);
                table.ForeignKey("FK_PublicationChannels_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_PublicationChannels_AgencyId", "PublicationChannels", "AgencyId");

        migrationBuilder.CreateTable(
            name: "CatalogItemChannels",
            columns: table => new
            {
                CatalogItemId = table.Column<Guid>(nullable: false),
                ChannelId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CatalogItemChannels", x => new { x.CatalogItemId, x.ChannelId });
                table.ForeignKey("FK_CatalogItemChannels_CatalogItems_CatalogItemId", x => x.CatalogItemId, "CatalogItems", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CatalogItemChannels_PublicationChannels_ChannelId", x => x.ChannelId, "PublicationChannels", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_CatalogItemChannels_ChannelId", "CatalogItemChannels", "ChannelId");

        migrationBuilder.CreateTable(
            name: "ChannelMonthlyCounts",
            columns: table => new
            {
                ChannelId = table.Column<Guid>(nullable: false),
                Year = table.Column<int>(nullable: false),
                Month = table.Column<int>(nullable: false),
                Count = table.Column<int>(nullable: false),
                Source = table.Column<string>(maxLength: 200, nullable: false),
                EnteredBy = table.Column<string>(maxLength: 100, nullable: false),
                EnteredAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ChannelMonthlyCounts", x => new { x.ChannelId, x.Year, x.Month });
                table.ForeignKey("FK_ChannelMonthlyCounts_PublicationChannels_ChannelId", x => x.ChannelId, "PublicationChannels", "Id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("ChannelMonthlyCounts");
        migrationBuilder.DropTable("CatalogItemChannels");
        migrationBuilder.DropTable("PublicationChannels");
    }
}

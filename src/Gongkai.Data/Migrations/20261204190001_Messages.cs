using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>Messages (留言) with their history, ratings (好差评), and each region's reply period (MessageReplyPeriods) (issue 14).</summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261204190001_Messages")]
public sealed class Messages : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "MessageReplyPeriods",
            columns: table => new
            {
                RegionId = table.Column<Guid>(nullable: false),
                WorkingDays = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MessageReplyPeriods", x => x.RegionId);
                table.ForeignKey("FK_MessageReplyPeriods_Regions_RegionId", x => x.RegionId, "Regions", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Messages",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                ReceiptCode = table.Column<string>(maxLength: 16, nullable: false),
                Category = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 100, nullable: false),
                Content = table.Column<string>(maxLength: 2000, nullable: false),
                Name = table.Column<string>(maxLength: 50, nullable: true),
                Phone = table.Column<string>(maxLength: 30, nullable: false),
                MayPublish = table.Column<bool>(nullable: false),
                SubmittedAtUtc = table.Column<DateTime>(nullable: false),
                ReceivedOn = table.Column<DateOnly>(nullable: false),
                DueOn = table.Column<DateOnly>(nullable: false),
                Reply = table.Column<string>(maxLength: 4000, nullable: true),
                ReplyStatus = table.Column<int>(nullable: true),
                SubmittedByName = table.Column<string>(maxLength: 100, nullable: true),
                ReturnReason = table.Column<string>(maxLength: 1000, nullable: true),
                ReturnedByName = table.Column<string>(maxLength: 100, nullable: true),
                ApprovedByName = table.Column<string>(maxLength: 100, nullable: true),
                RepliedByName = table.Column<string>(maxLength: 100, nullable: true),
                RepliedAtUtc = table.Column<DateTime>(nullable: true),
                RepliedOn = table.Column<DateOnly>(nullable: true),
                PublishedAtUtc = table.Column<DateTime>(nullable: true),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Messages", x => x.Id);
                table.ForeignKey("FK_Messages_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Messages_ReceiptCode", "Messages", "ReceiptCode", unique: true);
        migrationBuilder.CreateIndex("IX_Messages_AgencyId_DueOn", "Messages", ["AgencyId", "DueOn"]);
        migrationBuilder.CreateIndex("IX_Messages_PublishedAtUtc", "Messages", "PublishedAtUtc");

        migrationBuilder.CreateTable(
            name: "MessageEvents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                MessageId = table.Column<Guid>(nullable: false),
                AtUtc = table.Column<DateTime>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Text = table.Column<string>(maxLength: 1000, nullable: false),
                Actor = table.Column<string>(maxLength: 100, nullable: false),
                IsPublic = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MessageEvents", x => x.Id);
                table.ForeignKey("FK_MessageEvents_Messages_MessageId", x => x.MessageId, "Messages", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_MessageEvents_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_MessageEvents_MessageId_AtUtc", "MessageEvents", ["MessageId", "AtUtc"]);
        migrationBuilder.CreateIndex("IX_MessageEvents_AgencyId", "MessageEvents", "AgencyId");

        migrationBuilder.CreateTable(
            name: "Ratings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Subject = table.Column<int>(nullable: false),
                SubjectId = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Level = table.Column<int>(nullable: false),
                Reason = table.Column<string>(maxLength: 500, nullable: true),
                RatedAtUtc = table.Column<DateTime>(nullable: false),
                ReviewedAtUtc = table.Column<DateTime>(nullable: true),
                ReviewedBy = table.Column<string>(maxLength: 100, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Ratings", x => x.Id);
                table.ForeignKey("FK_Ratings_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Ratings_Subject_SubjectId", "Ratings", ["Subject", "SubjectId"], unique: true);
        migrationBuilder.CreateIndex("IX_Ratings_AgencyId_RatedAtUtc", "Ratings", ["AgencyId", "RatedAtUtc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("Ratings");
        migrationBuilder.DropTable("MessageEvents");
        migrationBuilder.DropTable("Messages");
        migrationBuilder.DropTable("MessageReplyPeriods");
    }
}

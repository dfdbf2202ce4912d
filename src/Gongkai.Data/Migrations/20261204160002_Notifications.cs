using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>Notifications and their outbox: each row is claimed by one node and sent once (issue 12).</summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261204160002_Notifications")]
public sealed class NotificationOutbox : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "Notifications",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Event = table.Column<string>(maxLength: 50, nullable: false),
                Channel = table.Column<int>(nullable: false),
                UserId = table.Column<Guid>(nullable: true),
                Address = table.Column<string>(maxLength: 200, nullable: true),
                Subject = table.Column<string>(maxLength: 200, nullable: false),
                Body = table.Column<string>(maxLength: 4000, nullable: false),
                Url = table.Column<string>(maxLength: 300, nullable: true),
                AgencyId = table.Column<Guid>(nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                NotBeforeUtc = table.Column<DateTime>(nullable: false),
                ClaimedBy = table.Column<string>(maxLength: 100, nullable: true),
                ClaimedAtUtc = table.Column<DateTime>(nullable: true),
                SentAtUtc = table.Column<DateTime>(nullable: true),
                Failure = table.Column<string>(maxLength: 500, nullable: true),
                ReadAtUtc = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Notifications", x => x.Id);
                table.ForeignKey("FK_Notifications_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Notifications_ClaimedBy_NotBeforeUtc", "Notifications", ["ClaimedBy", "NotBeforeUtc"]);
        migrationBuilder.CreateIndex("IX_Notifications_UserId_ReadAtUtc", "Notifications", ["UserId", "ReadAtUtc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("Notifications");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// Notifications of events (issue 12): the applicant's consent to be told of the progress, templates administrators
/// edit, staff members' choice of events and channels, and the keys under which reminders are made once across nodes.
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261205010001_NotificationEvents")]
public sealed class NotificationEventSettings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<int>(name: "Notify", table: "Applications", nullable: true);
        migrationBuilder.CreateTable(
            name: "NotificationTemplates",
            columns: table => new
            {
                Event = table.Column<string>(maxLength: 50, nullable: false),
                Channel = table.Column<int>(nullable: false),
                Subject = table.Column<string>(maxLength: 200, nullable: false),
                Body = table.Column<string>(maxLength: 4000, nullable: false),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
                UpdatedByName = table.Column<string>(maxLength: 100, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_NotificationTemplates", x => new { x.Event, x.Channel }));
        migrationBuilder.CreateTable(
            name: "NotificationPreferences",
            columns: table => new
            {
                UserId = table.Column<Guid>(nullable: false),
                Event = table.Column<string>(maxLength: 50, nullable: false),
                Channels = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_NotificationPreferences", x => new { x.UserId, x.Event });
                table.ForeignKey("FK_NotificationPreferences_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateTable(
            name: "NotificationKeys",
            columns: table => new
            {
                Key = table.Column<string>(maxLength: 200, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_NotificationKeys", x => x.Key));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("NotificationKeys");
        migrationBuilder.DropTable("NotificationPreferences");
        migrationBuilder.DropTable("NotificationTemplates");

        // Without a model snapshot EF cannot rebuild a SQLite table to drop a column; both databases drop it in SQL.
        migrationBuilder.Sql("ALTER TABLE \"Applications\" DROP COLUMN \"Notify\"");
    }
}

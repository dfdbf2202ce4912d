using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// An extension asked for by the handler and waiting for the office head's approval, kept on the application
/// (the approval itself is a case event).
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261122000010_ExtensionRequests")]
public sealed class ExtensionRequests : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<int>(name: "ExtensionRequestedDays", table: "Applications", nullable: true);
        migrationBuilder.AddColumn<string>(name: "ExtensionRequestReason", table: "Applications", maxLength: 500, nullable: true);
        migrationBuilder.AddColumn<Guid>(name: "ExtensionRequestedById", table: "Applications", nullable: true);
        migrationBuilder.AddColumn<string>(name: "ExtensionRequestedByName", table: "Applications", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<DateOnly>(name: "ExtensionRequestedOn", table: "Applications", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn(name: "ExtensionRequestedDays", table: "Applications");
        migrationBuilder.DropColumn(name: "ExtensionRequestReason", table: "Applications");
        migrationBuilder.DropColumn(name: "ExtensionRequestedById", table: "Applications");
        migrationBuilder.DropColumn(name: "ExtensionRequestedByName", table: "Applications");
        migrationBuilder.DropColumn(name: "ExtensionRequestedOn", table: "Applications");
    }
}

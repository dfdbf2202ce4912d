using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>Failed sign-ins by name and client address, which the sign-in throttle counts (issue 9).</summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261123000001_SignInFailures")]
public sealed class SignInFailures : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "SignInFailures",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AtUtc = table.Column<DateTime>(nullable: false),
                UserName = table.Column<string>(maxLength: 256, nullable: false),
                Address = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_SignInFailures", x => x.Id));
        migrationBuilder.CreateIndex("IX_SignInFailures_UserName_AtUtc", "SignInFailures", ["UserName", "AtUtc"]);
        migrationBuilder.CreateIndex("IX_SignInFailures_Address_AtUtc", "SignInFailures", ["Address", "AtUtc"]);
        migrationBuilder.CreateIndex("IX_SignInFailures_AtUtc", "SignInFailures", "AtUtc");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("SignInFailures");
    }
}

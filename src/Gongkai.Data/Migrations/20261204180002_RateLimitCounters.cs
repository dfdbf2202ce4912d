using Gongkai.Data.Infrastructure;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>Public rate limits counted in the database, so that several app nodes enforce one limit (issue 15, <see cref="Infrastructure.RateLimitCounters"/>).</summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261204180002_RateLimitCounters")]
public sealed class RateLimitCounters : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "RateLimitCounters",
            columns: table => new
            {
                Key = table.Column<string>(maxLength: RateLimitCounter.KeyLength, nullable: false),
                WindowStart = table.Column<long>(nullable: false),
                Count = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_RateLimitCounters", x => new { x.Key, x.WindowStart }));
        migrationBuilder.CreateIndex("IX_RateLimitCounters_WindowStart", "RateLimitCounters", "WindowStart");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("RateLimitCounters");
    }
}

using Gongkai.Data.Files;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>Files kept in the database in 1 MiB chunks, the store shared by every app node (issue 15, <see cref="DatabaseFiles"/>).</summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261204180001_StoredFiles")]
public sealed class StoredFiles : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "StoredFiles",
            columns: table => new
            {
                Sha256 = table.Column<string>(maxLength: StoredFileRecord.Sha256Length, nullable: false),
                Size = table.Column<long>(nullable: false),
                Chunks = table.Column<int>(nullable: false),
                StoredAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_StoredFiles", x => x.Sha256));
        migrationBuilder.CreateTable(
            name: "StoredFileChunks",
            columns: table => new
            {
                Sha256 = table.Column<string>(maxLength: StoredFileRecord.Sha256Length, nullable: false),
                Index = table.Column<int>(nullable: false),
                Data = table.Column<byte[]>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_StoredFileChunks", x => new { x.Sha256, x.Index }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("StoredFileChunks");
        migrationBuilder.DropTable("StoredFiles");
    }
}

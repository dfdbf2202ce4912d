using Gongkai.Data.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// The proactive-disclosure catalogue: items (one row per version), their review steps, the 主题/体裁 categories,
/// index-number serials and per-agency settings; and the search index outside the EF model (SQLite FTS5 table or
/// PostgreSQL tsvector table, see <see cref="CatalogSearchSchema"/>).
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261122000040_Catalog")]
public sealed class Catalog : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "CatalogCategories",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: true),
                Scheme = table.Column<int>(nullable: false),
                Group = table.Column<string>(maxLength: 100, nullable: true),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                SortOrder = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CatalogCategories", x => x.Id);
                table.ForeignKey("FK_CatalogCategories_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CatalogSerials",
            columns: table => new
            {
                AgencyId = table.Column<Guid>(nullable: false),
                Year = table.Column<int>(nullable: false),
                LastSerial = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CatalogSerials", x => new { x.AgencyId, x.Year });
                table.ForeignKey("FK_CatalogSerials_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CatalogSettings",
            columns: table => new
            {
                AgencyId = table.Column<Guid>(nullable: false),
                IndexPattern = table.Column<string>(maxLength: 100, nullable: false),
                PrefixSource = table.Column<int>(nullable: false),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CatalogSettings", x => x.AgencyId);
                table.ForeignKey("FK_CatalogSettings_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CatalogItems",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                SeriesId = table.Column<Guid>(nullable: false),
                Version = table.Column<int>(nullable: false),
                Status = table.Column<int>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                IndexNumber = table.Column<string>(maxLength: 50, nullable: true),
                Title = table.Column<string>(maxLength: 300, nullable: false),
                Publisher = table.Column<string>(maxLength: 200, nullable: false),
                DocumentNumber = table.Column<string>(maxLength: 100, nullable: true),
                WrittenOn = table.Column<DateOnly>(nullable: true),
                PublishedOn = table.Column<DateOnly>(nullable: true),
                FormedOn = table.Column<DateOnly>(nullable: false),
                TopicCategoryId = table.Column<Guid>(nullable: true),
                GenreCategoryId = table.Column<Guid>(nullable: true),
                Mode = table.Column<int>(nullable: false),
                EffectiveOn = table.Column<DateOnly>(nullable: true),
                ExpiresOn = table.Column<DateOnly>(nullable: true),
                RepealedOn = table.Column<DateOnly>(nullable: true),
                RepealNote = table.Column<string>(maxLength: 300, nullable: true),
                InterpretsSeriesId = table.Column<Guid>(nullable: true),
                Summary = table.Column<string>(maxLength: 1000, nullable: true),
                Keywords = table.Column<string>(maxLength: 200, nullable: true),
                Body = table.Column<string>(nullable: false),
                ChangeNote = table.Column<string>(maxLength: 1000, nullable: true),
                WithdrawalReason = table.Column<string>(maxLength: 1000, nullable: true),
                DraftedById = table.Column<Guid>(nullable: false),
                DraftedByName = table.Column<string>(maxLength: 100, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
                PublishedAtUtc = table.Column<DateTime>(nullable: true),
                SearchKey = table.Column<long>(nullable: true),
                Revision = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CatalogItems", x => x.Id);
                table.ForeignKey("FK_CatalogItems_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_CatalogItems_CatalogCategories_GenreCategoryId", x => x.GenreCategoryId, "CatalogCategories", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_CatalogItems_CatalogCategories_TopicCategoryId", x => x.TopicCategoryId, "CatalogCategories", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CatalogReviewSteps",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ItemId = table.Column<Guid>(nullable: false),
                SeriesId = table.Column<Guid>(nullable: false),
                Sequence = table.Column<int>(nullable: false),
                Version = table.Column<int>(nullable: false),
                Action = table.Column<int>(nullable: false),
                ActorUserId = table.Column<Guid>(nullable: true),
                ActorName = table.Column<string>(maxLength: 100, nullable: false),
                AtUtc = table.Column<DateTime>(nullable: false),
                Comment = table.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CatalogReviewSteps", x => x.Id);
                table.ForeignKey("FK_CatalogReviewSteps_CatalogItems_ItemId", x => x.ItemId, "CatalogItems", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_CatalogCategories_AgencyId_Scheme_SortOrder", "CatalogCategories", ["AgencyId", "Scheme", "SortOrder"]);
        migrationBuilder.CreateIndex("IX_CatalogItems_AgencyId_Status_PublishedOn", "CatalogItems", ["AgencyId", "Status", "PublishedOn"]);
        migrationBuilder.CreateIndex("IX_CatalogItems_GenreCategoryId", "CatalogItems", "GenreCategoryId");
        migrationBuilder.CreateIndex("IX_CatalogItems_IndexNumber", "CatalogItems", "IndexNumber");
        migrationBuilder.CreateIndex("IX_CatalogItems_InterpretsSeriesId", "CatalogItems", "InterpretsSeriesId");
        migrationBuilder.CreateIndex("IX_CatalogItems_SearchKey", "CatalogItems", "SearchKey", unique: true);
        migrationBuilder.CreateIndex("IX_CatalogItems_SeriesId_Version", "CatalogItems", ["SeriesId", "Version"], unique: true);
        migrationBuilder.CreateIndex("IX_CatalogItems_TopicCategoryId", "CatalogItems", "TopicCategoryId");
        migrationBuilder.CreateIndex("IX_CatalogReviewSteps_ItemId", "CatalogReviewSteps", "ItemId");
        migrationBuilder.CreateIndex("IX_CatalogReviewSteps_SeriesId_Sequence", "CatalogReviewSteps", ["SeriesId", "Sequence"], unique: true);

        var search = migrationBuilder.IsSqlite() ? CatalogSearchSchema.SqliteCreate
            : migrationBuilder.IsNpgsql() ? CatalogSearchSchema.PostgresCreate
            : [];
        foreach (var statement in search)
        {
            migrationBuilder.Sql(statement);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var statement in CatalogSearchSchema.Drop)
        {
            migrationBuilder.Sql(statement);
        }

        foreach (var table in new[] { "CatalogReviewSteps", "CatalogItems", "CatalogSettings", "CatalogSerials", "CatalogCategories" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}

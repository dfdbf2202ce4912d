using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.Data.Migrations;

/// <summary>
/// Disclosure applications with their events, reconsideration and lawsuit records, attachments, letters and their
/// templates, the holiday calendar, and annual-report versions.
/// </summary>
[DbContext(typeof(GongkaiDbContext))]
[Migration("20261122000002_Applications")]
public sealed class Applications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "Applications",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Number = table.Column<string>(maxLength: 32, nullable: false),
                ReceiptCode = table.Column<string>(maxLength: 16, nullable: false),
                ApplicantType = table.Column<int>(nullable: false),
                ApplicantName = table.Column<string>(maxLength: 200, nullable: false),
                IdDocumentType = table.Column<string>(maxLength: 50, nullable: true),
                IdNumber = table.Column<string>(maxLength: 50, nullable: true),
                ContactPerson = table.Column<string>(maxLength: 100, nullable: true),
                Phone = table.Column<string>(maxLength: 50, nullable: true),
                Email = table.Column<string>(maxLength: 200, nullable: true),
                Address = table.Column<string>(maxLength: 300, nullable: true),
                PostalCode = table.Column<string>(maxLength: 10, nullable: true),
                Description = table.Column<string>(maxLength: 4000, nullable: false),
                RequestedForm = table.Column<string>(maxLength: 100, nullable: true),
                DeliveryPreference = table.Column<string>(maxLength: 100, nullable: true),
                Channel = table.Column<int>(nullable: false),
                ArrivedOn = table.Column<DateOnly>(nullable: false),
                ConfirmedOn = table.Column<DateOnly>(nullable: true),
                SubmittedOnline = table.Column<bool>(nullable: false),
                ReceivedOn = table.Column<DateOnly>(nullable: false),
                State = table.Column<int>(nullable: false),
                DueOn = table.Column<DateOnly>(nullable: true),
                DueIsProvisional = table.Column<bool>(nullable: false),
                Outcome = table.Column<int>(nullable: true),
                ConcludedOn = table.Column<DateOnly>(nullable: true),
                HandlerId = table.Column<Guid>(nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Applications", x => x.Id);
                table.ForeignKey("FK_Applications_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ApplicationEvents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ApplicationId = table.Column<Guid>(nullable: false),
                Sequence = table.Column<int>(nullable: false),
                Kind = table.Column<string>(maxLength: 64, nullable: false),
                AtUtc = table.Column<DateTime>(nullable: false),
                Date = table.Column<DateOnly>(nullable: false),
                ActorName = table.Column<string>(maxLength: 100, nullable: false),
                ActorRole = table.Column<int>(nullable: false),
                ActorUserId = table.Column<Guid>(nullable: true),
                Data = table.Column<string>(nullable: false),
                Summary = table.Column<string>(maxLength: 1000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApplicationEvents", x => x.Id);
                table.ForeignKey("FK_ApplicationEvents_Applications_ApplicationId", x => x.ApplicationId, "Applications", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Reviews",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                ApplicationId = table.Column<Guid>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                FiledOn = table.Column<DateOnly>(nullable: false),
                Result = table.Column<int>(nullable: false),
                ConcludedOn = table.Column<DateOnly>(nullable: true),
                Body = table.Column<string>(maxLength: 200, nullable: true),
                CaseNumber = table.Column<string>(maxLength: 100, nullable: true),
                Notes = table.Column<string>(maxLength: 2000, nullable: true),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Reviews", x => x.Id);
                table.ForeignKey("FK_Reviews_Applications_ApplicationId", x => x.ApplicationId, "Applications", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Attachments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                OwnerId = table.Column<Guid>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                FileName = table.Column<string>(maxLength: 260, nullable: false),
                ContentType = table.Column<string>(maxLength: 100, nullable: false),
                Size = table.Column<long>(nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, nullable: false),
                VisibleToApplicant = table.Column<bool>(nullable: false),
                UploadedAtUtc = table.Column<DateTime>(nullable: false),
                UploadedBy = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Attachments", x => x.Id));

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

        migrationBuilder.CreateTable(
            name: "LetterTemplates",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: true),
                Kind = table.Column<string>(maxLength: 64, nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                Body = table.Column<string>(nullable: false),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_LetterTemplates", x => x.Id));

        migrationBuilder.CreateTable(
            name: "CalendarDays",
            columns: table => new
            {
                Date = table.Column<DateOnly>(nullable: false),
                Year = table.Column<int>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 50, nullable: false),
                Notice = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_CalendarDays", x => x.Date));

        migrationBuilder.CreateTable(
            name: "AnnualReports",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Year = table.Column<int>(nullable: false),
                Version = table.Column<int>(nullable: false),
                Status = table.Column<int>(nullable: false),
                Json = table.Column<string>(nullable: false),
                Table2Sources = table.Column<string>(nullable: true),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: false),
                PublishedAtUtc = table.Column<DateTime>(nullable: true),
                PublishedBy = table.Column<string>(maxLength: 100, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AnnualReports", x => x.Id);
                table.ForeignKey("FK_AnnualReports_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_AnnualReports_AgencyId_Year_Version", "AnnualReports", ["AgencyId", "Year", "Version"], unique: true);
        migrationBuilder.CreateIndex("IX_ApplicationEvents_ApplicationId_Sequence", "ApplicationEvents", ["ApplicationId", "Sequence"], unique: true);
        migrationBuilder.CreateIndex("IX_Applications_AgencyId_Number", "Applications", ["AgencyId", "Number"], unique: true);
        migrationBuilder.CreateIndex("IX_Applications_AgencyId_ReceivedOn", "Applications", ["AgencyId", "ReceivedOn"]);
        migrationBuilder.CreateIndex("IX_Applications_AgencyId_State_DueOn", "Applications", ["AgencyId", "State", "DueOn"]);
        migrationBuilder.CreateIndex("IX_Applications_ReceiptCode", "Applications", "ReceiptCode", unique: true);
        migrationBuilder.CreateIndex("IX_Attachments_OwnerId", "Attachments", "OwnerId");
        migrationBuilder.CreateIndex("IX_CalendarDays_Year", "CalendarDays", "Year");
        migrationBuilder.CreateIndex("IX_Letters_ApplicationId", "Letters", "ApplicationId");
        migrationBuilder.CreateIndex("IX_LetterTemplates_AgencyId_Kind", "LetterTemplates", ["AgencyId", "Kind"], unique: true);
        migrationBuilder.CreateIndex("IX_Reviews_AgencyId_FiledOn", "Reviews", ["AgencyId", "FiledOn"]);
        migrationBuilder.CreateIndex("IX_Reviews_ApplicationId", "Reviews", "ApplicationId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var table in new[] { "AnnualReports", "CalendarDays", "LetterTemplates", "Letters", "Attachments", "Reviews", "ApplicationEvents", "Applications" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}

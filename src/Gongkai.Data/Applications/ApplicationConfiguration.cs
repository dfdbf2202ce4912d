using Gongkai.Data.Agencies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Applications;

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<ApplicationRecord>
{
    /// <summary>The open states (0, 1, 2) as an index filter both providers read alike (20261208030001_OpenCasesIndex).</summary>
    public const string OpenFilter = "\"State\" IN (0, 1, 2)";

    public void Configure(EntityTypeBuilder<ApplicationRecord> builder)
    {
        builder.ToTable("Applications");
        builder.Property(a => a.Number).HasMaxLength(32);
        builder.Property(a => a.ReceiptCode).HasMaxLength(16);
        builder.Property(a => a.ApplicantName).HasMaxLength(200);
        // The applicant's choices are stored by name (they were free text before 20261122000070_IntakeChoices).
        builder.Property(a => a.IdDocumentType).HasConversion<string>().HasMaxLength(50);
        builder.Property(a => a.IdNumber).HasMaxLength(50);
        builder.Property(a => a.ContactPerson).HasMaxLength(100);
        builder.Property(a => a.Phone).HasMaxLength(50);
        builder.Property(a => a.Email).HasMaxLength(200);
        builder.Property(a => a.Address).HasMaxLength(300);
        builder.Property(a => a.PostalCode).HasMaxLength(10);
        builder.Property(a => a.Description).HasMaxLength(4000);
        builder.Property(a => a.RequestedForm).HasConversion<string>().HasMaxLength(100);
        builder.Property(a => a.DeliveryPreference).HasConversion<string>().HasMaxLength(100);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.ExtensionRequestReason).HasMaxLength(500);
        builder.Property(a => a.ExtensionRequestedByName).HasMaxLength(100);
        builder.HasIndex(a => new { a.AgencyId, a.Number }).IsUnique();
        builder.HasIndex(a => a.ReceiptCode).IsUnique();
        builder.HasIndex(a => new { a.AgencyId, a.State, a.DueOn });
        // An agency's cases by receipt date, carrying what table 三 counts them by, so a year's tables are counted from
        // the index alone (a large agency's hundred thousand cases are spread over the whole table; 20261207040001).
        builder.HasIndex(a => new { a.AgencyId, a.ReceivedOn, a.ConcludedOn, a.Outcome, a.ApplicantType }).HasDatabaseName("IX_Applications_AgencyId_ReceivedOn_Table3");

        // The open cases alone (Received, InProgress, AwaitingCorrection — CaseStates.IsOpen), carrying what the desk's
        // counts and the open part of the queue read, so they are index-only scans over an agency's open cases and never
        // touch its closed history (the province bench's large agency: 7,228 open of 500,454; 20261208030001).
        builder.HasIndex(a => new { a.AgencyId, a.State, a.DueOn, a.ReceivedOn, a.Number, a.Id, a.ExtensionRequestedDays, a.DueMovedFrom, a.HandlerId })
            .HasDatabaseName("IX_Applications_Open").HasFilter(OpenFilter);

        // The closed part of the queue (newest conclusion first) and the cases a report year counts.
        builder.HasIndex(a => new { a.AgencyId, a.ConcludedOn });

        // A region's assessment: the cases open, concluded or due in a period, across all its agencies (20261206040001).
        builder.HasIndex(a => a.ConcludedOn);
        builder.HasIndex(a => a.DueOn);
        builder.HasOne<Agency>().WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Events).WithOne().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApplicationLinkConfiguration : IEntityTypeConfiguration<ApplicationLinkRecord>
{
    public void Configure(EntityTypeBuilder<ApplicationLinkRecord> builder)
    {
        builder.ToTable("ApplicationLinks");
        builder.Property(l => l.CreatedByName).HasMaxLength(100);
        builder.HasIndex(l => new { l.LaterId, l.EarlierId, l.Kind }).IsUnique();
        builder.HasIndex(l => l.EarlierId);
        builder.HasOne<ApplicationRecord>().WithMany().HasForeignKey(l => l.EarlierId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationRecord>().WithMany().HasForeignKey(l => l.LaterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApplicationEventConfiguration : IEntityTypeConfiguration<ApplicationEventRecord>
{
    public void Configure(EntityTypeBuilder<ApplicationEventRecord> builder)
    {
        builder.ToTable("ApplicationEvents");

        // CaseStore.Append gives new events their id; without this, EF Core treats an event with a set id added to a
        // tracked application's Events as an existing row (UPDATE, 0 rows, concurrency exception) instead of inserting it.
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Kind).HasMaxLength(64);
        builder.Property(e => e.ActorName).HasMaxLength(100);
        builder.Property(e => e.Summary).HasMaxLength(1000);
        builder.HasIndex(e => new { e.ApplicationId, e.Sequence }).IsUnique();
    }
}

internal sealed class ReviewCaseConfiguration : IEntityTypeConfiguration<ReviewCaseRecord>
{
    public void Configure(EntityTypeBuilder<ReviewCaseRecord> builder)
    {
        builder.ToTable("Reviews");
        builder.Property(r => r.Body).HasMaxLength(200);
        builder.Property(r => r.CaseNumber).HasMaxLength(100);
        builder.Property(r => r.Notes).HasMaxLength(2000);
        builder.HasIndex(r => new { r.AgencyId, r.FiledOn });
        builder.HasOne<ApplicationRecord>().WithMany().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<AttachmentRecord>
{
    public void Configure(EntityTypeBuilder<AttachmentRecord> builder)
    {
        builder.ToTable("Attachments");
        builder.Property(a => a.FileName).HasMaxLength(260);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.Property(a => a.UploadedBy).HasMaxLength(100);
        builder.HasIndex(a => a.OwnerId);
    }
}

internal sealed class LetterConfiguration : IEntityTypeConfiguration<LetterRecord>
{
    public void Configure(EntityTypeBuilder<LetterRecord> builder)
    {
        builder.ToTable("Letters");
        builder.Property(l => l.Kind).HasMaxLength(64);
        builder.Property(l => l.Number).HasMaxLength(64);
        builder.Property(l => l.NumberSeries).HasMaxLength(100);
        builder.Property(l => l.Recipient).HasMaxLength(200);
        builder.Property(l => l.Title).HasMaxLength(200);
        builder.Property(l => l.ApprovedByName).HasMaxLength(100);
        builder.Property(l => l.Reason).HasMaxLength(2000);
        builder.Property(l => l.CompetentAgencyName).HasMaxLength(100);
        builder.Property(l => l.CompetentAgencyContact).HasMaxLength(300);
        builder.Property(l => l.SubmittedByName).HasMaxLength(100);
        builder.Property(l => l.ReturnReason).HasMaxLength(1000);
        builder.Property(l => l.ReturnedByName).HasMaxLength(100);
        builder.Property(l => l.IssuedByName).HasMaxLength(100);
        builder.HasIndex(l => l.ApplicationId);
        builder.HasIndex(l => new { l.AgencyId, l.Status });
        builder.HasIndex(l => l.UpdatedAtUtc);
        builder.HasIndex(l => new { l.AgencyId, l.NumberSeries, l.NumberSequence }).IsUnique();
        builder.HasOne<ApplicationRecord>().WithMany().HasForeignKey(l => l.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LetterTemplateConfiguration : IEntityTypeConfiguration<LetterTemplateRecord>
{
    public void Configure(EntityTypeBuilder<LetterTemplateRecord> builder)
    {
        builder.ToTable("LetterTemplates");
        builder.Property(t => t.Kind).HasMaxLength(64);
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.NumberPattern).HasMaxLength(100);
        builder.Property(t => t.UpdatedBy).HasMaxLength(100);
        builder.HasIndex(t => new { t.AgencyId, t.Kind }).IsUnique();
    }
}

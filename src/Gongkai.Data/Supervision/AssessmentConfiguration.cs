using Gongkai.Data.Agencies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Supervision;

internal sealed class AssessmentSchemeConfiguration : IEntityTypeConfiguration<AssessmentSchemeRecord>
{
    public void Configure(EntityTypeBuilder<AssessmentSchemeRecord> builder)
    {
        builder.ToTable("AssessmentSchemes");
        builder.Property(s => s.EffectiveFrom).HasMaxLength(6);
        builder.Property(s => s.Note).HasMaxLength(500);
        builder.Property(s => s.CreatedBy).HasMaxLength(100);
        builder.HasIndex(s => new { s.RegionId, s.Kind, s.Version }).IsUnique();
        builder.HasOne<Region>().WithMany().HasForeignKey(s => s.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssessmentResultConfiguration : IEntityTypeConfiguration<AssessmentResultRecord>
{
    public void Configure(EntityTypeBuilder<AssessmentResultRecord> builder)
    {
        builder.ToTable("AssessmentResults");
        builder.Property(r => r.PeriodKey).HasMaxLength(6);
        builder.Property(r => r.ClosedBy).HasMaxLength(100);
        builder.Property(r => r.PublishedBy).HasMaxLength(100);
        builder.HasIndex(r => new { r.RegionId, r.PeriodKey }).IsUnique();
        builder.HasOne<Region>().WithMany().HasForeignKey(r => r.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AssessmentSchemeRecord>().WithMany().HasForeignKey(r => r.SchemeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ManualScoreConfiguration : IEntityTypeConfiguration<ManualScoreRecord>
{
    public void Configure(EntityTypeBuilder<ManualScoreRecord> builder)
    {
        builder.ToTable("ManualScores");
        builder.Property(m => m.PeriodKey).HasMaxLength(6);
        builder.Property(m => m.Note).HasMaxLength(1000);
        builder.Property(m => m.ScoredBy).HasMaxLength(100);
        builder.HasIndex(m => new { m.SchemeId, m.PeriodKey, m.AgencyId, m.Line }).IsUnique();
        builder.HasOne<AssessmentSchemeRecord>().WithMany().HasForeignKey(m => m.SchemeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(m => m.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RectificationConfiguration : IEntityTypeConfiguration<RectificationRecord>
{
    public void Configure(EntityTypeBuilder<RectificationRecord> builder)
    {
        builder.ToTable("Rectifications");
        builder.Property(r => r.SourceRef).HasMaxLength(100);
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.Detail).HasMaxLength(4000);
        builder.Property(r => r.Answer).HasMaxLength(4000);
        builder.Property(r => r.AnswerFiles).HasMaxLength(1000);
        builder.Property(r => r.ReturnReason).HasMaxLength(1000);
        builder.Property(r => r.RaisedBy).HasMaxLength(100);
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.HasIndex(r => new { r.AgencyId, r.State });
        builder.HasIndex(r => new { r.RaisedByAgencyId, r.State });
        builder.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(r => r.RaisedByAgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssessmentSnapshotConfiguration : IEntityTypeConfiguration<AssessmentSnapshotRecord>
{
    public void Configure(EntityTypeBuilder<AssessmentSnapshotRecord> builder)
    {
        builder.ToTable("AssessmentSnapshots");
        builder.Property(s => s.PeriodKey).HasMaxLength(6);
        builder.Property(s => s.Failure).HasMaxLength(500);
        builder.Property(s => s.ClaimedBy).HasMaxLength(100);
        builder.Property(s => s.RequestedBy).HasMaxLength(100);

        // Added to a table with rows (migration 20261209010001): SQLite adds a NOT NULL column only with a default, so
        // the model declares the same default as the migration.
        builder.Property(s => s.Claims).HasDefaultValue(0);
        builder.HasIndex(s => new { s.RegionId, s.PeriodKey }).IsUnique();
        builder.HasIndex(s => new { s.State, s.RequestedAtUtc });
        builder.HasOne<Region>().WithMany().HasForeignKey(s => s.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AssessmentSchemeRecord>().WithMany().HasForeignKey(s => s.SchemeId).OnDelete(DeleteBehavior.Restrict);
    }
}

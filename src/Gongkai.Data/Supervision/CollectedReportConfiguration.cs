using Gongkai.Data.Agencies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Supervision;

internal sealed class CollectedReportConfiguration : IEntityTypeConfiguration<CollectedReportRecord>
{
    public void Configure(EntityTypeBuilder<CollectedReportRecord> builder)
    {
        builder.ToTable("CollectedReports");
        builder.Property(r => r.FileName).HasMaxLength(260);
        builder.Property(r => r.Sha256).HasMaxLength(64);
        builder.Property(r => r.Organization).HasMaxLength(200);
        builder.Property(r => r.Title).HasMaxLength(300);
        builder.Property(r => r.UploadedBy).HasMaxLength(100);
        builder.Property(r => r.ConfirmedBy).HasMaxLength(100);
        builder.HasIndex(r => new { r.CollectedByAgencyId, r.Status });
        builder.HasIndex(r => new { r.AgencyId, r.Year });
        builder.HasOne<Agency>().WithMany().HasForeignKey(r => r.CollectedByAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

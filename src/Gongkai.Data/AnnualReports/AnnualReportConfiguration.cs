using Gongkai.Data.Agencies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.AnnualReports;

internal sealed class AnnualReportConfiguration : IEntityTypeConfiguration<AnnualReportRecord>
{
    public void Configure(EntityTypeBuilder<AnnualReportRecord> builder)
    {
        builder.ToTable("AnnualReports");
        builder.Property(r => r.UpdatedBy).HasMaxLength(100);
        builder.Property(r => r.PublishedBy).HasMaxLength(100);
        builder.HasIndex(r => new { r.AgencyId, r.Year, r.Version }).IsUnique();

        // The versions' heads a region's supervision pages read (SupervisedReports) without the row: in SQLite the
        // columns after Json (26 KB a report) are reached only through its overflow pages.
        builder.HasIndex(r => new { r.AgencyId, r.Year, r.Status, r.Version, r.PublishedAtUtc, r.Id });
        builder.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

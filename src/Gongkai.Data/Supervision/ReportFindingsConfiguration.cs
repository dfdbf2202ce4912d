using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Supervision;

internal sealed class ReportFindingsConfiguration : IEntityTypeConfiguration<ReportFindingsRecord>
{
    public void Configure(EntityTypeBuilder<ReportFindingsRecord> builder)
    {
        // No foreign key: the report is a row of either AnnualReports or CollectedReports.
        builder.ToTable("ReportFindings");
        builder.HasKey(f => f.ReportId);
        builder.Property(f => f.ReportId).ValueGeneratedNever();
        builder.Property(f => f.RulesVersion).HasMaxLength(64);
    }
}

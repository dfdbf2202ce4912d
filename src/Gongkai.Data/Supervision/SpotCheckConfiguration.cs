using Gongkai.Data.Agencies;
using Gongkai.Data.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Supervision;

internal sealed class SpotCheckConfiguration : IEntityTypeConfiguration<SpotCheckRecord>
{
    public void Configure(EntityTypeBuilder<SpotCheckRecord> builder)
    {
        builder.ToTable("SpotChecks");
        builder.Property(s => s.CreatedBy).HasMaxLength(100);
        builder.HasIndex(s => new { s.AgencyId, s.DrawnOn });
        builder.HasIndex(s => s.RaisedByAgencyId);
        builder.HasOne<Agency>().WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(s => s.RaisedByAgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SpotCheckItemConfiguration : IEntityTypeConfiguration<SpotCheckItemRecord>
{
    public void Configure(EntityTypeBuilder<SpotCheckItemRecord> builder)
    {
        builder.ToTable("SpotCheckItems");
        builder.Property(i => i.CheckedBy).HasMaxLength(100);
        builder.HasIndex(i => new { i.SpotCheckId, i.Position }).IsUnique();
        builder.HasIndex(i => i.CatalogItemId);
        builder.HasOne<SpotCheckRecord>().WithMany().HasForeignKey(i => i.SpotCheckId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CatalogItem>().WithMany().HasForeignKey(i => i.CatalogItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SpotCheckProblemConfiguration : IEntityTypeConfiguration<SpotCheckProblemRecord>
{
    public void Configure(EntityTypeBuilder<SpotCheckProblemRecord> builder)
    {
        builder.ToTable("SpotCheckProblems");
        builder.Property(p => p.QuestionKey).HasMaxLength(40);
        builder.Property(p => p.Note).HasMaxLength(1000);
        builder.HasIndex(p => new { p.SpotCheckItemId, p.QuestionKey }).IsUnique();
        builder.HasOne<SpotCheckItemRecord>().WithMany().HasForeignKey(p => p.SpotCheckItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SpotChecklistConfiguration : IEntityTypeConfiguration<SpotChecklistRecord>
{
    public void Configure(EntityTypeBuilder<SpotChecklistRecord> builder)
    {
        builder.ToTable("SpotChecklists");
        builder.Property(c => c.Note).HasMaxLength(500);
        builder.Property(c => c.CreatedBy).HasMaxLength(100);
        builder.HasIndex(c => new { c.RegionId, c.Version }).IsUnique();
        builder.HasOne<Region>().WithMany().HasForeignKey(c => c.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}

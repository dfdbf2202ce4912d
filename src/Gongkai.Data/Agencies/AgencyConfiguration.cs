using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Agencies;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.ToTable("Regions");
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.Code).HasMaxLength(20);
        builder.Property(r => r.Path).HasMaxLength(400);
        builder.HasIndex(r => r.Path).IsUnique();
        builder.HasOne<Region>().WithMany().HasForeignKey(r => r.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.ToTable("Agencies");
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.CreditCode).HasMaxLength(18);
        builder.Property(a => a.ShortName).HasMaxLength(20);
        builder.Property(a => a.OfficeName).HasMaxLength(200);
        builder.Property(a => a.Address).HasMaxLength(300);
        builder.Property(a => a.PostalCode).HasMaxLength(10);
        builder.Property(a => a.OfficeHours).HasMaxLength(200);
        builder.Property(a => a.Phone).HasMaxLength(50);
        builder.Property(a => a.Fax).HasMaxLength(50);
        builder.Property(a => a.Email).HasMaxLength(200);
        builder.Property(a => a.Website).HasMaxLength(300);
        builder.HasOne(a => a.Region).WithMany().HasForeignKey(a => a.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}

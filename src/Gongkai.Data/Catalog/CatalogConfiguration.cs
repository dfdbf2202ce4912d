using Gongkai.Data.Agencies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Catalog;

internal sealed class CatalogItemConfiguration : IEntityTypeConfiguration<CatalogItem>
{
    public void Configure(EntityTypeBuilder<CatalogItem> builder)
    {
        builder.ToTable("CatalogItems");
        builder.Ignore(i => i.ValidityDates);
        builder.Property(i => i.IndexNumber).HasMaxLength(50);
        builder.Property(i => i.Title).HasMaxLength(300);
        builder.Property(i => i.Publisher).HasMaxLength(200);
        builder.Property(i => i.DocumentNumber).HasMaxLength(100);
        builder.Property(i => i.RepealNote).HasMaxLength(300);
        builder.Property(i => i.Summary).HasMaxLength(1000);
        builder.Property(i => i.Keywords).HasMaxLength(200);
        builder.Property(i => i.ChangeNote).HasMaxLength(1000);
        builder.Property(i => i.WithdrawalReason).HasMaxLength(1000);
        builder.Property(i => i.DraftedByName).HasMaxLength(100);
        builder.Property(i => i.Revision).IsConcurrencyToken();
        builder.HasIndex(i => new { i.SeriesId, i.Version }).IsUnique();
        builder.HasIndex(i => i.SearchKey).IsUnique();
        builder.HasIndex(i => new { i.AgencyId, i.Status, i.PublishedOn });
        builder.HasIndex(i => i.IndexNumber);
        builder.HasIndex(i => i.InterpretsSeriesId);
        builder.HasIndex(i => i.SourceApplicationId).IsUnique();
        builder.HasOne<Agency>().WithMany().HasForeignKey(i => i.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CatalogCategory>().WithMany().HasForeignKey(i => i.TopicCategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CatalogCategory>().WithMany().HasForeignKey(i => i.GenreCategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CatalogReviewStepConfiguration : IEntityTypeConfiguration<CatalogReviewStep>
{
    public void Configure(EntityTypeBuilder<CatalogReviewStep> builder)
    {
        builder.ToTable("CatalogReviewSteps");
        builder.Property(s => s.ActorName).HasMaxLength(100);
        builder.Property(s => s.Comment).HasMaxLength(1000);
        builder.HasIndex(s => new { s.SeriesId, s.Sequence }).IsUnique();
        builder.HasOne<CatalogItem>().WithMany().HasForeignKey(s => s.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CatalogCategoryConfiguration : IEntityTypeConfiguration<CatalogCategory>
{
    public void Configure(EntityTypeBuilder<CatalogCategory> builder)
    {
        builder.ToTable("CatalogCategories");
        builder.Ignore(c => c.FullName);
        builder.Property(c => c.Group).HasMaxLength(100);
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.HasIndex(c => new { c.AgencyId, c.Scheme, c.SortOrder });
        builder.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CatalogSettingsConfiguration : IEntityTypeConfiguration<CatalogSettings>
{
    public void Configure(EntityTypeBuilder<CatalogSettings> builder)
    {
        builder.ToTable("CatalogSettings");
        builder.HasKey(s => s.AgencyId);
        builder.Property(s => s.IndexPattern).HasMaxLength(100);
        builder.Property(s => s.UpdatedBy).HasMaxLength(100);
        builder.HasOne<Agency>().WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

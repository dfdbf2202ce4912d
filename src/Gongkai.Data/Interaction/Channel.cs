using Gongkai.Data.Agencies;
using Gongkai.Data.Catalog;
using Gongkai.Interaction;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Interaction;

/// <summary>
/// A 公开渠道 an agency registered: a 政务微信 or 政务微博 account, an app, the 政务公开专区 at the service centre, a public
/// reading room. The portal column is not a row: every agency has it and every published item goes out on it.
/// A new-media account carries the day it was last updated, as staff enter it.
/// </summary>
public sealed class PublicationChannel
{
    public Guid Id { get; set; }

    public Guid AgencyId { get; set; }

    public ChannelKind Kind { get; set; }

    /// <summary>The account's or place's name, e.g. 开封政务服务.</summary>
    public required string Name { get; set; }

    /// <summary>The web address, account id or street address.</summary>
    public required string Address { get; set; }

    /// <summary>The person responsible (责任人).</summary>
    public required string Responsible { get; set; }

    /// <summary>The day the account was last updated (new media), as entered; null when never entered.</summary>
    public DateOnly? LastUpdatedOn { get; set; }

    /// <summary>The China date it was registered (a channel change of the year in section 一).</summary>
    public DateOnly OpenedOn { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A catalogue item version went out on a registered channel (besides the portal, which every item goes out on).</summary>
public sealed class CatalogItemChannel
{
    public Guid CatalogItemId { get; set; }

    public Guid ChannelId { get; set; }
}

/// <summary>What a channel outside the platform published in a month, entered by staff with where the figure comes from.</summary>
public sealed class ChannelMonthlyCount
{
    public Guid ChannelId { get; set; }

    public int Year { get; set; }

    public int Month { get; set; }

    public int Count { get; set; }

    /// <summary>Where the figure comes from (e.g. 公众号后台“发表记录”导出).</summary>
    public required string Source { get; set; }

    public required string EnteredBy { get; set; }

    public DateTime EnteredAtUtc { get; set; }
}

internal sealed class PublicationChannelConfiguration : IEntityTypeConfiguration<PublicationChannel>
{
    public void Configure(EntityTypeBuilder<PublicationChannel> builder)
    {
        builder.ToTable("PublicationChannels");
        builder.Property(c => c.Name).HasMaxLength(ChannelRules.MaxNameLength);
        builder.Property(c => c.Address).HasMaxLength(ChannelRules.MaxAddressLength);
        builder.Property(c => c.Responsible).HasMaxLength(ChannelRules.MaxResponsibleLength);
        builder.HasIndex(c => c.AgencyId);
        builder.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CatalogItemChannelConfiguration : IEntityTypeConfiguration<CatalogItemChannel>
{
    public void Configure(EntityTypeBuilder<CatalogItemChannel> builder)
    {
        builder.ToTable("CatalogItemChannels");
        builder.HasKey(c => new { c.CatalogItemId, c.ChannelId });
        builder.HasIndex(c => c.ChannelId);
        builder.HasOne<CatalogItem>().WithMany().HasForeignKey(c => c.CatalogItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PublicationChannel>().WithMany().HasForeignKey(c => c.ChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChannelMonthlyCountConfiguration : IEntityTypeConfiguration<ChannelMonthlyCount>
{
    public void Configure(EntityTypeBuilder<ChannelMonthlyCount> builder)
    {
        builder.ToTable("ChannelMonthlyCounts");
        builder.HasKey(c => new { c.ChannelId, c.Year, c.Month });
        builder.Property(c => c.Source).HasMaxLength(ChannelRules.MaxSourceLength);
        builder.Property(c => c.EnteredBy).HasMaxLength(100);
        builder.HasOne<PublicationChannel>().WithMany().HasForeignKey(c => c.ChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Gongkai.Data.Agencies;
using Gongkai.Interaction;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Interaction;

/// <summary>A question and answer curated by an agency's staff (常见问题), one of 智能问答's sources.</summary>
public sealed class FaqEntry
{
    public Guid Id { get; set; }

    public Guid AgencyId { get; set; }

    public required string Question { get; set; }

    public required string Answer { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public required string CreatedBy { get; set; }
}

/// <summary>A question asked on the portal that found no answer: listed for staff until one of them answers it as a FAQ entry.</summary>
public sealed class UnansweredQuestion
{
    public Guid Id { get; set; }

    public required string Question { get; set; }

    public DateTime AskedAtUtc { get; set; }

    /// <summary>The FAQ entry that now answers it; null while it waits.</summary>
    public Guid? FaqEntryId { get; set; }
}

internal sealed class FaqEntryConfiguration : IEntityTypeConfiguration<FaqEntry>
{
    public void Configure(EntityTypeBuilder<FaqEntry> builder)
    {
        builder.ToTable("FaqEntries");
        builder.Property(f => f.Question).HasMaxLength(PolicyAnswers.MaxQuestionLength);
        builder.Property(f => f.Answer).HasMaxLength(MessageRules.MaxReplyLength);
        builder.Property(f => f.CreatedBy).HasMaxLength(100);
        builder.HasIndex(f => f.AgencyId);
        builder.HasOne<Agency>().WithMany().HasForeignKey(f => f.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UnansweredQuestionConfiguration : IEntityTypeConfiguration<UnansweredQuestion>
{
    public void Configure(EntityTypeBuilder<UnansweredQuestion> builder)
    {
        builder.ToTable("UnansweredQuestions");
        builder.Property(q => q.Question).HasMaxLength(PolicyAnswers.MaxQuestionLength);
        builder.HasIndex(q => new { q.FaqEntryId, q.AskedAtUtc });
        builder.HasOne<FaqEntry>().WithMany().HasForeignKey(q => q.FaqEntryId).OnDelete(DeleteBehavior.SetNull);
    }
}

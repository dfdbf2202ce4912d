using Gongkai.Data.Agencies;
using Gongkai.Data.Catalog;
using Gongkai.Interaction;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Interaction;

/// <summary>
/// A draft put out for public comment (意见征集) by an agency: the draft (its text, and/or a catalogue item), the
/// period, comments, and once closed the feedback on what was adopted, linked from the final document's item.
/// </summary>
public sealed class Consultation
{
    public Guid Id { get; set; }

    public Guid AgencyId { get; set; }

    public required string Title { get; set; }

    public DraftKind Kind { get; set; }

    /// <summary>What the draft is for and what comments are sought (起草说明).</summary>
    public required string Description { get; set; }

    /// <summary>The draft's text, when it is not (only) a catalogue item.</summary>
    public string? DraftText { get; set; }

    /// <summary>The draft as published in the catalogue, if it is there.</summary>
    public Guid? DraftItemId { get; set; }

    public DateOnly OpensOn { get; set; }

    public int PeriodDays { get; set; }

    public PeriodUnit PeriodUnit { get; set; }

    /// <summary>The last day comments are accepted (computed from the period on the calendar when opened).</summary>
    public DateOnly ClosesOn { get; set; }

    /// <summary>Other ways to comment (phone, mailbox, address), shown beside the form.</summary>
    public string? OtherChannels { get; set; }

    /// <summary>The general part of the feedback (采纳情况说明), above the grouped comments.</summary>
    public string? FeedbackNote { get; set; }

    public DateTime? FeedbackPublishedAtUtc { get; set; }

    /// <summary>The final document's catalogue item, whose page links to this feedback.</summary>
    public Guid? FinalItemId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public required string CreatedBy { get; set; }
}

/// <summary>A public comment on a consultation: shown only once moderated, answered in the feedback.</summary>
public sealed class ConsultationComment
{
    public Guid Id { get; set; }

    public Guid ConsultationId { get; set; }

    public DateTime SubmittedAtUtc { get; set; }

    /// <summary>The name the writer gave to be shown (null: 匿名).</summary>
    public string? Name { get; set; }

    /// <summary>The writer's contact, for staff only.</summary>
    public string? Contact { get; set; }

    public required string Content { get; set; }

    public CommentStatus Status { get; set; }

    public string? RejectionReason { get; set; }

    public DateTime? ModeratedAtUtc { get; set; }

    public string? ModeratedBy { get; set; }

    public Adoption? Adoption { get; set; }

    public string? AdoptionReason { get; set; }
}

internal sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> builder)
    {
        builder.ToTable("Consultations");
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.Description).HasMaxLength(4000);
        builder.Property(c => c.OtherChannels).HasMaxLength(500);
        builder.Property(c => c.FeedbackNote).HasMaxLength(4000);
        builder.Property(c => c.CreatedBy).HasMaxLength(100);
        builder.HasIndex(c => new { c.AgencyId, c.OpensOn });
        builder.HasIndex(c => c.FinalItemId);
        builder.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CatalogItem>().WithMany().HasForeignKey(c => c.DraftItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CatalogItem>().WithMany().HasForeignKey(c => c.FinalItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsultationCommentConfiguration : IEntityTypeConfiguration<ConsultationComment>
{
    public void Configure(EntityTypeBuilder<ConsultationComment> builder)
    {
        builder.ToTable("ConsultationComments");
        builder.Property(c => c.Name).HasMaxLength(50);
        builder.Property(c => c.Contact).HasMaxLength(100);
        builder.Property(c => c.Content).HasMaxLength(CommentRules.MaxContentLength);
        builder.Property(c => c.RejectionReason).HasMaxLength(CommentRules.MaxReasonLength);
        builder.Property(c => c.ModeratedBy).HasMaxLength(100);
        builder.Property(c => c.AdoptionReason).HasMaxLength(CommentRules.MaxReasonLength);
        builder.HasIndex(c => new { c.ConsultationId, c.SubmittedAtUtc });
        builder.HasOne<Consultation>().WithMany().HasForeignKey(c => c.ConsultationId).OnDelete(DeleteBehavior.Cascade);
    }
}

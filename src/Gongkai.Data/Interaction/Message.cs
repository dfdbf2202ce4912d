using Gongkai.Data.Agencies;
using Gongkai.Data.Applications;
using Gongkai.Interaction;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Interaction;

/// <summary>
/// A citizen's message (留言) to an agency and its reply. The reply goes through the letters' sign-off
/// (<see cref="LetterStatus"/>: draft, submitted, returned with a reason, approved, issued); issuing it is the reply the
/// citizen reads with the receipt code and phone. A message the citizen allowed to be published may then be shown on the
/// portal with personal data masked. A transfer moves it to another agency and restarts the period there.
/// </summary>
public sealed class Message
{
    public Guid Id { get; set; }

    /// <summary>The agency that answers it now (the last one it was transferred to).</summary>
    public Guid AgencyId { get; set; }

    /// <summary>查询码: with the phone, how the citizen reads the reply and rates it.</summary>
    public required string ReceiptCode { get; set; }

    public MessageCategory Category { get; set; }

    public required string Title { get; set; }

    public required string Content { get; set; }

    /// <summary>The name the writer gave (for staff; never shown on the portal).</summary>
    public string? Name { get; set; }

    /// <summary>The writer's phone, for staff and the look-up; never shown on the portal.</summary>
    public required string Phone { get; set; }

    /// <summary>Whether the writer agreed that question and answer may be published (masked).</summary>
    public bool MayPublish { get; set; }

    public DateTime SubmittedAtUtc { get; set; }

    /// <summary>Day zero of the reply period: the China date it arrived, or was transferred to <see cref="AgencyId"/>.</summary>
    public DateOnly ReceivedOn { get; set; }

    /// <summary>The last day of the reply period (working days on the calendar, per region).</summary>
    public DateOnly DueOn { get; set; }

    public string? Reply { get; set; }

    /// <summary>The reply's place in the sign-off; null while no reply has been drafted.</summary>
    public LetterStatus? ReplyStatus { get; set; }

    public string? SubmittedByName { get; set; }

    public string? ReturnReason { get; set; }

    public string? ReturnedByName { get; set; }

    public string? ApprovedByName { get; set; }

    public string? RepliedByName { get; set; }

    public DateTime? RepliedAtUtc { get; set; }

    /// <summary>The China date the reply was issued (for 按时答复).</summary>
    public DateOnly? RepliedOn { get; set; }

    /// <summary>When question and answer were put on the portal; null while not public.</summary>
    public DateTime? PublishedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>One line of a message's history: what happened, at which agency, by whom (a transfer names both agencies).</summary>
public sealed class MessageEvent
{
    public Guid Id { get; set; }

    public Guid MessageId { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>The agency where it happened.</summary>
    public Guid AgencyId { get; set; }

    public required string Text { get; set; }

    public required string Actor { get; set; }

    /// <summary>Whether the citizen sees the line (arrival, transfers, the reply, the rating; not the internal sign-off).</summary>
    public bool IsPublic { get; set; }
}

/// <summary>
/// A rating (好差评) of a message's reply or of a disclosure application's handling: one per subject, given by the
/// citizen with the receipt code and phone; the two lowest levels carry a reason.
/// </summary>
public sealed class Rating
{
    public Guid Id { get; set; }

    public RatedSubject Subject { get; set; }

    public Guid SubjectId { get; set; }

    /// <summary>The agency rated (the one that replied).</summary>
    public Guid AgencyId { get; set; }

    public Satisfaction Level { get; set; }

    public string? Reason { get; set; }

    public DateTime RatedAtUtc { get; set; }

    /// <summary>When the agency's reviewer read a low rating (不满意, 非常不满意) on 工作台; null while it waits.</summary>
    public DateTime? ReviewedAtUtc { get; set; }

    public string? ReviewedBy { get; set; }
}

/// <summary>
/// 留言答复期限 of a region's agencies in working days. A region without a row takes its nearest ancestor's, else the
/// platform default (<see cref="MessageDeadlines.DefaultWorkingDays"/>). Its own table, so the region tree's shape does
/// not change for a setting of one feature.
/// </summary>
public sealed class MessageReplyPeriod
{
    public Guid RegionId { get; set; }

    public int WorkingDays { get; set; }
}

internal sealed class MessageReplyPeriodConfiguration : IEntityTypeConfiguration<MessageReplyPeriod>
{
    public void Configure(EntityTypeBuilder<MessageReplyPeriod> builder)
    {
        builder.ToTable("MessageReplyPeriods");
        builder.HasKey(p => p.RegionId);
        builder.HasOne<Region>().WithMany().HasForeignKey(p => p.RegionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("Messages");
        builder.Property(m => m.ReceiptCode).HasMaxLength(16);
        builder.Property(m => m.Title).HasMaxLength(MessageRules.MaxTitleLength);
        builder.Property(m => m.Content).HasMaxLength(MessageRules.MaxContentLength);
        builder.Property(m => m.Name).HasMaxLength(50);
        builder.Property(m => m.Phone).HasMaxLength(30);
        builder.Property(m => m.Reply).HasMaxLength(MessageRules.MaxReplyLength);
        builder.Property(m => m.SubmittedByName).HasMaxLength(100);
        builder.Property(m => m.ReturnReason).HasMaxLength(1000);
        builder.Property(m => m.ReturnedByName).HasMaxLength(100);
        builder.Property(m => m.ApprovedByName).HasMaxLength(100);
        builder.Property(m => m.RepliedByName).HasMaxLength(100);
        builder.HasIndex(m => m.ReceiptCode).IsUnique();
        builder.HasIndex(m => new { m.AgencyId, m.DueOn });
        builder.HasIndex(m => m.PublishedAtUtc);
        builder.HasOne<Agency>().WithMany().HasForeignKey(m => m.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MessageEventConfiguration : IEntityTypeConfiguration<MessageEvent>
{
    public void Configure(EntityTypeBuilder<MessageEvent> builder)
    {
        builder.ToTable("MessageEvents");
        builder.Property(e => e.Text).HasMaxLength(1000);
        builder.Property(e => e.Actor).HasMaxLength(100);
        builder.HasIndex(e => new { e.MessageId, e.AtUtc });
        builder.HasOne<Message>().WithMany().HasForeignKey(e => e.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agency>().WithMany().HasForeignKey(e => e.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> builder)
    {
        builder.ToTable("Ratings");
        builder.Property(r => r.Reason).HasMaxLength(MessageRules.MaxReasonLength);
        builder.Property(r => r.ReviewedBy).HasMaxLength(100);
        builder.HasIndex(r => new { r.Subject, r.SubjectId }).IsUnique();
        builder.HasIndex(r => new { r.AgencyId, r.RatedAtUtc });
        builder.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

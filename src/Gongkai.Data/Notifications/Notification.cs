using Gongkai.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Notifications;

/// <summary>How a notification reaches its recipient.</summary>
public enum NotificationChannel
{
    /// <summary>In the platform, for staff (their list on 工作台).</summary>
    InApp = 0,

    /// <summary>E-mail to <see cref="Notification.Address"/>.</summary>
    Email = 1,

    /// <summary>SMS to <see cref="Notification.Address"/>.</summary>
    Sms = 2,
}

/// <summary>
/// One notification to send, and the outbox row that makes it sent once across nodes: a sender claims it with a
/// conditional update (<c>… SET ClaimedBy = node WHERE Id = … AND ClaimedBy IS NULL</c>), so of two nodes running the
/// sending job at the same moment exactly one sends it. <see cref="SentAtUtc"/> is set after the channel accepted it;
/// <see cref="Failure"/> says why it could not be. Staff read in-app notifications; <see cref="ReadAtUtc"/> marks them read.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }

    /// <summary>What happened, a stable code such as "application.received" (its Chinese name is in the web layer).</summary>
    public required string Event { get; set; }

    public NotificationChannel Channel { get; set; }

    /// <summary>The staff member it is for (in-app and staff e-mail), or null for an applicant.</summary>
    public Guid? UserId { get; set; }

    /// <summary>The e-mail address or phone number it goes to; null in-app.</summary>
    public string? Address { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    /// <summary>The page it is about, e.g. /applications/{id}.</summary>
    public string? Url { get; set; }

    public Guid? AgencyId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Not sent before this moment (quiet hours move it).</summary>
    public DateTime NotBeforeUtc { get; set; }

    /// <summary>The node that claimed it for sending.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedAtUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }

    public string? Failure { get; set; }

    public DateTime? ReadAtUtc { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.Event).HasMaxLength(50);
        builder.Property(n => n.Address).HasMaxLength(200);
        builder.Property(n => n.Subject).HasMaxLength(200);
        builder.Property(n => n.Body).HasMaxLength(4000);
        builder.Property(n => n.Url).HasMaxLength(300);
        builder.Property(n => n.ClaimedBy).HasMaxLength(100);
        builder.Property(n => n.Failure).HasMaxLength(500);
        builder.HasIndex(n => new { n.ClaimedBy, n.NotBeforeUtc });
        builder.HasIndex(n => new { n.UserId, n.ReadAtUtc });
        builder.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

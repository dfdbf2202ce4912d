using Gongkai.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Notifications;

/// <summary>
/// An administrator's wording of one event's notification on one channel (subject and body with placeholders such as
/// {申请编号}); without a row the platform's default wording is used. SMS sends the body only.
/// </summary>
public sealed class NotificationTemplate
{
    /// <summary>The event code, e.g. "letter.submitted".</summary>
    public required string Event { get; set; }

    public NotificationChannel Channel { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public string? UpdatedByName { get; set; }
}

/// <summary>The channels a notification may use, as one value (a staff member's choice per event).</summary>
[Flags]
public enum NotificationChannels
{
    None = 0,
    InApp = 1 << NotificationChannel.InApp,
    Email = 1 << NotificationChannel.Email,
    Sms = 1 << NotificationChannel.Sms,
}

/// <summary>A staff member's choice of channels for one event; without a row, the event comes in-app only.</summary>
public sealed class NotificationPreference
{
    public Guid UserId { get; set; }

    public required string Event { get; set; }

    /// <summary>None turns the event off for this member.</summary>
    public NotificationChannels Channels { get; set; }
}

/// <summary>
/// A thing a scheduled job made once, by its key (e.g. "due-soon:{case}:{due date}"): the job inserts the key in the
/// transaction that makes the thing, so of two nodes making it at once the second one's insert fails and it makes nothing.
/// </summary>
public sealed class NotificationKey
{
    public required string Key { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class NotificationSettingsConfiguration :
    IEntityTypeConfiguration<NotificationTemplate>, IEntityTypeConfiguration<NotificationPreference>, IEntityTypeConfiguration<NotificationKey>
{
    public void Configure(EntityTypeBuilder<NotificationTemplate> builder)
    {
        builder.ToTable("NotificationTemplates");
        builder.HasKey(t => new { t.Event, t.Channel });
        builder.Property(t => t.Event).HasMaxLength(50);
        builder.Property(t => t.Subject).HasMaxLength(200);
        builder.Property(t => t.Body).HasMaxLength(4000);
        builder.Property(t => t.UpdatedByName).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable("NotificationPreferences");
        builder.HasKey(p => new { p.UserId, p.Event });
        builder.Property(p => p.Event).HasMaxLength(50);
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<NotificationKey> builder)
    {
        builder.ToTable("NotificationKeys");
        builder.HasKey(k => k.Key);
        builder.Property(k => k.Key).HasMaxLength(200);
    }
}

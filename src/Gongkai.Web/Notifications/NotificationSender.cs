using Gongkai.Data;
using Gongkai.Data.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Notifications;

/// <summary>This process among the nodes serving one database: the name it claims outbox rows under.</summary>
public sealed class NodeIdentity
{
    /// <summary>Machine, process and a random part (two apps in one process are two nodes); at most 90 characters.</summary>
    public string Name { get; } = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..12]}");
}

/// <summary>Delivers a notification of one channel; throws when it could not (the sender records why).</summary>
public interface INotificationChannel
{
    NotificationChannel Channel { get; }

    Task SendAsync(Notification notification, CancellationToken cancellationToken);
}

/// <summary>In-app notifications are delivered by being stored; sending marks them available.</summary>
public sealed class InAppChannel : INotificationChannel
{
    public NotificationChannel Channel => NotificationChannel.InApp;

    public Task SendAsync(Notification notification, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The default for SMS (real gateways differ per province) and for e-mail until SMTP is configured: writes the
/// message to the log instead of sending it.
/// </summary>
public sealed class LogOnlyChannel(NotificationChannel channel, ILogger<LogOnlyChannel> logger) : INotificationChannel
{
    public NotificationChannel Channel => channel;

    public Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        logger.LogInformation("{Channel} notification {Id} ({Event}) not sent: no provider is configured, logged only.", channel, notification.Id, notification.Event);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The scheduled job that sends what is due in the outbox. Each row is claimed with a conditional update before it is
/// sent, so two nodes running this job at once never send one row twice: the second node's update matches no row.
/// A row that fails keeps its claim and the reason (it is not retried blindly; an administrator sees it).
/// </summary>
public sealed class NotificationSender(GongkaiDbContext db, IEnumerable<INotificationChannel> channels, NodeIdentity node, TimeProvider clock) : IScheduledJob
{
    /// <summary>How many rows one round looks at.</summary>
    public const int BatchSize = 100;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.ClaimedBy == null && n.NotBeforeUtc <= now)
            .OrderBy(n => n.NotBeforeUtc)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var notification in due)
        {
            var claimed = await db.Notifications
                .Where(n => n.Id == notification.Id && n.ClaimedBy == null)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.ClaimedBy, node.Name).SetProperty(n => n.ClaimedAtUtc, now), cancellationToken);
            if (claimed == 0)
            {
                continue; // Another node took it.
            }

            string? failure = null;
            try
            {
                var channel = channels.LastOrDefault(c => c.Channel == notification.Channel)
                    ?? throw new InvalidOperationException($"No channel for {notification.Channel}.");
                await channel.SendAsync(notification, cancellationToken);
                sent++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failure = exception.Message.Length > 500 ? exception.Message[..500] : exception.Message;
            }

            var at = clock.GetUtcNow().UtcDateTime;
            await db.Notifications.Where(n => n.Id == notification.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.SentAtUtc, failure == null ? (DateTime?)at : null).SetProperty(n => n.Failure, failure), cancellationToken);
        }

        return sent;
    }
}

public static class NotificationServices
{
    /// <summary>
    /// The notifier, the outbox sender (every <c>Notifications:SendEvery</c>, default 30 s), the due-date reminders (every
    /// <c>Notifications:RemindEvery</c>, default 10 min) and the channels: in-app, and log-only SMS and e-mail.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section));
        services.AddScoped<Notifier>();
        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<INotificationChannel, InAppChannel>();
        services.AddSingleton<INotificationChannel>(sp => new LogOnlyChannel(NotificationChannel.Sms, sp.GetRequiredService<ILogger<LogOnlyChannel>>()));
        services.AddSingleton<INotificationChannel>(sp => new LogOnlyChannel(NotificationChannel.Email, sp.GetRequiredService<ILogger<LogOnlyChannel>>()));
        services.AddHostedService<ScheduledJobHost>();
        services.AddScheduledJob<NotificationSender>(configuration.GetValue("Notifications:SendEvery", TimeSpan.FromSeconds(30)));
        services.AddScheduledJob<DueReminders>(configuration.GetValue("Notifications:RemindEvery", TimeSpan.FromMinutes(10)));
        return services;
    }
}

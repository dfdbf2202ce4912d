namespace Gongkai.Web.Notifications;

/// <summary>
/// Work done on a schedule on every node: sending notifications, reminders, collecting reports, index upkeep. A job
/// runs on each node at its interval, so it must claim what it does (a conditional UPDATE on the rows it works on, or
/// an insert under a unique key) to do each thing once across nodes; see docs/adr/0012-desk-workflow.md.
/// </summary>
public interface IScheduledJob
{
    /// <summary>Does one round of the job's work; returns how many things it did (for logs and tests).</summary>
    Task<int> RunAsync(CancellationToken cancellationToken);
}

/// <summary>A job and how often it runs.</summary>
public sealed record ScheduledJob(Type JobType, TimeSpan Interval);

public static class ScheduledJobs
{
    /// <summary>
    /// Registers <typeparamref name="T"/> (scoped, so it gets its own DbContext each round) to run every
    /// <paramref name="interval"/> on every node — one line in a folder's AddXxx.
    /// </summary>
    public static IServiceCollection AddScheduledJob<T>(this IServiceCollection services, TimeSpan interval)
        where T : class, IScheduledJob
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        services.AddScoped<T>();
        services.AddSingleton(new ScheduledJob(typeof(T), interval));
        return services;
    }
}

/// <summary>
/// Runs every registered <see cref="ScheduledJob"/> at its interval on the injected clock until the app stops; a
/// failed round is logged and the next one runs as planned. Off when <c>ScheduledJobs:Enabled</c> is false (a node
/// that only serves pages).
/// </summary>
public sealed class ScheduledJobHost(
    IServiceScopeFactory scopes, IEnumerable<ScheduledJob> jobs, IConfiguration configuration, TimeProvider clock, ILogger<ScheduledJobHost> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        configuration.GetValue("ScheduledJobs:Enabled", true)
            ? Task.WhenAll(jobs.Select(job => LoopAsync(job, stoppingToken)))
            : Task.CompletedTask;

    private async Task LoopAsync(ScheduledJob job, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(job.Interval, clock, stoppingToken);
                await RunRoundAsync(job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }

    private async Task RunRoundAsync(ScheduledJob job, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var done = await ((IScheduledJob)scope.ServiceProvider.GetRequiredService(job.JobType)).RunAsync(stoppingToken);
            if (done > 0)
            {
                logger.LogInformation("Scheduled job {Job} did {Count} things.", job.JobType.Name, done);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Scheduled job {Job} failed; it runs again at its next interval.", job.JobType.Name);
        }
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using Gongkai.Data;
using Gongkai.Web.Attachments;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gongkai.Web.Health;

/// <summary>Configuration section "Telemetry": OpenTelemetry traces and metrics, off unless an exporter is named.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary><c>none</c> (the default), <c>otlp</c> (to <see cref="OtlpEndpoint"/>) or <c>console</c>.</summary>
    public string Exporter { get; set; } = "none";

    /// <summary>The collector for <c>otlp</c>, e.g. <c>http://collector:4317</c>; the exporter's default when empty.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The service name traces and metrics carry (one per deployment, so a province can tell its nodes' platform apart).</summary>
    public string ServiceName { get; set; } = "gongkai";
}

/// <summary>
/// What an operator watches: liveness (<c>/health/live</c>: the process answers), readiness (<c>/health/ready</c>:
/// the database answers, every migration is applied, the file store can be written), and OpenTelemetry traces and
/// metrics of requests, PostgreSQL commands and the platform's own work (docs/deployment.md).
/// </summary>
public static class Observability
{
    /// <summary>The platform's own activity source and meter (background jobs, long exports).</summary>
    public const string InstrumentationName = "Gongkai";

    public static readonly ActivitySource Activities = new(InstrumentationName);

    public static readonly Meter Meter = new(InstrumentationName);

    /// <summary>The tag readiness checks carry; liveness runs none of them.</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("数据库", tags: [ReadyTag])
            .AddCheck<FileStoreHealthCheck>("文件存储", tags: [ReadyTag]);

        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var exporter = options.Exporter.Trim().ToLowerInvariant();
        if (exporter is "" or "none")
        {
            return services;
        }

        if (exporter is not ("otlp" or "console"))
        {
            throw new InvalidOperationException($"Telemetry:Exporter 只能是 none、otlp 或 console，而不是 “{options.Exporter}”。");
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(instrumentation => instrumentation.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
                    .AddSource("Npgsql")
                    .AddSource(InstrumentationName);
                if (exporter == "otlp")
                {
                    tracing.AddOtlpExporter(otlp => SetEndpoint(otlp, options));
                }
                else
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Npgsql")
                    .AddMeter(InstrumentationName);
                if (exporter == "otlp")
                {
                    metrics.AddOtlpExporter(otlp => SetEndpoint(otlp, options));
                }
                else
                {
                    metrics.AddConsoleExporter();
                }
            });
        return services;
    }

    public static IEndpointRouteBuilder MapObservability(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithTags("Health").AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .WithTags("Health").AllowAnonymous();
        return app;
    }

    private static void SetEndpoint(OpenTelemetry.Exporter.OtlpExporterOptions otlp, TelemetryOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            otlp.Endpoint = new Uri(options.OtlpEndpoint);
        }
    }

    /// <summary>The report of a health endpoint: the overall status and each check's status and plain-language description.</summary>
    public sealed record ReadinessReport(string Status, IReadOnlyList<ReadinessCheck> Checks);

    public sealed record ReadinessCheck(string Name, string Status, string? Description);

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        // Descriptions say what is wrong in words; exception details (host names, paths) stay in the log.
        var body = new ReadinessReport(
            StatusText(report.Status),
            [.. report.Entries.Select(entry => new ReadinessCheck(entry.Key, StatusText(entry.Value.Status), entry.Value.Description))]);
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(body, context.RequestAborted);
    }

    private static string StatusText(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "ok",
        HealthStatus.Degraded => "degraded",
        _ => "unavailable",
    };
}

/// <summary>Ready when the database answers and no migration is pending.</summary>
internal sealed class DatabaseHealthCheck(GongkaiDbContext db, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy("数据库可连接，迁移已全部应用。")
                : HealthCheckResult.Unhealthy($"数据库有 {pending} 个迁移尚未应用。");
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            logger.LogError(exception, "Readiness: the database is unreachable.");
            return HealthCheckResult.Unhealthy("无法连接数据库。");
        }
    }
}

/// <summary>
/// Ready when a file can be written to, read back from and removed from the file store, whichever it is
/// (<see cref="IFileStore"/>: the local folder or the database). The probe's content is unique, so it is never a
/// real file and is removed afterwards.
/// </summary>
internal sealed class FileStoreHealthCheck(IFileStore store, ILogger<FileStoreHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = System.Text.Encoding.UTF8.GetBytes("gongkai readiness probe " + Guid.NewGuid().ToString("N"));
        StoredFile? stored = null;
        try
        {
            stored = await store.SaveAsync(new MemoryStream(probe), cancellationToken);
            await using var back = await store.OpenAsync(stored.Sha256, cancellationToken);
            using var copy = new MemoryStream();
            if (back is not null)
            {
                await back.CopyToAsync(copy, cancellationToken);
            }

            return copy.ToArray().AsSpan().SequenceEqual(probe) ? HealthCheckResult.Healthy("文件存储可读写。") : HealthCheckResult.Unhealthy("文件存储读回的内容不一致。");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Data.Common.DbException or InvalidOperationException)
        {
            logger.LogError(exception, "Readiness: the file store cannot be written.");
            return HealthCheckResult.Unhealthy("文件存储无法写入。");
        }
        finally
        {
            if (stored is { AlreadyStored: false })
            {
                try
                {
                    await store.DeleteAsync(stored.Sha256, CancellationToken.None);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Data.Common.DbException or InvalidOperationException)
                {
                    logger.LogWarning(exception, "Readiness: the probe file could not be removed.");
                }
            }
        }
    }
}

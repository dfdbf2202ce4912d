using Gongkai.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Health;

/// <summary>`/health`: is the database reachable, which provider, which migrations are applied or pending.</summary>
public static class HealthEndpoints
{
    public sealed record HealthReport(string Status, string Provider, IReadOnlyList<string> AppliedMigrations, IReadOnlyList<string> PendingMigrations);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth)
            .WithName("Health")
            .WithTags("Health")
            .WithSummary("数据库连接、数据库类型与迁移状态")
            .AllowAnonymous();
        return app;
    }

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetHealth(GongkaiDbContext db, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var provider = db.Database.IsNpgsql() ? DatabaseProviders.PostgreSql : DatabaseProviders.Sqlite;
        try
        {
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            var report = new HealthReport(pending.Count == 0 ? "ok" : "migrations-pending", provider, applied, pending);
            return pending.Count == 0
                ? TypedResults.Ok(report)
                : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException)
        {
            // The details (host names, database names) go to the log, not to an anonymous caller.
            loggers.CreateLogger(typeof(HealthEndpoints)).LogError(exception, "Health check: the database is unreachable.");
            return TypedResults.Json(new HealthReport("database-unreachable", provider, [], []), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

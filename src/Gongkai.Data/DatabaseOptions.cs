using Microsoft.EntityFrameworkCore;

namespace Gongkai.Data;

/// <summary>Which database the platform uses. Configuration section "Database"; environment: Database__Provider.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (embedded default) or "PostgreSQL".</summary>
    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>For SQLite, a file under the data folder by default.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/gongkai.db";

    /// <summary>
    /// Makes a relative SQLite file path relative to <paramref name="root"/> (the app's content root) rather than to
    /// whatever folder the process was started from, so the embedded database is always in the same place.
    /// </summary>
    public void ResolveSqlitePath(string root)
    {
        if (!string.Equals(Provider, DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            && !Path.IsPathRooted(file))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(root, file));
            ConnectionString = builder.ToString();
        }
    }

    /// <summary>
    /// An optional read-only connection (a PostgreSQL streaming replica) for the portal's anonymous reads: the public
    /// catalogue, item pages, search, the annual reports, agencies and guides. Empty: those reads use <see cref="ConnectionString"/>.
    /// </summary>
    public string? ReadConnectionString { get; set; }

    /// <summary>Apply pending migrations when the app starts (nodes starting together on PostgreSQL take turns).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";

    /// <summary>Configures a DbContext for the provider named in the options.</summary>
    public static DbContextOptionsBuilder UseGongkaiDatabase(this DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (string.Equals(options.Provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            builder.UseSqlite(options.ConnectionString, o => o.MigrationsAssembly(typeof(GongkaiDbContext).Assembly.FullName))
                .AddInterceptors(SqliteBusyWait.Instance);
        }
        else if (string.Equals(options.Provider, PostgreSql, StringComparison.OrdinalIgnoreCase)
                 || string.Equals(options.Provider, "Postgres", StringComparison.OrdinalIgnoreCase)
                 || string.Equals(options.Provider, "Npgsql", StringComparison.OrdinalIgnoreCase))
        {
            builder.UseNpgsql(options.ConnectionString, o => o.MigrationsAssembly(typeof(GongkaiDbContext).Assembly.FullName));
        }
        else
        {
            throw new InvalidOperationException(
                $"未知的数据库类型“{options.Provider}”。请把 Database:Provider 设为 Sqlite 或 PostgreSQL。");
        }

        // Migrations are written by hand (no EF design-time tools here), so there is no model snapshot to compare
        // against; a test proves instead that migrating an empty database gives exactly the model's schema.
        builder.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning));
        return builder;
    }
}

using System.Data.Common;
using System.Globalization;
using Gongkai.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gongkai.Tests.Data;

/// <summary>
/// An empty database of its own for one test, on SQLite (a temporary file) or PostgreSQL (a new database on the
/// server named by GONGKAI_TEST_POSTGRES, dropped afterwards). Tests that touch data run once per provider.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string DefaultPostgres = "Host=localhost;Username=gongkai;Password=gongkai;Database=postgres;Timeout=10";

    private readonly string? _sqliteFile;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseOptions options, string? sqliteFile, string? postgresName)
    {
        Options = options;
        _sqliteFile = sqliteFile;
        _postgresName = postgresName;
    }

    public DatabaseOptions Options { get; }

    public string Provider => Options.Provider;

    public static string PostgresServer => Environment.GetEnvironmentVariable("GONGKAI_TEST_POSTGRES") is { Length: > 0 } value ? value : DefaultPostgres;

    /// <summary>The providers every data test runs on.</summary>
    public static TheoryData<string> Providers => [DatabaseProviders.Sqlite, DatabaseProviders.PostgreSql];

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == DatabaseProviders.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), "gongkai-test-" + Guid.NewGuid().ToString("N") + ".db");
            return new TestDatabase(new DatabaseOptions { Provider = provider, ConnectionString = $"Data Source={file};Pooling=False" }, file, null);
        }

        var name = "gongkai_test_" + Guid.NewGuid().ToString("N");
        var server = new NpgsqlConnectionStringBuilder(PostgresServer);
        try
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException exception)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable at '{server.Host}:{server.Port}' as '{server.Username}'. Run ./scripts/prerequisites.sh (as root) or set GONGKAI_TEST_POSTGRES.",
                exception);
        }

        server.Database = name;
        server.Pooling = false;
        return new TestDatabase(new DatabaseOptions { Provider = provider, ConnectionString = server.ConnectionString }, null, name);
    }

    public GongkaiDbContext CreateContext()
    {
        var builder = new DbContextOptionsBuilder<GongkaiDbContext>();
        builder.UseGongkaiDatabase(Options);
        return new GongkaiDbContext(builder.Options);
    }

    public DbConnection CreateConnection() => Provider == DatabaseProviders.Sqlite
        ? new SqliteConnection(Options.ConnectionString)
        : new NpgsqlConnection(Options.ConnectionString);

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)");
            await command.ExecuteNonQueryAsync();
        }
    }
}

using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gongkai.Data;

/// <summary>
/// Makes SQLite itself wait for the write lock (PRAGMA busy_timeout, as long as the connection's command timeout)
/// instead of failing at once. Microsoft.Data.Sqlite would otherwise retry a busy statement every 150 ms, so with
/// twenty submissions queueing for the one writer the lock stood idle most of the time (15 submissions/s, p95 2.3 s);
/// SQLite's own wait retries within milliseconds. See docs/adr/0007-numbering-and-durability.md.
/// </summary>
internal sealed class SqliteBusyWait : DbConnectionInterceptor
{
    public static SqliteBusyWait Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Command(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection)
    {
        var command = connection.CreateCommand();
        var milliseconds = (connection is SqliteConnection sqlite ? sqlite.DefaultTimeout : 30) * 1000;
        command.CommandText = "PRAGMA busy_timeout = " + milliseconds.ToString(CultureInfo.InvariantCulture);
        return command;
    }
}

using System.Data.Common;
using System.Globalization;
using Gongkai.Data;
using Gongkai.Data.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Portal;

/// <summary>Configuration section Search:LocalIndex (ADR 0014 "PostgreSQL search from a node-local index").</summary>
public sealed class LocalSearchIndexOptions
{
    public const string Section = "Search:LocalIndex";

    /// <summary>On PostgreSQL, search from the node's local index (default); false: always the database's own search.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The folder of this node's index files (relative paths: to the content root). One folder per node, never the
    /// shared Storage:Root: the files are the node's own and are rebuilt when missing.
    /// </summary>
    public string Path { get; set; } = "search-index";

    /// <summary>Items read from PostgreSQL per batch while building.</summary>
    public int BatchSize { get; set; } = 2000;
}

/// <summary>Where a node's local index stands, for /health/ready and the log.</summary>
public sealed record LocalSearchIndexState(bool Serving, bool Building, long Items, long Total, long AppliedSeq);

/// <summary>
/// A node's own SQLite FTS5 index of the published catalogue of a PostgreSQL database: the very table
/// (<see cref="CatalogSearchSchema.SqliteCreate"/>) and statements (<see cref="CatalogSearchIndex.SqliteFindAsync"/>)
/// of the SQLite provider, derived from PostgreSQL and disposable. Built in the background into a new file
/// (<see cref="LocalSearchIndexBuilder"/>) and swapped in when complete; before every search brought up to date from
/// PostgreSQL's change log (<see cref="CatalogSearchSchema.PostgresChangesCreate"/>), so a search on any node finds what
/// any node published. While there is no usable index, <see cref="OpenAsync"/> answers null and the search asks
/// PostgreSQL itself; any failure of the file does the same and starts a rebuild.
/// </summary>
public sealed partial class LocalSearchIndex(IOptions<LocalSearchIndexOptions> options, IOptions<DatabaseOptions> database, IHostEnvironment environment, ILogger<LocalSearchIndex> logger) : IDisposable
{
    private const string FilePrefix = "catalog-search-";

    private readonly SemaphoreSlim _apply = new(1, 1);
    private readonly Lock _sync = new();
    private Store? _current;
    private TaskCompletionSource _built = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _rebuild = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _builtItems;
    private long _total;
    private bool _building;

    /// <summary>Searches answered from the local index and from PostgreSQL's own search (for tests and the log).</summary>
    private long _served;
    private long _fellBack;

    /// <summary>Whether this node keeps a local index: PostgreSQL with the option on.</summary>
    public bool Enabled { get; } = options.Value.Enabled && !database.Value.Provider.Equals(DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase);

    public string Folder { get; } = System.IO.Path.GetFullPath(options.Value.Path, environment.ContentRootPath);

    internal int BatchSize { get; } = Math.Max(options.Value.BatchSize, 1);

    public long Served => Interlocked.Read(ref _served);

    public long FellBack => Interlocked.Read(ref _fellBack);

    /// <summary>The file searches read now (null while none is usable).</summary>
    public string? CurrentFile => Volatile.Read(ref _current)?.File;

    public LocalSearchIndexState State
    {
        get
        {
            var current = Volatile.Read(ref _current);
            lock (_sync)
            {
                return new LocalSearchIndexState(current is not null, _building, Interlocked.Read(ref _builtItems), _total, current?.AppliedSeq ?? 0);
            }
        }
    }

    /// <summary>Completes when the next index is built and serving (or at once if one serves and no rebuild is asked).</summary>
    public Task WhenServingAsync()
    {
        lock (_sync)
        {
            return _current is not null && !_rebuild.Task.IsCompleted ? Task.CompletedTask : _built.Task;
        }
    }

    /// <summary>Asks the builder for a new index (the current one keeps serving until it is swapped) and returns when it serves.</summary>
    public Task RebuildAsync()
    {
        lock (_sync)
        {
            if (_built.Task.IsCompleted)
            {
                _built = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _rebuild.TrySetResult();
            return _built.Task;
        }
    }

    /// <summary>
    /// An open connection to the local index, brought up to the change log's newest entry that
    /// <paramref name="db"/> sees; null when there is no usable index (the caller searches PostgreSQL).
    /// </summary>
    public async Task<LocalSearchLease?> OpenAsync(GongkaiDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var store = Enter();
        if (store is null)
        {
            Interlocked.Increment(ref _fellBack);
            return null;
        }

        SqliteConnection? connection = null;
        try
        {
            var (generation, newest) = await LogHeadAsync(db, cancellationToken);
            if (generation != store.Generation)
            {
                Fail(store, null, "the local search index belongs to another database (generation {Local}, database {Database})", store.Generation, generation);
                store.Leave();
                return null;
            }

            if (newest < store.AppliedSeq)
            {
                Fail(store, null, "the change log ends at {Newest}, before the local index's {Applied} (a restored database?)", newest, store.AppliedSeq);
                store.Leave();
                return null;
            }

            if (newest > store.AppliedSeq)
            {
                await CatchUpAsync(db, store, newest, cancellationToken);
            }

            connection = new SqliteConnection(store.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            Interlocked.Increment(ref _served);
            return new LocalSearchLease(connection, store);
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            Fail(store, exception, "the local search index {File} cannot be used", store.File, null);
            store.Leave();
            return null;
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            store.Leave();
            throw;
        }
    }

    /// <summary>The serving store with one more reader, or null; a store retired meanwhile is never entered.</summary>
    private Store? Enter()
    {
        if (!Enabled)
        {
            return null;
        }

        while (Volatile.Read(ref _current) is { } store)
        {
            if (store.TryEnter())
            {
                return store;
            }
        }

        return null;
    }

    /// <summary>A search that failed on the local index: it answers from PostgreSQL, and the index is rebuilt.</summary>
    public void Failed(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Volatile.Read(ref _current) is { } store)
        {
            Fail(store, exception, "a search failed on the local search index {File}", store.File, null);
        }
    }

    private void Fail(Store store, Exception? exception, string message, object? first, object? second)
    {
        Interlocked.Increment(ref _fellBack);
        lock (_sync)
        {
            if (!ReferenceEquals(_current, store))
            {
                return;
            }

            _current = null;
            store.Retire();
            if (_built.Task.IsCompleted)
            {
                _built = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _rebuild.TrySetResult();
        }

#pragma warning disable CA2254 // The message is one of a few fixed templates of this class.
        logger.LogWarning(exception, "Search answers from PostgreSQL and the index is rebuilt: " + message, first, second);
#pragma warning restore CA2254
    }

    /// <summary>The database's generation id and the change log's newest Seq (0 when empty), in one statement.</summary>
    internal static async Task<(Guid Generation, long Newest)> LogHeadAsync(GongkaiDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """
            SELECT (SELECT "Id" FROM "CatalogSearchGeneration" LIMIT 1),
                   coalesce((SELECT "Seq" FROM "CatalogSearchChanges" ORDER BY "Seq" DESC LIMIT 1), 0)
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.IsDBNull(0) ? Guid.Empty : reader.GetGuid(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Applies the change log's entries after the index's Seq up to <paramref name="newest"/>, under the node's lock,
    /// in one SQLite transaction that also records the new Seq. An entry names a key: the index is made to match what
    /// PostgreSQL holds for that key now (the published item with that search key, or nothing), so applying twice is
    /// harmless.
    /// </summary>
    private async Task CatchUpAsync(GongkaiDbContext db, Store store, long newest, CancellationToken cancellationToken)
    {
        await _apply.WaitAsync(cancellationToken);
        try
        {
            var applied = store.AppliedSeq;
            if (applied >= newest)
            {
                return;
            }

            var keys = await db.Database.SqlQuery<long>($"""SELECT DISTINCT "Key" AS "Value" FROM "CatalogSearchChanges" WHERE "Seq" > {applied} AND "Seq" <= {newest}""")
                .ToListAsync(cancellationToken);
            var documents = new Dictionary<long, CatalogSearchDocument>();
            foreach (var chunk in keys.Chunk(500))
            {
                foreach (var document in await DocumentsAsync(db.CatalogItems.Where(i => i.SearchKey != null && chunk.Contains(i.SearchKey.Value)), cancellationToken))
                {
                    documents[document.Key] = document;
                }
            }

            await using var connection = new SqliteConnection(store.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var delete = Command(connection, transaction, """DELETE FROM "CatalogSearch" WHERE rowid = $key""", "$key");
            await using var insert = Command(connection, transaction, """INSERT INTO "CatalogSearch" (rowid, terms) VALUES ($key, $terms)""", "$key", "$terms");
            foreach (var key in keys)
            {
                delete.Parameters["$key"].Value = key;
                await delete.ExecuteNonQueryAsync(cancellationToken);
                if (documents.TryGetValue(key, out var document))
                {
                    insert.Parameters["$key"].Value = key;
                    insert.Parameters["$terms"].Value = CatalogSearchIndex.SqliteTerms(document);
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            await SetAppliedAsync(connection, transaction, newest, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            store.AppliedSeq = newest;
        }
        finally
        {
            _apply.Release();
        }
    }

    /// <summary>What the index holds of the items of a query, read without tracking (only the columns it needs).</summary>
    internal static async Task<List<CatalogSearchDocument>> DocumentsAsync(IQueryable<CatalogItem> items, CancellationToken cancellationToken)
    {
        var rows = await items.AsNoTracking()
            .OrderBy(i => i.SearchKey)
            .Select(i => new CatalogItem
            {
                Id = i.Id,
                AgencyId = i.AgencyId,
                SearchKey = i.SearchKey,
                Title = i.Title,
                DocumentNumber = i.DocumentNumber,
                IndexNumber = i.IndexNumber,
                Summary = i.Summary,
                Keywords = i.Keywords,
                Body = i.Body,
                Mode = i.Mode,
                TopicCategoryId = i.TopicCategoryId,
                GenreCategoryId = i.GenreCategoryId,
                Publisher = "",
                DraftedByName = "",
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(CatalogSearchDocument.From)];
    }

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static async Task SetAppliedAsync(SqliteConnection connection, SqliteTransaction transaction, long seq, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, """UPDATE "LocalIndex" SET "AppliedSeq" = $seq""", "$seq");
        command.Parameters["$seq"].Value = seq;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The connection string of an index file: many readers, one writer at a time (WAL), pooled.</summary>
    internal static string ConnectionStringOf(string file, bool create = false) => new SqliteConnectionStringBuilder
    {
        DataSource = file,
        Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    internal static string NewFileName(DateTimeOffset now) => FilePrefix + now.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8] + ".db";

    internal IEnumerable<string> Files() => Directory.Exists(Folder) ? Directory.EnumerateFiles(Folder, FilePrefix + "*.db") : [];

    /// <summary>Reads a file's meta row: (generation, applied Seq), or null when it is not a complete index.</summary>
    internal static async Task<(Guid Generation, long AppliedSeq)?> MetaAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(ConnectionStringOf(file));
            await connection.OpenAsync(cancellationToken);
            await using var command = Command(connection, null, """SELECT "Generation", "AppliedSeq" FROM "LocalIndex" WHERE "Complete" = 1""");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            var generation = Guid.Parse(reader.GetString(0));
            var applied = reader.GetInt64(1);
            await reader.CloseAsync();
            await using var check = Command(connection, null, "PRAGMA quick_check");
            return (string?)await check.ExecuteScalarAsync(cancellationToken) == "ok" ? (generation, applied) : null;
        }
        catch (Exception exception) when (exception is SqliteException or IOException or FormatException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Starts serving from a complete file; the one served before is deleted when its readers are done.</summary>
    internal void Serve(string file, Guid generation, long appliedSeq)
    {
        Store? previous;
        lock (_sync)
        {
            previous = _current;
            _current = new Store(file, ConnectionStringOf(file), generation, Delete) { AppliedSeq = appliedSeq };
            _building = false;
            _built.TrySetResult();
        }

        if (previous is not null && previous.File != file)
        {
            previous.Retire();
        }
    }

    /// <summary>Waits for a request to rebuild (the first build is requested by the builder itself).</summary>
    internal async Task WaitForRebuildAsync(CancellationToken cancellationToken)
    {
        Task wait;
        lock (_sync)
        {
            wait = _rebuild.Task;
        }

        await wait.WaitAsync(cancellationToken);
        lock (_sync)
        {
            _rebuild = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    internal void Building(long items, long total)
    {
        lock (_sync)
        {
            _building = true;
            _total = total;
        }

        Interlocked.Exchange(ref _builtItems, items);
    }

    internal void BuildFailed()
    {
        lock (_sync)
        {
            _building = false;
        }
    }

    /// <summary>Deletes an index file and its WAL files; a file still open elsewhere is deleted at the next start.</summary>
    internal void Delete(string file)
    {
        SqliteConnection.ClearPool(new SqliteConnection(ConnectionStringOf(file)));
        foreach (var path in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                LogNotDeleted(logger, exception, path);
            }
        }
    }

    public void Dispose() => _apply.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "The old search index file {Path} could not be deleted yet.")]
    private static partial void LogNotDeleted(ILogger logger, Exception exception, string path);

    /// <summary>
    /// One index file and its readers: a file no longer served (swapped or failed) is deleted when its last reader
    /// leaves, so a search that started on it finishes on it.
    /// </summary>
    internal sealed class Store(string file, string connectionString, Guid generation, Action<string> delete)
    {
        private readonly Lock _sync = new();
        private long _appliedSeq;
        private int _readers;
        private bool _retired;

        public bool TryEnter()
        {
            lock (_sync)
            {
                if (_retired)
                {
                    return false;
                }

                _readers++;
                return true;
            }
        }

        public void Leave()
        {
            lock (_sync)
            {
                if (--_readers > 0 || !_retired)
                {
                    return;
                }
            }

            delete(File);
        }

        public void Retire()
        {
            lock (_sync)
            {
                if (_retired)
                {
                    return;
                }

                _retired = true;
                if (_readers > 0)
                {
                    return;
                }
            }

            delete(File);
        }

        public string File { get; } = file;

        public string ConnectionString { get; } = connectionString;

        public Guid Generation { get; } = generation;

        public long AppliedSeq
        {
            get => Interlocked.Read(ref _appliedSeq);
            set => Interlocked.Exchange(ref _appliedSeq, value);
        }
    }
}

/// <summary>An open connection to the local index for one search; disposing it lets a retired file go.</summary>
public sealed class LocalSearchLease : IAsyncDisposable
{
    private readonly LocalSearchIndex.Store _store;

    internal LocalSearchLease(SqliteConnection connection, LocalSearchIndex.Store store) => (Connection, _store) = (connection, store);

    public SqliteConnection Connection { get; }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _store.Leave();
    }
}

/// <summary>
/// Builds the node's local index in the background (never blocking start or readiness): adopts a complete file of the
/// same database at start, otherwise reads every published item from PostgreSQL in one read-only REPEATABLE READ
/// transaction, in search-key batches, into a new file, and swaps it in; again whenever the index fails.
/// </summary>
public sealed partial class LocalSearchIndexBuilder(LocalSearchIndex index, IServiceScopeFactory scopes, TimeProvider clock, ILogger<LocalSearchIndexBuilder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!index.Enabled)
        {
            return;
        }

        await Task.Yield();
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!first || !await AdoptAsync(stoppingToken))
                {
                    await BuildAsync(stoppingToken);
                }

                first = false;
                await index.WaitForRebuildAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is DbException or SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
            {
                // The database is not there yet (migrating, restarting) or the disk is full: try again shortly.
                index.BuildFailed();
                LogBuildFailed(logger, exception);
                first = false;
                await Task.Delay(TimeSpan.FromSeconds(10), TimeProvider.System, stoppingToken); // a pause before retrying, not a date: the real clock even under a test clock
            }
        }
    }

    /// <summary>Serves from the newest complete file of this database, if there is one; deletes the others.</summary>
    private async Task<bool> AdoptAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredKeyedService<GongkaiDbContext>(PublicReads.Key);
        var (generation, newest) = await LocalSearchIndex.LogHeadAsync(db, cancellationToken);
        string? adopted = null;
        foreach (var file in index.Files().OrderDescending(StringComparer.Ordinal))
        {
            if (adopted is null && await LocalSearchIndex.MetaAsync(file, cancellationToken) is { } meta && meta.Generation == generation && meta.AppliedSeq <= newest)
            {
                adopted = file;
                index.Serve(file, meta.Generation, meta.AppliedSeq);
                LogAdopted(logger, file, meta.AppliedSeq);
                continue;
            }

            index.Delete(file);
        }

        return adopted is not null;
    }

    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(index.Folder);
        var file = Path.Combine(index.Folder, LocalSearchIndex.NewFileName(clock.GetUtcNow()));
        var started = clock.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredKeyedService<GongkaiDbContext>(PublicReads.Key);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await using var read = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", cancellationToken);
            var (generation, newest) = await LocalSearchIndex.LogHeadAsync(db, cancellationToken);
            var published = db.CatalogItems.Where(i => i.SearchKey != null);
            var total = await published.LongCountAsync(cancellationToken);
            index.Building(0, total);
            LogBuilding(logger, file, total);

            await using var connection = new SqliteConnection(LocalSearchIndex.ConnectionStringOf(file, create: true));
            await connection.OpenAsync(cancellationToken);
            foreach (var statement in (string[])["PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", .. CatalogSearchSchema.SqliteCreate,
                """CREATE TABLE "LocalIndex" ("Generation" TEXT NOT NULL, "AppliedSeq" INTEGER NOT NULL, "Complete" INTEGER NOT NULL)"""])
            {
                await using var command = LocalSearchIndex.Command(connection, null, statement);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            long items = 0;
            long? after = null;
            var lastReport = started;
            while (true)
            {
                var from = after;
                var batch = await LocalSearchIndex.DocumentsAsync(
                    (from is null ? published : published.Where(i => i.SearchKey > from)).OrderBy(i => i.SearchKey).Take(index.BatchSize), cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken))
                {
                    await using var insert = LocalSearchIndex.Command(connection, transaction, """INSERT INTO "CatalogSearch" (rowid, terms) VALUES ($key, $terms)""", "$key", "$terms");
                    foreach (var document in batch)
                    {
                        insert.Parameters["$key"].Value = document.Key;
                        insert.Parameters["$terms"].Value = CatalogSearchIndex.SqliteTerms(document);
                        await insert.ExecuteNonQueryAsync(cancellationToken);
                    }

                    await transaction.CommitAsync(cancellationToken);
                }

                items += batch.Count;
                after = batch[^1].Key;
                index.Building(items, total);
                if (clock.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(10))
                {
                    lastReport = clock.GetTimestamp();
                    LogProgress(logger, items, total);
                }
            }

            foreach (var statement in (string[])[
                """INSERT INTO "CatalogSearch" ("CatalogSearch") VALUES ('optimize')""",
                "INSERT INTO \"LocalIndex\" VALUES ('" + generation.ToString() + "', " + newest.ToString(CultureInfo.InvariantCulture) + ", 1)",
                "PRAGMA journal_mode = WAL"])
            {
                await using var command = LocalSearchIndex.Command(connection, null, statement);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await connection.CloseAsync();
            await read.CommitAsync(cancellationToken);
            index.Serve(file, generation, newest);
            LogBuilt(logger, items, clock.GetElapsedTime(started).TotalSeconds, new FileInfo(file).Length);
        }
        catch
        {
            index.Delete(file);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Building the local search index {File}: {Total} published items.")]
    private static partial void LogBuilding(ILogger logger, string file, long total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local search index: {Items} of {Total} items.")]
    private static partial void LogProgress(ILogger logger, long items, long total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local search index built: {Items} items in {Seconds:F1} s, {Bytes} bytes; searches now read it.")]
    private static partial void LogBuilt(ILogger logger, long items, double seconds, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the existing local search index {File} (change log Seq {Seq}).")]
    private static partial void LogAdopted(ILogger logger, string file, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The local search index could not be built; search answers from PostgreSQL. Trying again.")]
    private static partial void LogBuildFailed(ILogger logger, Exception exception);
}

/// <summary>Reports the node's local search index in /health/ready without ever failing readiness: search works without it.</summary>
internal sealed class LocalSearchIndexHealthCheck(LocalSearchIndex index) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = index.State;
        var text = !index.Enabled ? "未启用（检索由数据库直接回答）。"
            : state.Serving ? $"已就绪，检索由本节点索引回答（变更序号 {state.AppliedSeq}）。"
            : state.Building ? $"正在建立：{state.Items} / {state.Total} 条，检索暂由数据库直接回答。"
            : "尚未建立，检索暂由数据库直接回答。";
        return Task.FromResult(HealthCheckResult.Healthy(text));
    }
}

using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using Gongkai.Catalog;
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

    /// <summary>
    /// On PostgreSQL, keep and search the node's local index (default). False: this node answers no public search
    /// (PostgreSQL keeps no search index of its own, ADR 0014), e.g. a node that serves staff only.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The folder of this node's index files (relative paths: to the content root). One folder per node, never the
    /// shared Storage:Root: the files are the node's own and are rebuilt when missing.
    /// </summary>
    public string Path { get; set; } = "search-index";

    /// <summary>Items read from PostgreSQL per batch while building.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>
    /// How many characters of a result's snippet text (<see cref="CatalogSearchRow.SnippetText"/>, whitespace
    /// collapsed) the index keeps per item. A search whose snippet lies further in reads that item's whole text from
    /// PostgreSQL in the batch that reads the change log's head. Takes effect at the next build.
    /// </summary>
    public int SnippetChars { get; set; } = 200;

    /// <summary>
    /// Items between the build's commits: a build stopped with the app (a deploy, a restart, a crash) goes on from its
    /// last commit at the next start instead of starting over (at about 3,000 items/s, 500,000 items are under 3 minutes).
    /// </summary>
    public long CommitEvery { get; set; } = 500_000;

    /// <summary>
    /// FTS5 pages (about 4 KB each) the build's final merge writes per step. Each step is its own transaction, so the
    /// rollback journal holds at most about one step's pages (64 MB at the default) instead of growing towards the
    /// file's size as one 'optimize' statement does, and a stop during the merge keeps the steps done.
    /// </summary>
    public int MergePagesPerStep { get; set; } = 16_384;
}

/// <summary>
/// Where a node's local index stands, for /health/ready and the log. <see cref="FolderInUse"/>: another process holds
/// the index folder, so this one neither builds nor reads a local index.
/// </summary>
public sealed record LocalSearchIndexState(bool Serving, bool Building, long Items, long Total, long AppliedSeq, bool FolderInUse = false);

/// <summary>
/// A node's own SQLite FTS5 index of the published catalogue of a PostgreSQL database: the very table
/// (<see cref="CatalogSearchSchema.SqliteCreate"/>) and statements (<see cref="CatalogSearchIndex.SqliteFindAsync"/>)
/// of the SQLite provider, derived from PostgreSQL and disposable. Built in the background into a new file
/// (<see cref="LocalSearchIndexBuilder"/>) and swapped in when complete; before every search brought up to date from
/// PostgreSQL's change log (<see cref="CatalogSearchSchema.PostgresChangesCreate"/>), so a search on any node finds what
/// any node published. While there is no usable index, <see cref="OpenAsync"/> answers null and the search says it is
/// unavailable, with the build's progress (<see cref="UnavailableText"/>); any failure of the file does the same and
/// starts a rebuild. PostgreSQL keeps no search index to fall back on (ADR 0014 "No PostgreSQL fallback search").
/// </summary>
public sealed partial class LocalSearchIndex(IOptions<LocalSearchIndexOptions> options, IOptions<DatabaseOptions> database, IHostEnvironment environment, ILogger<LocalSearchIndex> logger) : IDisposable
{
    private const string FilePrefix = "catalog-search-";

    /// <summary>The folder's lock file (not an index file: <see cref="Files"/> never lists it).</summary>
    public const string LockFileName = "catalog-search.lock";

    private readonly SemaphoreSlim _apply = new(1, 1);
    private readonly Lock _sync = new();
    private Store? _current;
    private TaskCompletionSource _built = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _rebuild = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _builtItems;
    private long _total;
    private bool _building;
    private FileStream? _folderLock;
    private bool _folderInUse;

    /// <summary>Searches answered from the local index and searches it could not answer (for tests and the log).</summary>
    private long _served;
    private long _fellBack;

    /// <summary>Whether this node keeps a local index: PostgreSQL with the option on.</summary>
    public bool Enabled { get; } = options.Value.Enabled && !database.Value.Provider.Equals(DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase);

    public string Folder { get; } = System.IO.Path.GetFullPath(options.Value.Path, environment.ContentRootPath);

    internal int BatchSize { get; } = Math.Max(options.Value.BatchSize, 1);

    internal int SnippetChars { get; } = Math.Max(options.Value.SnippetChars, 0);

    /// <summary>
    /// The version of an index file's tables: a file of another version is not adopted but rebuilt. 3: the rows a
    /// result shows (<see cref="RowsCreate"/>, the snippet text in UTF-16) and the names, besides the FTS5 table.
    /// </summary>
    internal const int Format = 3;

    /// <summary>
    /// What a result shows of each indexed item (ADR 0014 "What a result shows, from the node's index"): everything but
    /// the agency's and categories' names (by id, in <c>CatalogSearchNames</c>) and, beyond its first
    /// <see cref="LocalSearchIndexOptions.SnippetChars"/> characters, the snippet text. A published version's fields
    /// never change (a correction is a new version with another key); names change through
    /// <see cref="CatalogSearchIndex.NamesChanged"/>.
    /// </summary>
    internal static readonly string[] RowsCreate =
    [
        """
        CREATE TABLE "CatalogSearchRows" ("Key" INTEGER PRIMARY KEY, "Id" BLOB NOT NULL, "AgencyId" BLOB NOT NULL, "TopicId" BLOB,
            "GenreId" BLOB, "PublishedOn" INTEGER, "Title" TEXT NOT NULL, "DocumentNumber" TEXT, "IndexNumber" TEXT, "Text" BLOB NOT NULL,
            "TextComplete" INTEGER NOT NULL)
        """,
        """CREATE TABLE "CatalogSearchNames" ("Id" BLOB NOT NULL PRIMARY KEY, "Name" TEXT NOT NULL) WITHOUT ROWID""",
    ];

    internal const string InsertRowSql = """
        INSERT INTO "CatalogSearchRows" ("Key", "Id", "AgencyId", "TopicId", "GenreId", "PublishedOn", "Title", "DocumentNumber", "IndexNumber", "Text", "TextComplete")
        VALUES ($key, $id, $agency, $topic, $genre, $published, $title, $number, $index, $text, $complete)
        """;

    internal static readonly string[] InsertRowParameters = ["$key", "$id", "$agency", "$topic", "$genre", "$published", "$title", "$number", "$index", "$text", "$complete"];

    /// <summary>Sets the parameters of <see cref="InsertRowSql"/> for one entry.</summary>
    internal static void SetRow(SqliteCommand insert, LocalSearchEntry entry)
    {
        var item = entry.Item;
        var p = insert.Parameters;
        p["$key"].Value = entry.Key;
        p["$id"].Value = item.Id;
        p["$agency"].Value = item.AgencyId;
        p["$topic"].Value = (object?)item.TopicCategoryId ?? DBNull.Value;
        p["$genre"].Value = (object?)item.GenreCategoryId ?? DBNull.Value;
        p["$published"].Value = item.PublishedOn is { } day ? day.DayNumber : (object)DBNull.Value;
        p["$title"].Value = item.Title;
        p["$number"].Value = (object?)item.DocumentNumber ?? DBNull.Value;
        p["$index"].Value = (object?)item.IndexNumber ?? DBNull.Value;
        // UTF-16: two bytes a Chinese character instead of UTF-8's three, and read back without decoding.
        p["$text"].Value = System.Text.Encoding.Unicode.GetBytes(entry.Text.Text);
        p["$complete"].Value = entry.Text.Complete ? 1 : 0;
    }

    /// <summary>What the index holds for one published item: its FTS5 terms and what a result shows.</summary>
    internal LocalSearchEntry EntryOf(CatalogItem item)
    {
        var document = CatalogSearchDocument.From(item);
        return new LocalSearchEntry(document.Key, CatalogSearchIndex.SqliteTerms(document), item, SnippetSource.Of(CatalogSearchRow.SnippetText(item.Summary, item.Mode, item.Body), SnippetChars));
    }

    /// <summary>The names a result shows (agencies and categories) by id, as PostgreSQL holds them now (or in the caller's snapshot).</summary>
    internal static async Task<Dictionary<Guid, string>> NamesAsync(GongkaiDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """SELECT "Id", "Name" FROM "Agencies" UNION ALL SELECT "Id", "Name" FROM "CatalogCategories" """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new Dictionary<Guid, string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names[reader.GetGuid(0)] = reader.GetString(1);
        }

        return names;
    }

    /// <summary>Replaces the names table of an index file.</summary>
    internal static async Task WriteNamesAsync(SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyDictionary<Guid, string> names, CancellationToken cancellationToken)
    {
        await using (var clear = Command(connection, transaction, """DELETE FROM "CatalogSearchNames" """))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = Command(connection, transaction, """INSERT INTO "CatalogSearchNames" ("Id", "Name") VALUES ($id, $name)""", "$id", "$name");
        foreach (var (id, name) in names)
        {
            insert.Parameters["$id"].Value = id;
            insert.Parameters["$name"].Value = name;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The names table of an index file.</summary>
    internal static async Task<Dictionary<Guid, string>> ReadNamesAsync(string file, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(ConnectionStringOf(file));
        await connection.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """SELECT "Id", "Name" FROM "CatalogSearchNames" """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new Dictionary<Guid, string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names[reader.GetGuid(0)] = reader.GetString(1);
        }

        return names;
    }

    /// <summary>
    /// The rows of a page of keys from the local index (in the lookup's read transaction), with the names the node
    /// holds: everything a result shows, the snippet text only as far as the index keeps it.
    /// </summary>
    public static async Task<IReadOnlyList<CatalogSearchRow>> RowsAsync(LocalSearchLease lease, SqliteTransaction? transaction, IReadOnlyList<long> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        var names = lease.Store.Names;
        await using var command = Command(lease.Connection, transaction, """
            SELECT "Key", "Id", "AgencyId", "TopicId", "GenreId", "PublishedOn", "Title", "DocumentNumber", "IndexNumber", "Text", "TextComplete"
            FROM "CatalogSearchRows" WHERE "Key" IN (
            """ + string.Join(", ", keys.Select(k => k.ToString(CultureInfo.InvariantCulture))) + ")");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<CatalogSearchRow>(keys.Count);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            string? Name(int i) => reader.IsDBNull(i) ? null : names.GetValueOrDefault(reader.GetGuid(i));
            var agency = reader.GetGuid(2);
            rows.Add(new CatalogSearchRow(
                reader.GetGuid(1),
                reader.GetInt64(0),
                Text(8),
                reader.GetString(6),
                Text(7),
                agency,
                names.GetValueOrDefault(agency),
                Name(3),
                Name(4),
                reader.IsDBNull(5) ? null : DateOnly.FromDayNumber(reader.GetInt32(5)),
                new SnippetSource(System.Text.Encoding.Unicode.GetString((byte[])reader.GetValue(9)), reader.GetInt32(10) == 1)));
        }

        return rows;
    }

    private long _textsRead;

    /// <summary>Searches from the local index that read some result's whole snippet text from PostgreSQL (for the log and the ADR's figures).</summary>
    public long TextsRead => Interlocked.Read(ref _textsRead);

    internal void ReadTexts() => Interlocked.Increment(ref _textsRead);

    internal long CommitEvery { get; } = Math.Max(options.Value.CommitEvery, 1);

    internal int MergePagesPerStep { get; } = Math.Max(options.Value.MergePagesPerStep, 16);

    /// <summary>
    /// Awaited by the build after each commit with the items the file holds (tests: stop the app at a known point);
    /// null in production.
    /// </summary>
    internal Func<long, CancellationToken, Task>? AfterCommit { get; set; }

    /// <summary>Awaited by the background check of a file adopted at the start, before it checks (tests: look at the file while it serves unchecked); null in production.</summary>
    internal Func<string, CancellationToken, Task>? BeforeCheck { get; set; }

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
                return new LocalSearchIndexState(current is not null, _building, Interlocked.Read(ref _builtItems), _total, current?.AppliedSeq ?? 0, _folderInUse);
            }
        }
    }

    /// <summary>
    /// What a search tells the person while <paramref name="local"/> cannot answer (null: no local index on this node):
    /// that search is unavailable, why, and how far the build has got. One text for the portal page and the API.
    /// </summary>
    public static string UnavailableText(LocalSearchIndex? local)
    {
        var state = local?.State;
        return state switch
        {
            null => "本节点未启用检索索引，暂时无法检索。",
            { FolderInUse: true } => "本节点检索索引不可用（索引目录已由本机另一进程使用），暂时无法检索。",
            { Building: true, Total: > 0 } => string.Create(CultureInfo.InvariantCulture,
                $"本节点检索索引建立中（已完成 {state.Items * 100 / state.Total}%，{state.Items:N0} / {state.Total:N0} 条），暂时无法检索，请稍后再试。"),
            _ when local is { Enabled: false } => "本节点未启用检索索引，暂时无法检索。",
            _ => "本节点检索索引尚未就绪，暂时无法检索，请稍后再试。",
        };
    }

    /// <summary>
    /// Takes the index folder for this process: an exclusive lock file (<see cref="LockFileName"/>, opened with
    /// <see cref="FileShare.None"/>, an advisory flock on Linux) held until the app stops. Two processes on one folder
    /// would each build a file and delete the other's; the second one gets false and must leave the folder alone.
    /// </summary>
    internal bool TryLockFolder()
    {
        Directory.CreateDirectory(Folder);
        try
        {
            var taken = new FileStream(System.IO.Path.Combine(Folder, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            lock (_sync)
            {
                _folderLock = taken;
            }

            return true;
        }
        catch (IOException)
        {
            lock (_sync)
            {
                _folderInUse = true;
            }

            return false;
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
    /// An open connection to the serving local index for one search, without a PostgreSQL statement: the search looks
    /// up its page and the page's rows locally (<see cref="RowsAsync"/>), reads the change log's head (one round trip,
    /// <see cref="CatalogSearchIndex.LogHeadAsync(GongkaiDbContext, IReadOnlyCollection{Guid}, CancellationToken)"/>) and
    /// asks <see cref="CheckAsync"/> whether the lookup had every change. Null when there is no usable index (the
    /// search is unavailable).
    /// </summary>
    public async Task<LocalSearchLease?> OpenAsync(CancellationToken cancellationToken)
    {
        var store = Enter();
        if (store is null)
        {
            Interlocked.Increment(ref _fellBack);
            return null;
        }

        // Taken before the lookup: the lookup sees at least the changes up to here (catch-ups only add).
        var applied = store.AppliedSeq;
        var connection = new SqliteConnection(store.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return new LocalSearchLease(connection, store, applied);
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            await connection.DisposeAsync();
            Fail(store, exception, "the local search index {File} cannot be used", store.File, null);
            store.Leave();
            return null;
        }
        catch
        {
            await connection.DisposeAsync();
            store.Leave();
            throw;
        }
    }

    /// <summary>
    /// Judges a lookup made through <paramref name="lease"/> by the change log's head read after it. The head is read after the search began, so every change committed before the search
    /// is at or below it: a lookup made at that Seq is <see cref="LocalSearchCheck.Current"/>. A head past the lease's
    /// Seq is caught up here (with <paramref name="catchUp"/>) and the caller looks up again
    /// (<see cref="LocalSearchCheck.CaughtUp"/>); on that second look the index holds everything up to the first head,
    /// so it is current whatever the head says by then. Another generation, a head behind the index or a failing
    /// write make the index <see cref="LocalSearchCheck.Unusable"/>: the search is unavailable until the index is
    /// rebuilt.
    /// </summary>
    public async Task<LocalSearchCheck> CheckAsync(GongkaiDbContext db, LocalSearchLease lease, CatalogSearchLogHead head, bool catchUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lease);
        var store = lease.Store;
        if (head.Generation != store.Generation)
        {
            Fail(store, null, "the local search index belongs to another database (generation {Local}, database {Database})", store.Generation, head.Generation);
            return LocalSearchCheck.Unusable;
        }

        if (head.Newest < lease.AppliedSeq)
        {
            Fail(store, null, "the change log ends at {Newest}, before the local index's {Applied} (a restored database?)", head.Newest, lease.AppliedSeq);
            return LocalSearchCheck.Unusable;
        }

        if (head.Newest == lease.AppliedSeq || !catchUp)
        {
            Interlocked.Increment(ref _served);
            return LocalSearchCheck.Current;
        }

        try
        {
            await CatchUpAsync(db, store, head.Newest, cancellationToken);
            lease.AppliedSeq = store.AppliedSeq;
            return LocalSearchCheck.CaughtUp;
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            Fail(store, exception, "the local search index {File} cannot be used", store.File, null);
            return LocalSearchCheck.Unusable;
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

    /// <summary>A search that failed on the local index: searches are unavailable until the index is rebuilt.</summary>
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
        logger.LogWarning(exception, "Search is unavailable on this node until its local index is rebuilt: " + message, first, second);
#pragma warning restore CA2254
    }

    /// <summary>The database's generation id and the change log's newest Seq (0 when empty), in one statement.</summary>
    internal static async Task<CatalogSearchLogHead> LogHeadAsync(GongkaiDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = CatalogSearchIndex.LogHeadSql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await CatalogSearchIndex.ReadLogHeadAsync(reader, cancellationToken);
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
            var entries = new Dictionary<long, LocalSearchEntry>();
            await foreach (var item in ItemsAsync(db, keys, cancellationToken))
            {
                entries[item.SearchKey!.Value] = EntryOf(item);
            }

            // A rename is logged (CatalogSearchIndex.NamesChanged); a new agency or category is not: an item that
            // names one the node does not know reads the names again too.
            var known = store.Names;
            var names = keys.Contains(CatalogSearchIndex.NamesChanged)
                || entries.Values.Any(e => !known.ContainsKey(e.Item.AgencyId) || (e.Item.TopicCategoryId is { } t && !known.ContainsKey(t)) || (e.Item.GenreCategoryId is { } g && !known.ContainsKey(g)))
                ? await NamesAsync(db, cancellationToken) : null;

            await using var connection = new SqliteConnection(store.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var delete = Command(connection, transaction, """DELETE FROM "CatalogSearch" WHERE rowid = $key""", "$key");
            await using var deleteRow = Command(connection, transaction, """DELETE FROM "CatalogSearchRows" WHERE "Key" = $key""", "$key");
            await using var insert = Command(connection, transaction, """INSERT INTO "CatalogSearch" (rowid, terms) VALUES ($key, $terms)""", "$key", "$terms");
            await using var insertRow = Command(connection, transaction, InsertRowSql, InsertRowParameters);
            foreach (var key in keys)
            {
                delete.Parameters["$key"].Value = key;
                await delete.ExecuteNonQueryAsync(cancellationToken);
                deleteRow.Parameters["$key"].Value = key;
                await deleteRow.ExecuteNonQueryAsync(cancellationToken);
                if (entries.TryGetValue(key, out var entry))
                {
                    insert.Parameters["$key"].Value = key;
                    insert.Parameters["$terms"].Value = entry.Terms;
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                    SetRow(insertRow, entry);
                    await insertRow.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            if (names is not null)
            {
                await WriteNamesAsync(connection, transaction, names, cancellationToken);
            }

            await SetAppliedAsync(connection, transaction, newest, cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            // The names first: a search that sees the new Seq sees the names it brought.
            if (names is not null)
            {
                store.Names = names;
            }

            store.AppliedSeq = newest;
        }
        finally
        {
            _apply.Release();
        }
    }

    /// <summary>
    /// The published items (all, or those with the given search keys) in search-key order, with only the columns
    /// <see cref="CatalogSearchDocument.From"/> and a result (<see cref="RowsCreate"/>) read: one streamed statement on the context's connection and in its
    /// transaction, without EF's materialisation (a third of the build's reading time).
    /// </summary>
    internal static async IAsyncEnumerable<CatalogItem> ItemsAsync(GongkaiDbContext db, IReadOnlyList<long>? keys, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken, long? after = null)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandTimeout = db.Database.GetCommandTimeout() ?? 30;
        command.CommandText = """
            SELECT "Id", "AgencyId", "SearchKey", "Title", "DocumentNumber", "IndexNumber", "Summary", "Keywords", "Body", "Mode", "TopicCategoryId", "GenreCategoryId", "PublishedOn"
            FROM "CatalogItems" WHERE "SearchKey" IS NOT NULL
            """ + (keys is null ? "" : """ AND "SearchKey" = ANY (@keys)""") + (after is null ? "" : """ AND "SearchKey" > @after""") + """ ORDER BY "SearchKey" """;
        if (after is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@after";
            parameter.Value = after.Value;
            command.Parameters.Add(parameter);
        }

        if (keys is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@keys";
            parameter.Value = keys as long[] ?? [.. keys];
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);

        // Cancelled while the consumer waits (a build stopped with the app), the statement must be cancelled on the
        // server: closing the reader otherwise reads the rest of the result, all 20 million rows, and the app's
        // shutdown gives up before the build has ended cleanly.
        await using var cancel = cancellationToken.Register(static c => ((DbCommand)c!).Cancel(), command);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new CatalogItem
            {
                Id = reader.GetGuid(0),
                AgencyId = reader.GetGuid(1),
                SearchKey = reader.GetInt64(2),
                Title = reader.GetString(3),
                DocumentNumber = reader.IsDBNull(4) ? null : reader.GetString(4),
                IndexNumber = reader.IsDBNull(5) ? null : reader.GetString(5),
                Summary = reader.IsDBNull(6) ? null : reader.GetString(6),
                Keywords = reader.IsDBNull(7) ? null : reader.GetString(7),
                Body = reader.GetString(8),
                Mode = (Gongkai.Catalog.DisclosureMode)reader.GetInt32(9),
                TopicCategoryId = reader.IsDBNull(10) ? null : reader.GetGuid(10),
                GenreCategoryId = reader.IsDBNull(11) ? null : reader.GetGuid(11),
                PublishedOn = reader.IsDBNull(12) ? null : reader.GetFieldValue<DateOnly>(12),
                Publisher = "",
                DraftedByName = "",
            };
        }
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
    /// <remarks>The builder's connection (<paramref name="create"/>) is not pooled: its bulk-load pragmas must not outlive it.</remarks>
    internal static string ConnectionStringOf(string file, bool create = false) => new SqliteConnectionStringBuilder
    {
        DataSource = file,
        Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
        Pooling = !create,
        DefaultTimeout = 30,
    }.ToString();

    internal static string NewFileName(DateTimeOffset now) => FilePrefix + now.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8] + ".db";

    internal IEnumerable<string> Files() => Directory.Exists(Folder) ? Directory.EnumerateFiles(Folder, FilePrefix + "*.db") : [];

    /// <summary>
    /// Reads a file's meta row: (generation, applied Seq), or null when it is not a complete index of this
    /// <see cref="Format"/> or cannot be read. The whole file is checked after it serves (<see cref="CheckFileAsync"/>):
    /// <c>PRAGMA quick_check</c> reads every page, which at 20,000,000 items (22.7 GB) kept a restarted node without
    /// search for many minutes.
    /// </summary>
    internal static async Task<(Guid Generation, long AppliedSeq)?> MetaAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(ConnectionStringOf(file));
            await connection.OpenAsync(cancellationToken);
            await using var command = Command(connection, null, """SELECT "Generation", "AppliedSeq" FROM "LocalIndex" WHERE "Complete" = 1 AND "Format" = $format""", "$format");
            command.Parameters["$format"].Value = Format;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            return (Guid.Parse(reader.GetString(0)), reader.GetInt64(1));
        }
        catch (Exception exception) when (exception is SqliteException or IOException or FormatException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads the progress row of a build that stopped before it completed (<see cref="LocalSearchIndexBuilder"/>): the
    /// generation, the Seq of its first snapshot, the last key committed and the items up to it; null when the file is
    /// complete, has no such row (made by an older version), or fails <c>PRAGMA quick_check</c>. Opening the file rolls
    /// back what its journal holds of the commit in progress when it stopped.
    /// </summary>
    internal static async Task<(Guid Generation, long AppliedSeq, long LastKey, long Items)?> PartialAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(ConnectionStringOf(file, create: true));
            await connection.OpenAsync(cancellationToken);
            await using var command = Command(connection, null, """SELECT "Generation", "AppliedSeq", "LastKey", "Items" FROM "LocalIndex" WHERE "Complete" = 0 AND "LastKey" IS NOT NULL AND "Format" = $format""", "$format");
            command.Parameters["$format"].Value = Format;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            var partial = (Guid.Parse(reader.GetString(0)), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            await reader.CloseAsync();
            await using var check = Command(connection, null, "PRAGMA quick_check");
            return (string?)await check.ExecuteScalarAsync(cancellationToken) == "ok" ? partial : null;
        }
        catch (Exception exception) when (exception is SqliteException or IOException or FormatException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>PRAGMA quick_check</c> of a file this node serves, on a connection of its own (searches go on meanwhile): null
    /// when it is sound, else what SQLite found. A file that cannot be opened or read counts as damaged.
    /// </summary>
    internal static async Task<string?> CheckFileAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var check = Command(connection, null, "PRAGMA quick_check(1)");
            var result = (string?)await check.ExecuteScalarAsync(cancellationToken);
            return result == "ok" ? null : result ?? "no result";
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            return exception.Message;
        }
    }

    /// <summary>The background check of <paramref name="file"/> found it damaged: if it still serves, searches are unavailable until the index is rebuilt.</summary>
    internal void FailedCheck(string file, string problem)
    {
        if (Volatile.Read(ref _current) is { } store && store.File == file)
        {
            Fail(store, null, "the local search index {File} failed its check: {Problem}", file, problem);
        }
    }

    /// <summary>Starts serving from a complete file; the one served before is deleted when its readers are done.</summary>
    internal void Serve(string file, Guid generation, long appliedSeq, IReadOnlyDictionary<Guid, string> names)
    {
        Store? previous;
        lock (_sync)
        {
            previous = _current;
            _current = new Store(file, ConnectionStringOf(file), generation, Delete) { AppliedSeq = appliedSeq, Names = names };
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

    public void Dispose()
    {
        if (Enabled)
        {
            LogServed(logger, Served, TextsRead, FellBack);
        }

        _apply.Dispose();
        lock (_sync)
        {
            _folderLock?.Dispose();
            _folderLock = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local search index: {Served} searches answered from it, {TextsRead} of them read a snippet text from PostgreSQL; {FellBack} answered by PostgreSQL's own search.")]
    private static partial void LogServed(ILogger logger, long served, long textsRead, long fellBack);

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
        private IReadOnlyDictionary<Guid, string> _names = new Dictionary<Guid, string>();
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

        /// <summary>The names a result shows (agencies, categories) by id, as of <see cref="AppliedSeq"/> at least; replaced whole.</summary>
        public IReadOnlyDictionary<Guid, string> Names
        {
            get => Volatile.Read(ref _names);
            set => Volatile.Write(ref _names, value);
        }

        public long AppliedSeq
        {
            get => Interlocked.Read(ref _appliedSeq);
            set => Interlocked.Exchange(ref _appliedSeq, value);
        }
    }
}

/// <summary>What the change log's head says of a lookup in the local index (<see cref="LocalSearchIndex.CheckAsync"/>).</summary>
public enum LocalSearchCheck
{
    /// <summary>The lookup had every change committed before the search began: its page stands.</summary>
    Current,

    /// <summary>The index was behind and has been caught up to the head: look up again.</summary>
    CaughtUp,

    /// <summary>The index cannot be used (another database, a restored one, a failing file): search is unavailable until it is rebuilt.</summary>
    Unusable,
}

/// <summary>An open connection to the local index for one search; disposing it lets a retired file go.</summary>
public sealed class LocalSearchLease : IAsyncDisposable
{
    private long _appliedSeq;

    internal LocalSearchLease(SqliteConnection connection, LocalSearchIndex.Store store, long appliedSeq) => (Connection, Store, _appliedSeq) = (connection, store, appliedSeq);

    public SqliteConnection Connection { get; }

    internal LocalSearchIndex.Store Store { get; }

    /// <summary>The change log's Seq the index held, at least, when the lookup started.</summary>
    public long AppliedSeq
    {
        get => Interlocked.Read(ref _appliedSeq);
        internal set => Interlocked.Exchange(ref _appliedSeq, value);
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        Store.Leave();
    }
}

/// <summary>
/// Builds the node's local index in the background (never blocking start or readiness): adopts a complete file of the
/// same database at start, otherwise goes on with a build of it that stopped (see <c>BuildAsync</c>) or reads every
/// published item from PostgreSQL in one read-only REPEATABLE READ transaction, in search-key batches, into a new
/// file, and swaps it in; again whenever the index fails.
/// </summary>
public sealed partial class LocalSearchIndexBuilder(LocalSearchIndex index, IServiceScopeFactory scopes, TimeProvider clock, ILogger<LocalSearchIndexBuilder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!index.Enabled)
        {
            return;
        }

        // Before the first await, so the folder is this process's (or known to be another's) once the host has started.
        try
        {
            if (!index.TryLockFolder())
            {
                LogFolderInUse(logger, index.Folder, LocalSearchIndex.LockFileName);
                return;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A folder that cannot be made or written: search is unavailable on this node; the app itself must not stop.
            LogFolderUnusable(logger, exception, index.Folder);
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

    /// <summary>
    /// Serves from the newest complete file of this database, if there is one; otherwise keeps the newest build of
    /// this database that stopped before it completed, to go on from (<see cref="BuildAsync"/>); deletes the others.
    /// </summary>
    private async Task<bool> AdoptAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredKeyedService<GongkaiDbContext>(PublicReads.Key);
        var (generation, newest) = await LocalSearchIndex.LogHeadAsync(db, cancellationToken);
        string? adopted = null;
        _resume = null;
        var files = index.Files().OrderDescending(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            if (adopted is null && await LocalSearchIndex.MetaAsync(file, cancellationToken) is { } meta && meta.Generation == generation && meta.AppliedSeq <= newest)
            {
                adopted = file;
                var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Checked = CheckAdoptedAsync(file, serving.Task, cancellationToken);
                try
                {
                    index.Serve(file, meta.Generation, meta.AppliedSeq, await LocalSearchIndex.ReadNamesAsync(file, cancellationToken));
                    LogAdopted(logger, file, meta.AppliedSeq);
                }
                finally
                {
                    serving.SetResult();
                }
            }
        }

        foreach (var file in files.Where(f => f != adopted))
        {
            // A stopped build of this database whose first snapshot the log has not gone back past (a restore) goes on.
            if (adopted is null && _resume is null && await LocalSearchIndex.PartialAsync(file, cancellationToken) is { } partial
                && partial.Generation == generation && partial.AppliedSeq <= newest)
            {
                _resume = new Resume(file, partial.AppliedSeq, partial.LastKey, partial.Items);
                continue;
            }

            index.Delete(file);
        }

        return adopted is not null;
    }

    /// <summary>The background check of the file adopted at the start (tests await it), set before the file serves; null when none was adopted.</summary>
    internal Task? Checked { get; private set; }

    /// <summary>
    /// Checks a file adopted at the start while it serves: a file damaged while the node was stopped (a disk fault, a
    /// bad copy) is found within the minutes the check takes and rebuilt, as a search that fails on it would be.
    /// </summary>
    private async Task CheckAdoptedAsync(string file, Task serving, CancellationToken cancellationToken)
    {
        await serving;
        try
        {
            if (index.BeforeCheck is { } beforeCheck)
            {
                await beforeCheck(file, cancellationToken);
            }

            var started = clock.GetTimestamp();
            if (await LocalSearchIndex.CheckFileAsync(file, cancellationToken) is { } problem)
            {
                index.FailedCheck(file, problem);
            }
            else
            {
                LogChecked(logger, file, clock.GetElapsedTime(started).TotalSeconds);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The app is stopping; the next start checks again.
        }
    }

    /// <summary>A build that stopped before it completed, to go on from at the start: its file, first snapshot's Seq, last committed key and items.</summary>
    private sealed record Resume(string File, long AppliedSeq, long LastKey, long Items);

    private Resume? _resume;

    /// <summary>
    /// FTS5 settings while the new file is loaded (it is nobody's yet): no incremental merging, and pending terms
    /// flushed to a segment every 64 MB instead of every 1 MB, so the load writes a few large segments that the final
    /// merge (<see cref="MergeAsync"/>) makes one at the end instead of merging small ones again and again; then
    /// FTS5's defaults again for the catch-up writes of the served file.
    /// </summary>
    private static readonly string[] BulkLoad =
    [
        """INSERT INTO "CatalogSearch" ("CatalogSearch", rank) VALUES ('automerge', 0)""",
        """INSERT INTO "CatalogSearch" ("CatalogSearch", rank) VALUES ('hashsize', 67108864)""",
    ];

    private static readonly string[] Served =
    [
        """INSERT INTO "CatalogSearch" ("CatalogSearch", rank) VALUES ('automerge', 4)""",
        """INSERT INTO "CatalogSearch" ("CatalogSearch", rank) VALUES ('hashsize', 1048576)""",
    ];

    /// <summary>
    /// Reads every published item in one streamed statement of one REPEATABLE READ snapshot, turns batches of them
    /// into FTS5 terms on the thread pool (a bounded channel of tasks in key order, so tokenising runs on every core
    /// while memory stays at a few batches), and inserts them with one prepared statement into a new file that is
    /// not synced (it is swapped in only when complete). Keys arrive in ascending order, which is the order FTS5
    /// appends postings without flushing.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>Resumable.</b> Every <see cref="LocalSearchIndexOptions.CommitEvery"/> items the transaction commits with the
    /// file's progress row (<c>LocalIndex</c>: generation, the Seq of the build's first snapshot, the last key
    /// committed, the items; <c>Complete</c> 0). The file has a rollback journal, so a process that stops — however it
    /// stops, short of the machine losing power — leaves the file as of its last commit. A build stopped with the app
    /// keeps its file; at the next start <see cref="AdoptAsync"/> finds it and the build goes on with the items after
    /// the last key, in a new snapshot. Why the result is exact: the file records the first snapshot's Seq, which is
    /// never raised while building; every change made since to an item already in the file has a log entry after that
    /// Seq, so the first search after the swap applies it (ADR 0014); the items after the last key are read as they
    /// are now, and applying their entries again is harmless.
    /// </para>
    /// <para>A build that fails otherwise (the database, the disk) deletes its file and the next one starts over.</para>
    /// </remarks>
    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(index.Folder);
        var resume = _resume;
        _resume = null;
        var file = resume?.File ?? Path.Combine(index.Folder, LocalSearchIndex.NewFileName(clock.GetUtcNow()));
        var started = clock.GetTimestamp();
        var stopped = false;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredKeyedService<GongkaiDbContext>(PublicReads.Key);
            db.Database.SetCommandTimeout(TimeSpan.FromHours(12));
            await using var read = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", cancellationToken);
            var (generation, newest) = await LocalSearchIndex.LogHeadAsync(db, cancellationToken);
            var applied = resume?.AppliedSeq ?? newest;
            var total = await db.CatalogItems.LongCountAsync(i => i.SearchKey != null, cancellationToken);
            var names = await LocalSearchIndex.NamesAsync(db, cancellationToken);
            long items = resume?.Items ?? 0;
            index.Building(items, total);
            if (resume is null)
            {
                LogBuilding(logger, file, total);
            }
            else
            {
                LogResuming(logger, file, items, resume.LastKey, total);
            }

            await using var connection = new SqliteConnection(LocalSearchIndex.ConnectionStringOf(file, create: true));
            await connection.OpenAsync(cancellationToken);
            foreach (var statement in (string[])["PRAGMA journal_mode = TRUNCATE", "PRAGMA synchronous = OFF", "PRAGMA cache_size = -65536"])
            {
                await ExecuteAsync(connection, statement, cancellationToken);
            }

            if (resume is null)
            {
                foreach (var statement in (string[])[.. CatalogSearchSchema.SqliteCreate, .. LocalSearchIndex.RowsCreate,
                    """CREATE TABLE "LocalIndex" ("Generation" TEXT NOT NULL, "AppliedSeq" INTEGER NOT NULL, "Complete" INTEGER NOT NULL, "Format" INTEGER NOT NULL, "LastKey" INTEGER NULL, "Items" INTEGER NOT NULL)""",
                    "INSERT INTO \"LocalIndex\" VALUES ('" + generation.ToString() + "', " + applied.ToString(CultureInfo.InvariantCulture) + ", 0, " + LocalSearchIndex.Format.ToString(CultureInfo.InvariantCulture) + ", NULL, 0)"])
                {
                    await ExecuteAsync(connection, statement, cancellationToken);
                }
            }

            foreach (var statement in BulkLoad)
            {
                await ExecuteAsync(connection, statement, cancellationToken);
            }

            var batches = Channel.CreateBounded<Task<LocalSearchEntry[]>>(new BoundedChannelOptions(2 * Environment.ProcessorCount) { SingleReader = true, SingleWriter = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reading = ReadAsync(db, index, batches.Writer, resume?.LastKey, stop.Token);
            var waited = TimeSpan.Zero;
            var lastReport = started;
            long uncommitted = 0;
            long? lastKey = resume?.LastKey;
            try
            {
                var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                try
                {
                    await using var insert = LocalSearchIndex.Command(connection, transaction, """INSERT INTO "CatalogSearch" (rowid, terms) VALUES ($key, $terms)""", "$key", "$terms");
                    await using var insertRow = LocalSearchIndex.Command(connection, transaction, LocalSearchIndex.InsertRowSql, LocalSearchIndex.InsertRowParameters);
                    await using var progress = LocalSearchIndex.Command(connection, transaction, """UPDATE "LocalIndex" SET "LastKey" = $key, "Items" = $items""", "$key", "$items");
                    insert.Prepare();
                    insertRow.Prepare();
                    while (await batches.Reader.WaitToReadAsync(stop.Token))
                    {
                        var waiting = clock.GetTimestamp();
                        var batch = await await batches.Reader.ReadAsync(stop.Token);
                        waited += clock.GetElapsedTime(waiting);
                        foreach (var entry in batch)
                        {
                            insert.Parameters["$key"].Value = entry.Key;
                            insert.Parameters["$terms"].Value = entry.Terms;
                            insert.ExecuteNonQuery();
                            LocalSearchIndex.SetRow(insertRow, entry);
                            insertRow.ExecuteNonQuery();
                        }

                        items += batch.Length;
                        uncommitted += batch.Length;
                        lastKey = batch.Length > 0 ? batch[^1].Key : lastKey;
                        index.Building(items, total);
                        if (uncommitted >= index.CommitEvery)
                        {
                            await CommitAsync();
                            transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                            (insert.Transaction, insertRow.Transaction, progress.Transaction) = (transaction, transaction, transaction);
                            if (index.AfterCommit is { } afterCommit)
                            {
                                await afterCommit(items, stop.Token);
                            }
                        }

                        if (clock.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(10))
                        {
                            lastReport = clock.GetTimestamp();
                            LogProgress(logger, items, total);
                        }
                    }

                    await reading;
                    await LocalSearchIndex.WriteNamesAsync(connection, transaction, names, cancellationToken);
                    await CommitAsync();

                    async Task CommitAsync()
                    {
                        progress.Parameters["$key"].Value = lastKey is { } last ? last : DBNull.Value;
                        progress.Parameters["$items"].Value = items;
                        await progress.ExecuteNonQueryAsync(cancellationToken);
                        await transaction.CommitAsync(cancellationToken);
                        uncommitted = 0;
                    }
                }
                finally
                {
                    await transaction.DisposeAsync();
                }
            }
            catch
            {
                await stop.CancelAsync();
                await reading.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                throw;
            }

            var loaded = clock.GetElapsedTime(started);
            var steps = await MergeAsync(connection, index.MergePagesPerStep, cancellationToken);
            foreach (var statement in (string[])[.. Served, "PRAGMA synchronous = FULL", """UPDATE "LocalIndex" SET "Complete" = 1""", "PRAGMA journal_mode = WAL"])
            {
                await ExecuteAsync(connection, statement, cancellationToken);
            }

            await connection.CloseAsync();
            await read.CommitAsync(cancellationToken);
            index.Serve(file, generation, applied, names);
            var seconds = clock.GetElapsedTime(started).TotalSeconds;
            var built = items - (resume?.Items ?? 0);
            LogBuilt(logger, built, seconds, built * 60 / Math.Max(seconds, 0.001), new FileInfo(file).Length, loaded.TotalSeconds, waited.TotalSeconds, seconds - loaded.TotalSeconds, steps);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The app is stopping: the file keeps what was committed, and the next start goes on from there.
            stopped = true;
            LogStopped(logger, file);
            throw;
        }
        finally
        {
            if (!stopped && index.CurrentFile != file)
            {
                index.Delete(file);
            }
        }
    }

    /// <summary>
    /// Merges the FTS5 segments the load wrote into one, in steps of about <paramref name="pagesPerStep"/> pages, each
    /// committed on its own, and returns the steps taken. FTS5's 'merge' with a negative count puts every segment on
    /// one level (or, when a merge is under way, goes on with it) and merges as few as two; it did nothing when
    /// <c>total_changes()</c> rose by less than 2 (the FTS5 documentation's test), which is when one segment is left.
    /// One 'optimize' statement did the same in one transaction, whose rollback journal grew towards the file's size
    /// (6.45 GB in 2 minutes on 20,000,000 items) and which a stop could only abandon; steps bound the journal, let a
    /// stop end within a step, and a later start goes on with the merge where it stood.
    /// </summary>
    internal static async Task<int> MergeAsync(SqliteConnection connection, int pagesPerStep, CancellationToken cancellationToken)
    {
        await using var merge = LocalSearchIndex.Command(connection, null, """INSERT INTO "CatalogSearch" ("CatalogSearch", rank) VALUES ('merge', $pages)""", "$pages");
        merge.Parameters["$pages"].Value = -pagesPerStep;
        await using var changes = LocalSearchIndex.Command(connection, null, "SELECT total_changes()");
        var steps = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var before = (long)(await changes.ExecuteScalarAsync(cancellationToken))!;
            await merge.ExecuteNonQueryAsync(cancellationToken);
            steps++;
            if ((long)(await changes.ExecuteScalarAsync(cancellationToken))! - before < 2)
            {
                return steps;
            }
        }
    }

    /// <summary>
    /// The build's producer: streams the published items (after <paramref name="after"/>, when going on with a stopped
    /// build) and hands each batch to the thread pool to be tokenised, writing the batch's task to the channel in key
    /// order (the channel's bound is the build's memory).
    /// </summary>
    private static async Task ReadAsync(GongkaiDbContext db, LocalSearchIndex index, ChannelWriter<Task<LocalSearchEntry[]>> batches, long? after, CancellationToken cancellationToken)
    {
        var batchSize = index.BatchSize;
        try
        {
            var batch = new List<CatalogItem>(batchSize);
            await foreach (var item in LocalSearchIndex.ItemsAsync(db, null, cancellationToken, after))
            {
                batch.Add(item);
                if (batch.Count == batchSize)
                {
                    await batches.WriteAsync(EntriesAsync(index, batch, cancellationToken), cancellationToken);
                    batch = new List<CatalogItem>(batchSize);
                }
            }

            if (batch.Count > 0)
            {
                await batches.WriteAsync(EntriesAsync(index, batch, cancellationToken), cancellationToken);
            }

            batches.Complete();
        }
        catch (Exception exception)
        {
            batches.TryComplete(exception);
            throw;
        }
    }

    private static Task<LocalSearchEntry[]> EntriesAsync(LocalSearchIndex index, List<CatalogItem> batch, CancellationToken cancellationToken) =>
        Task.Run(() => batch.Select(index.EntryOf).ToArray(), cancellationToken);

    private static async Task ExecuteAsync(SqliteConnection connection, string statement, CancellationToken cancellationToken)
    {
        await using var command = LocalSearchIndex.Command(connection, null, statement);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Building the local search index {File}: {Total} published items.")]
    private static partial void LogBuilding(ILogger logger, string file, long total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Going on with the local search index {File} that stopped after {Items} items (key {LastKey}): {Total} published items.")]
    private static partial void LogResuming(ILogger logger, string file, long items, long lastKey, long total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The app is stopping: the local search index {File} keeps the items of its last commit, and the next start goes on from there.")]
    private static partial void LogStopped(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local search index: {Items} of {Total} items.")]
    private static partial void LogProgress(ILogger logger, long items, long total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local search index built: {Items} items in {Seconds:F1} s ({PerMinute:F0} items/min), {Bytes} bytes; loading {Loading:F1} s of which {Waiting:F1} s waiting for PostgreSQL and tokenising, final merge {Merging:F1} s in {Steps} steps; searches now read it.")]
    private static partial void LogBuilt(ILogger logger, long items, double seconds, double perMinute, long bytes, double loading, double waiting, double merging, int steps);

    [LoggerMessage(Level = LogLevel.Information, Message = "The local search index {File} passed its check in {Seconds:F1} s.")]
    private static partial void LogChecked(ILogger logger, string file, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the existing local search index {File} (change log Seq {Seq}); checking it in the background.")]
    private static partial void LogAdopted(ILogger logger, string file, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another process holds the local search index folder {Folder} (its lock file {LockFile} is taken): this process neither builds nor reads a local index, so it answers no searches. Give each process its own Search:LocalIndex:Path.")]
    private static partial void LogFolderInUse(ILogger logger, string folder, string lockFile);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The local search index folder {Folder} cannot be made or written: this process neither builds nor reads a local index, so it answers no searches.")]
    private static partial void LogFolderUnusable(ILogger logger, Exception exception, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The local search index could not be built; search is unavailable on this node. Trying again.")]
    private static partial void LogBuildFailed(ILogger logger, Exception exception);
}

/// <summary>
/// Reports the node's local search index in /health/ready without ever failing readiness: without it only the public
/// search is unavailable (and says so), while the rest of the site works; taking every node out of service during a
/// first build would close the whole site for hours.
/// </summary>
internal sealed class LocalSearchIndexHealthCheck(LocalSearchIndex index) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = index.State;
        var text = !index.Enabled ? "未启用，本节点不提供检索。"
            : state.FolderInUse ? "索引目录已由本机另一进程使用，本进程不建立索引，不提供检索。"
            : state.Serving ? $"已就绪，检索由本节点索引回答（变更序号 {state.AppliedSeq}）。"
            : state.Building ? $"正在建立：{state.Items} / {state.Total} 条，建成前检索暂不可用。"
            : "尚未建立，建成前检索暂不可用。";
        return Task.FromResult(HealthCheckResult.Healthy(text));
    }
}

/// <summary>One published item as the local index holds it: its FTS5 terms, the item's shown fields and the start of its snippet text.</summary>
internal sealed record LocalSearchEntry(long Key, string Terms, CatalogItem Item, SnippetSource Text);

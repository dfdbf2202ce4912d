using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Gongkai.CatalogLoad;

/// <summary>
/// Fills an empty database with N published catalogue items for bench/search-load.sh: on SQLite with their FTS5
/// search entries (the same terms the platform writes), on PostgreSQL the items only (each app node builds its own
/// index from them, ADR 0014). Usage: Gongkai.CatalogLoad --provider Sqlite|PostgreSQL --connection "..."
/// [--count 1000000] [--writers 2] [--min-free-gb 15]. The schema comes from the platform's migrations; rows are
/// written in bulk (prepared statements in large transactions on SQLite, binary COPY on PostgreSQL) with the search
/// keys the platform would give them.
/// </summary>
internal static class Program
{
    private const int Batch = 20_000;
    private static readonly DateOnly First = new(2015, 1, 1);
    private static readonly DateOnly Last = new(2024, 12, 31);
    private static readonly DateTime Now = new(2025, 1, 2, 1, 0, 0, DateTimeKind.Utc);

    public static async Task<int> Main(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var options = new DatabaseOptions
        {
            Provider = Arg("--provider") ?? DatabaseProviders.Sqlite,
            ConnectionString = Arg("--connection") ?? "Data Source=catalog-load.db",
            MigrateOnStartup = false,
        };
        var count = long.Parse(Arg("--count") ?? "1000000", CultureInfo.InvariantCulture);
        var writers = int.Parse(Arg("--writers") ?? "2", CultureInfo.InvariantCulture);
        var minFreeBytes = long.Parse(Arg("--min-free-gb") ?? "15", CultureInfo.InvariantCulture) << 30;
        var sqlite = string.Equals(options.Provider, DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase);
        var clock = Stopwatch.StartNew();

        var builder = new DbContextOptionsBuilder<GongkaiDbContext>();
        builder.UseGongkaiDatabase(options);
        await using (var db = new GongkaiDbContext(builder.Options))
        {
            await db.Database.MigrateAsync();
            if (await db.CatalogItems.AnyAsync())
            {
                await Console.Error.WriteLineAsync("The database already has catalogue items; use an empty one.");
                return 1;
            }
        }

        var counties = CatalogText.CountiesFor(count);
        var agencyCount = CatalogText.AgencyCount(counties);
        Console.WriteLine($"schema ready ({clock.Elapsed.TotalSeconds:0.0} s); generating {count:N0} items of {agencyCount:N0} agencies in {counties} counties");
        var (agencies, topics, genres) = Reference(agencyCount);
        IWriter writer = sqlite ? new SqliteWriter(options.ConnectionString) : new PostgresWriter(options.ConnectionString, writers);
        await writer.BeginAsync(agencies, topics, genres);

        // Item i is published on day i × days / count; its key is that day's first key + its rank within the day
        // (closed form, so that batches can be made in any order).
        var days = Last.DayNumber - First.DayNumber + 1;
        (long Key, DateOnly Date) Key(long index)
        {
            var day = index * days / count;
            var firstOfDay = ((day * count) + days - 1) / days;
            var date = First.AddDays((int)day);
            return (CatalogSearchIndex.FirstKeyOf(date) + (index - firstOfDay), date);
        }

        GeneratedItem[] Generate(long start)
        {
            var end = Math.Min(count, start + Batch);
            return [.. Enumerable.Range(0, (int)(end - start)).AsParallel().AsOrdered()
                .Select(i => Key(start + i) is var (key, date) ? CatalogText.Generate(start + i, key, date, agencyCount) : null!)];
        }

        var next = Task.Run(() => Generate(0));
        for (long start = 0; start < count; start += Batch)
        {
            var items = await next;
            if (start + Batch < count)
            {
                var from = start + Batch;
                next = Task.Run(() => Generate(from));
            }

            if (new DriveInfo(Path.GetPathRoot(Environment.CurrentDirectory) ?? "/").AvailableFreeSpace < minFreeBytes)
            {
                await Console.Error.WriteLineAsync($"stopped after {start:N0} items: less than {minFreeBytes / (1L << 30)} GB free on the disk");
                await writer.AbandonAsync();
                return 3;
            }

            await writer.WriteAsync(items, agencies, topics, genres);
            if ((start / Batch) % 10 == 9 || start + Batch >= count)
            {
                Console.WriteLine($"{Math.Min(count, start + Batch):N0} items ({clock.Elapsed.TotalSeconds:0} s)");
            }
        }

        Console.WriteLine($"finishing (indexes, optimize, analyze) at {clock.Elapsed.TotalSeconds:0} s");
        await writer.FinishAsync(message => Console.WriteLine($"{message} ({clock.Elapsed.TotalSeconds:0} s)"));
        await using (var db = new GongkaiDbContext(builder.Options))
        {
            // Search keys were written directly: the counters continue after them (docs/adr/0007).
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await Gongkai.Data.Numbering.NumberCounters.RecountAsync(db);
        }

        Console.WriteLine($"done: {count:N0} items in {clock.Elapsed.TotalSeconds:0} s");
        return 0;
    }

    private static (Guid[] Agencies, Guid[] Topics, Guid[] Genres) Reference(int agencyCount)
    {
        Guid Fixed(int kind, int n) => Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"01900000-0000-7000-8{kind:000}-{n:000000000000}"));
        return (
            [.. Enumerable.Range(0, agencyCount).Select(i => Fixed(1, i))],
            [.. Enumerable.Range(0, CatalogText.Topics.Length).Select(i => Fixed(2, i))],
            [.. Enumerable.Range(0, CatalogText.Genres.Length).Select(i => Fixed(3, i))]);
    }

    /// <summary>What the platform indexes for a published item (<see cref="CatalogSearchDocument.From"/>), for a generated one.</summary>
    private static CatalogSearchDocument Document(GeneratedItem item, Guid[] agencies, Guid[] topics, Guid[] genres) => new(
        item.SearchKey,
        item.Id,
        agencies[item.Agency],
        topics[item.Topic],
        genres[item.Genre],
        SearchText.DocumentTokens(item.Title),
        SearchText.DocumentTokens(item.DocumentNumber + " " + item.IndexNumber),
        SearchText.DocumentTokens(string.Join('\n', item.Summary, item.Keywords, item.Body)));

    private interface IWriter
    {
        Task BeginAsync(Guid[] agencies, Guid[] topics, Guid[] genres);

        Task WriteAsync(GeneratedItem[] items, Guid[] agencies, Guid[] topics, Guid[] genres);

        Task FinishAsync(Action<string> progress);

        /// <summary>Ends a load that stopped early (the database keeps what was written).</summary>
        Task AbandonAsync();
    }

    /// <summary>SQLite: one connection, no journal while loading, prepared statements, one transaction per batch.</summary>
    private sealed class SqliteWriter(string connectionString) : IWriter
    {
        private readonly SqliteConnection _connection = new(connectionString);
        private SqliteCommand? _item;
        private SqliteCommand? _search;

        public async Task BeginAsync(Guid[] agencies, Guid[] topics, Guid[] genres)
        {
            await _connection.OpenAsync();
            foreach (var pragma in new[] { "PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF", "PRAGMA cache_size=-1000000", "PRAGMA temp_store=MEMORY" })
            {
                await Execute(pragma);
            }

            await using var transaction = _connection.BeginTransaction();
            var region = Guid.Parse("01900000-0000-7000-8000-000000000001");
            await Execute($"INSERT INTO \"Regions\" (\"Id\", \"ParentId\", \"Name\", \"Code\", \"Level\", \"Path\") VALUES ('{G(region)}', NULL, '测试市', '410700', 2, '/{region:N}/')");
            for (var i = 0; i < agencies.Length; i++)
            {
                await Execute(string.Create(CultureInfo.InvariantCulture, $"""
                    INSERT INTO "Agencies" ("Id", "RegionId", "Name", "Kind", "CreditCode", "SortOrder", "OfficeName", "Address", "PostalCode", "OfficeHours", "Phone", "Fax", "Email", "Website", "AcceptedChannels")
                    VALUES ('{G(agencies[i])}', '{G(region)}', '{CatalogText.Agency(i)}', {(i % CatalogText.Departments.Length == 0 ? 1 : 2)}, '11{410700 + (i / CatalogText.Departments.Length):000000}MB{i + 1:0000000}X', {i}, '{CatalogText.Agency(i)}办公室', '人民路 1 号', '453000', '工作日 8:30—17:30', '0373-5000000', NULL, NULL, NULL, 63)
                    """));
            }

            for (var i = 0; i < topics.Length; i++)
            {
                await Execute($"INSERT INTO \"CatalogCategories\" (\"Id\", \"AgencyId\", \"Scheme\", \"Group\", \"Name\", \"SortOrder\") VALUES ('{G(topics[i])}', NULL, 1, '{CatalogText.Topics[i].Group}', '{CatalogText.Topics[i].Name}', {i})");
            }

            for (var i = 0; i < genres.Length; i++)
            {
                await Execute($"INSERT INTO \"CatalogCategories\" (\"Id\", \"AgencyId\", \"Scheme\", \"Group\", \"Name\", \"SortOrder\") VALUES ('{G(genres[i])}', NULL, 2, NULL, '{CatalogText.Genres[i]}', {100 + i})");
            }

            transaction.Commit();
            _item = _connection.CreateCommand();
            _item.CommandText = """
                INSERT INTO "CatalogItems" ("Id", "AgencyId", "SeriesId", "Version", "Status", "Kind", "IndexNumber", "Title", "Publisher", "DocumentNumber",
                    "WrittenOn", "PublishedOn", "FormedOn", "TopicCategoryId", "GenreCategoryId", "Mode", "Summary", "Keywords", "Body",
                    "DraftedById", "DraftedByName", "CreatedAtUtc", "UpdatedAtUtc", "PublishedAtUtc", "SearchKey", "Revision")
                VALUES ($id, $agency, $id, 1, 5, $kind, $index, $title, $publisher, $number, $written, $published, $written, $topic, $genre, 1, $summary, $keywords, $body,
                    '00000000-0000-0000-0000-000000000000', '批量生成', $now, $now, $now, $key, 0)
                """;
            foreach (var name in new[] { "$id", "$agency", "$kind", "$index", "$title", "$publisher", "$number", "$written", "$published", "$topic", "$genre", "$summary", "$keywords", "$body", "$now", "$key" })
            {
                _item.Parameters.Add(new SqliteParameter(name, null));
            }

            _search = _connection.CreateCommand();
            _search.CommandText = """INSERT INTO "CatalogSearch" (rowid, terms) VALUES ($key, $terms)""";
            foreach (var name in new[] { "$key", "$terms" })
            {
                _search.Parameters.Add(new SqliteParameter(name, null));
            }
        }

        public async Task WriteAsync(GeneratedItem[] items, Guid[] agencies, Guid[] topics, Guid[] genres)
        {
            await using var transaction = _connection.BeginTransaction();
            _item!.Transaction = transaction;
            _search!.Transaction = transaction;
            var now = Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            foreach (var item in items)
            {
                var p = _item.Parameters;
                p["$id"].Value = G(item.Id);
                p["$agency"].Value = G(agencies[item.Agency]);
                p["$kind"].Value = item.Kind;
                p["$index"].Value = item.IndexNumber;
                p["$title"].Value = item.Title;
                p["$publisher"].Value = CatalogText.Agency(item.Agency);
                p["$number"].Value = (object?)item.DocumentNumber ?? DBNull.Value;
                p["$written"].Value = item.WrittenOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                p["$published"].Value = item.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                p["$topic"].Value = G(topics[item.Topic]);
                p["$genre"].Value = G(genres[item.Genre]);
                p["$summary"].Value = item.Summary;
                p["$keywords"].Value = item.Keywords;
                p["$body"].Value = item.Body;
                p["$now"].Value = now;
                p["$key"].Value = item.SearchKey;
                await _item.ExecuteNonQueryAsync();

                var s = _search.Parameters;
                s["$key"].Value = item.SearchKey;
                s["$terms"].Value = CatalogSearchIndex.SqliteTerms(Document(item, agencies, topics, genres));
                await _search.ExecuteNonQueryAsync();
            }

            transaction.Commit();
        }

        public async Task AbandonAsync() => await _connection.DisposeAsync();

        public async Task FinishAsync(Action<string> progress)
        {
            await Execute("""INSERT INTO "CatalogSearch" ("CatalogSearch") VALUES ('optimize')""");
            await Execute("ANALYZE");
            await Execute("PRAGMA journal_mode=DELETE");
            await _connection.DisposeAsync();
        }

        private async Task Execute(string sql)
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }

        /// <summary>EF Core's SQLite form of a Guid: upper-case text.</summary>
        private static string G(Guid id) => id.ToString().ToUpperInvariant();
    }

    /// <summary>
    /// PostgreSQL: binary COPY of the items from <paramref name="writers"/> connections at once. Only the catalogue is
    /// written: PostgreSQL keeps no search vectors (ADR 0014, "No PostgreSQL fallback search"); each app node builds
    /// its own index from the items. The table's secondary indexes and its foreign keys are dropped while loading and
    /// made again at the end (the keys NOT VALID: every reference is one of the rows written first, by construction;
    /// <c>ALTER TABLE "CatalogItems" VALIDATE CONSTRAINT …</c> checks them, one full scan each).
    /// </summary>
    private sealed class PostgresWriter(string connectionString, int writers) : IWriter
    {
        private readonly NpgsqlConnection _connection = new(connectionString);
        private readonly Channel<GeneratedItem[]> _batches = Channel.CreateBounded<GeneratedItem[]>(Math.Max(2, writers));
        private readonly List<(string Name, string Definition)> _indexes = [];
        private readonly List<(string Name, string Definition)> _keys = [];
        private Task[] _writers = [];
        private Guid[] _agencies = [];
        private Guid[] _topics = [];
        private Guid[] _genres = [];

        public async Task BeginAsync(Guid[] agencies, Guid[] topics, Guid[] genres)
        {
            (_agencies, _topics, _genres) = (agencies, topics, genres);
            await _connection.OpenAsync();
            await using (var command = new NpgsqlCommand("""
                SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'CatalogItems' AND indexname <> 'PK_CatalogItems'
                """, _connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    _indexes.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            await using (var command = new NpgsqlCommand("""
                SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '"CatalogItems"'::regclass AND contype = 'f'
                """, _connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    _keys.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            foreach (var (name, _) in _keys)
            {
                await Execute($"ALTER TABLE \"CatalogItems\" DROP CONSTRAINT \"{name}\"");
            }

            foreach (var (name, _) in _indexes)
            {
                await Execute($"DROP INDEX \"{name}\"");
            }

            await Execute("ALTER TABLE \"CatalogItems\" SET (autovacuum_enabled = false)");
            var region = Guid.Parse("01900000-0000-7000-8000-000000000001");
            await Execute($"INSERT INTO \"Regions\" (\"Id\", \"ParentId\", \"Name\", \"Code\", \"Level\", \"Path\") VALUES ('{region}', NULL, '测试市', '410700', 2, '/{region:N}/')");
            for (var i = 0; i < agencies.Length; i++)
            {
                await Execute(string.Create(CultureInfo.InvariantCulture, $"""
                    INSERT INTO "Agencies" ("Id", "RegionId", "Name", "Kind", "CreditCode", "SortOrder", "OfficeName", "Address", "PostalCode", "OfficeHours", "Phone", "AcceptedChannels")
                    VALUES ('{agencies[i]}', '{region}', '{CatalogText.Agency(i)}', {(i % CatalogText.Departments.Length == 0 ? 1 : 2)}, '11{410700 + (i / CatalogText.Departments.Length):000000}MB{i + 1:0000000}X', {i}, '{CatalogText.Agency(i)}办公室', '人民路 1 号', '453000', '工作日 8:30—17:30', '0373-5000000', 63)
                    """));
            }

            for (var i = 0; i < topics.Length; i++)
            {
                await Execute($"INSERT INTO \"CatalogCategories\" (\"Id\", \"AgencyId\", \"Scheme\", \"Group\", \"Name\", \"SortOrder\") VALUES ('{topics[i]}', NULL, 1, '{CatalogText.Topics[i].Group}', '{CatalogText.Topics[i].Name}', {i})");
            }

            for (var i = 0; i < genres.Length; i++)
            {
                await Execute($"INSERT INTO \"CatalogCategories\" (\"Id\", \"AgencyId\", \"Scheme\", \"Group\", \"Name\", \"SortOrder\") VALUES ('{genres[i]}', NULL, 2, NULL, '{CatalogText.Genres[i]}', {100 + i})");
            }

            _writers = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(WriteBatchesAsync))];
        }

        public async Task WriteAsync(GeneratedItem[] items, Guid[] agencies, Guid[] topics, Guid[] genres)
        {
            var faulted = _writers.FirstOrDefault(w => w.IsFaulted);
            if (faulted is not null)
            {
                await faulted;
            }

            await _batches.Writer.WriteAsync(items);
        }

        /// <summary>One writer: its own connection, one COPY (and so one transaction) per batch.</summary>
        private async Task WriteBatchesAsync()
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var now = new DateTime(Now.Ticks, DateTimeKind.Utc);
            await foreach (var items in _batches.Reader.ReadAllAsync())
            {
                await using var copy = await connection.BeginBinaryImportAsync("""
                    COPY "CatalogItems" ("Id", "AgencyId", "SeriesId", "Version", "Status", "Kind", "IndexNumber", "Title", "Publisher", "DocumentNumber",
                        "WrittenOn", "PublishedOn", "FormedOn", "TopicCategoryId", "GenreCategoryId", "Mode", "Summary", "Keywords", "Body",
                        "DraftedById", "DraftedByName", "CreatedAtUtc", "UpdatedAtUtc", "PublishedAtUtc", "SearchKey", "Revision") FROM STDIN (FORMAT BINARY)
                    """);
                foreach (var item in items)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(item.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(_agencies[item.Agency], NpgsqlDbType.Uuid);
                    await copy.WriteAsync(item.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer);
                    await copy.WriteAsync(5, NpgsqlDbType.Integer);
                    await copy.WriteAsync(item.Kind, NpgsqlDbType.Integer);
                    await copy.WriteAsync(item.IndexNumber, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(item.Title, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(CatalogText.Agency(item.Agency), NpgsqlDbType.Varchar);
                    if (item.DocumentNumber is null)
                    {
                        await copy.WriteNullAsync();
                    }
                    else
                    {
                        await copy.WriteAsync(item.DocumentNumber, NpgsqlDbType.Varchar);
                    }

                    await copy.WriteAsync(item.WrittenOn, NpgsqlDbType.Date);
                    await copy.WriteAsync(item.PublishedOn, NpgsqlDbType.Date);
                    await copy.WriteAsync(item.WrittenOn, NpgsqlDbType.Date);
                    await copy.WriteAsync(_topics[item.Topic], NpgsqlDbType.Uuid);
                    await copy.WriteAsync(_genres[item.Genre], NpgsqlDbType.Uuid);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer);
                    await copy.WriteAsync(item.Summary, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(item.Keywords, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(item.Body, NpgsqlDbType.Text);
                    await copy.WriteAsync(Guid.Empty, NpgsqlDbType.Uuid);
                    await copy.WriteAsync("批量生成", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(item.SearchKey, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(0, NpgsqlDbType.Integer);
                }

                await copy.CompleteAsync();
            }
        }

        public async Task AbandonAsync()
        {
            _batches.Writer.Complete();
            await Task.WhenAll(_writers);
            await _connection.DisposeAsync();
        }

        public async Task FinishAsync(Action<string> progress)
        {
            _batches.Writer.Complete();
            await Task.WhenAll(_writers);
            progress("items written");
            await Execute("SET maintenance_work_mem = '1GB'");
            foreach (var (name, definition) in _indexes)
            {
                await Execute(definition);
                progress($"index {name}");
            }

            foreach (var (name, definition) in _keys)
            {
                await Execute($"ALTER TABLE \"CatalogItems\" ADD CONSTRAINT \"{name}\" {definition} NOT VALID");
            }

            await Execute("ALTER TABLE \"CatalogItems\" RESET (autovacuum_enabled)");
            await Execute("ANALYZE");
            progress("foreign keys (NOT VALID), analyze");
            await _connection.DisposeAsync();
        }

        private async Task Execute(string sql)
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync();
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gongkai.CatalogLoad;

/// <summary>
/// Fills an empty database with N published catalogue items and their search entries, for bench/search-load.sh.
/// Usage: Gongkai.CatalogLoad --provider Sqlite|PostgreSQL --connection "..." [--count 1000000].
/// The schema comes from the platform's migrations; rows are written in bulk (prepared statements in large
/// transactions on SQLite, COPY on PostgreSQL), with the same tokens and search keys the platform writes.
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

        Console.WriteLine($"schema ready ({clock.Elapsed.TotalSeconds:0.0} s); generating {count:N0} items");
        var (agencies, topics, genres) = Reference();
        IWriter writer = sqlite ? new SqliteWriter(options.ConnectionString) : new PostgresWriter(options.ConnectionString);
        await writer.BeginAsync(agencies, topics, genres);

        var days = Last.DayNumber - First.DayNumber + 1;
        var perDay = new Dictionary<int, long>();
        long Key(long index, out DateOnly date)
        {
            date = First.AddDays((int)(index * days / count));
            var sequence = perDay.TryGetValue(date.DayNumber, out var s) ? s : 0;
            perDay[date.DayNumber] = sequence + 1;
            return CatalogSearchIndex.FirstKeyOf(date) + sequence;
        }

        GeneratedItem[] Generate(long start)
        {
            var end = Math.Min(count, start + Batch);
            var keys = new (long Key, DateOnly Date)[end - start];
            for (var i = start; i < end; i++)
            {
                keys[i - start] = (Key(i, out var date), date);
            }

            return [.. Enumerable.Range(0, (int)(end - start)).AsParallel().AsOrdered()
                .Select(i => CatalogText.Generate(start + i, keys[i].Key, keys[i].Date))];
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

            await writer.WriteAsync(items, agencies, topics, genres);
            if ((start / Batch) % 10 == 9 || start + Batch >= count)
            {
                Console.WriteLine($"{Math.Min(count, start + Batch):N0} items ({clock.Elapsed.TotalSeconds:0} s)");
            }
        }

        Console.WriteLine("finishing (indexes, optimize, analyze)");
        await writer.FinishAsync();
        await using (var db = new GongkaiDbContext(builder.Options))
        {
            // Search keys were written directly: the counters continue after them (docs/adr/0007).
            await Gongkai.Data.Numbering.NumberCounters.RecountAsync(db);
        }

        Console.WriteLine($"done: {count:N0} items in {clock.Elapsed.TotalSeconds:0} s");
        return 0;
    }

    private static (Guid[] Agencies, Guid[] Topics, Guid[] Genres) Reference()
    {
        Guid Fixed(int kind, int n) => Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"01900000-0000-7000-8{kind:000}-{n:000000000000}"));
        return (
            [.. Enumerable.Range(0, CatalogText.AgencyCount).Select(i => Fixed(1, i))],
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

        Task FinishAsync();
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

        public async Task FinishAsync()
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

    /// <summary>PostgreSQL: COPY in text format; the GIN indexes are dropped while loading and built once at the end.</summary>
    private sealed class PostgresWriter(string connectionString) : IWriter
    {
        private readonly NpgsqlConnection _connection = new(connectionString);

        public async Task BeginAsync(Guid[] agencies, Guid[] topics, Guid[] genres)
        {
            await _connection.OpenAsync();
            foreach (var index in new[] { "IX_CatalogSearch_TitleVector", "IX_CatalogSearch_NumberVector", "IX_CatalogSearch_Document" })
            {
                await Execute($"DROP INDEX IF EXISTS \"{index}\"");
            }

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
        }

        public async Task WriteAsync(GeneratedItem[] items, Guid[] agencies, Guid[] topics, Guid[] genres)
        {
            var now = Now.ToString("yyyy-MM-dd HH:mm:ss+00", CultureInfo.InvariantCulture);
            await using (var copy = await _connection.BeginTextImportAsync("""
                COPY "CatalogItems" ("Id", "AgencyId", "SeriesId", "Version", "Status", "Kind", "IndexNumber", "Title", "Publisher", "DocumentNumber",
                    "WrittenOn", "PublishedOn", "FormedOn", "TopicCategoryId", "GenreCategoryId", "Mode", "Summary", "Keywords", "Body",
                    "DraftedById", "DraftedByName", "CreatedAtUtc", "UpdatedAtUtc", "PublishedAtUtc", "SearchKey", "Revision") FROM STDIN
                """))
            {
                var line = new StringBuilder();
                foreach (var item in items)
                {
                    line.Clear();
                    string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    line.AppendJoin('\t',
                        item.Id, agencies[item.Agency], item.Id, 1, 5, item.Kind, Escape(item.IndexNumber), Escape(item.Title), Escape(CatalogText.Agency(item.Agency)),
                        item.DocumentNumber is null ? "\\N" : Escape(item.DocumentNumber), D(item.WrittenOn), D(item.PublishedOn), D(item.WrittenOn),
                        topics[item.Topic], genres[item.Genre], 1, Escape(item.Summary), Escape(item.Keywords), Escape(item.Body),
                        Guid.Empty, "批量生成", now, now, now, item.SearchKey, 0);
                    await copy.WriteLineAsync(line.ToString());
                }
            }

            await using (var copy = await _connection.BeginTextImportAsync("""
                COPY "CatalogSearch" ("Key", "ItemId", "AgencyId", "TopicId", "GenreId", "TitleVector", "NumberVector", "Document") FROM STDIN
                """))
            {
                foreach (var item in items)
                {
                    var document = Document(item, agencies, topics, genres);
                    await copy.WriteLineAsync(string.Join('\t',
                        item.SearchKey.ToString(CultureInfo.InvariantCulture), item.Id, agencies[item.Agency], topics[item.Topic], genres[item.Genre],
                        CatalogSearchIndex.TsVector(document.TitleTokens), CatalogSearchIndex.TsVector(document.NumberTokens),
                        CatalogSearchIndex.TsVector(document.TitleTokens.Concat(document.NumberTokens).Concat(document.BodyTokens))));
                }
            }
        }

        public async Task FinishAsync()
        {
            await Execute("SET maintenance_work_mem = '2GB'");
            foreach (var statement in CatalogSearchSchema.PostgresCreate.Skip(1).Concat(CatalogSearchSchema.PostgresTermsRebuild))
            {
                await Execute(statement);
            }

            await Execute("ANALYZE");
            await _connection.DisposeAsync();
        }

        private async Task Execute(string sql)
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync();
        }

        /// <summary>COPY text format: backslash, tab, newline and carriage return are escaped.</summary>
        private static string Escape(string value) => value
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal);
    }
}

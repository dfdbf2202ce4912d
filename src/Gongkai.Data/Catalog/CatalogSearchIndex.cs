using System.Data.Common;
using System.Globalization;
using System.Text;
using Gongkai.Calendar;
using Gongkai.Catalog;
using Gongkai.Data.Numbering;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gongkai.Data.Catalog;

/// <summary>
/// The search index objects, outside the EF model because no provider's full-text object has an EF mapping: on SQLite
/// a contentless FTS5 table whose rowid is the item's <see cref="CatalogItem.SearchKey"/>, holding the tokens of
/// <see cref="SearchText"/> verbatim; on PostgreSQL only the change log from which each app node keeps its own such
/// FTS5 index (ADR 0014). PostgreSQL's own tsvector index and term frequencies (<see cref="PostgresCreate"/>,
/// <see cref="PostgresTermsCreate"/>) were dropped by the migration 20261210030001_NoPostgresSearch ("No PostgreSQL
/// fallback search"); their statements stay because earlier migrations run them. <see cref="EnsureCreatedAsync"/>
/// creates what the migrations leave in a database made by EnsureCreated (tests). The statements are part of the
/// migrations' history: changing them needs a new migration.
/// </summary>
public static class CatalogSearchSchema
{
    /// <summary>
    /// One column of terms per item (see <see cref="CatalogSearchIndex.SqliteTerms"/>); detail=none keeps neither
    /// columns nor positions: the search asks only which items hold all of a set of terms.
    /// </summary>
    public static IReadOnlyList<string> SqliteCreate { get; } =
    [
        """CREATE VIRTUAL TABLE IF NOT EXISTS "CatalogSearch" USING fts5(terms, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 0')""",
    ];

    /// <summary>PostgreSQL's tsvector index of the migrations 20261122000040 to 20261210030001 (dropped by the last).</summary>
    public static IReadOnlyList<string> PostgresCreate { get; } =
    [
        """
        CREATE TABLE IF NOT EXISTS "CatalogSearch" (
            "Key" bigint NOT NULL,
            "ItemId" uuid NOT NULL,
            "AgencyId" uuid NOT NULL,
            "TopicId" uuid NULL,
            "GenreId" uuid NULL,
            "TitleVector" tsvector NOT NULL,
            "NumberVector" tsvector NOT NULL,
            "Document" tsvector NOT NULL,
            CONSTRAINT "PK_CatalogSearch" PRIMARY KEY ("Key"))
        """,
        """CREATE INDEX IF NOT EXISTS "IX_CatalogSearch_TitleVector" ON "CatalogSearch" USING gin ("TitleVector")""",
        """CREATE INDEX IF NOT EXISTS "IX_CatalogSearch_NumberVector" ON "CatalogSearch" USING gin ("NumberVector")""",
        """CREATE INDEX IF NOT EXISTS "IX_CatalogSearch_Document" ON "CatalogSearch" USING gin ("Document")""",
    ];

    public static IReadOnlyList<string> Drop { get; } = ["""DROP TABLE IF EXISTS "CatalogSearch" """];

    /// <summary>
    /// PostgreSQL's document frequencies (migration 20261207030001_CatalogSearchTerms): for every token, how many
    /// indexed items hold it anywhere, in the title and in the 文号/索引号; the row of the empty term counts the items.
    /// Kept by <see cref="CatalogSearchIndex.AddAsync"/> and <see cref="CatalogSearchIndex.RemoveAsync"/> in the same
    /// transaction as the index rows, so a search knows how dense each token is before it touches a posting list.
    /// SQLite needs none: FTS5 reads postings in key order and stops at the page.
    /// </summary>
    public static IReadOnlyList<string> PostgresTermsCreate { get; } =
    [
        """
        CREATE TABLE IF NOT EXISTS "CatalogSearchTerms" (
            "Term" text NOT NULL,
            "Documents" integer NOT NULL,
            "Titles" integer NOT NULL,
            "Numbers" integer NOT NULL,
            CONSTRAINT "PK_CatalogSearchTerms" PRIMARY KEY ("Term"))
        """,
    ];

    /// <summary>
    /// Recounts <c>CatalogSearchTerms</c> from the index in one set-based statement (after a bulk load, or to repair
    /// it): about 5 minutes for 1,000,000 items on a shared 2-core machine.
    /// </summary>
    public static IReadOnlyList<string> PostgresTermsRebuild { get; } =
    [
        """TRUNCATE "CatalogSearchTerms" """,
        """
        INSERT INTO "CatalogSearchTerms" ("Term", "Documents", "Titles", "Numbers")
        SELECT d.term, count(*), count(*) FILTER (WHERE d.term = ANY (tsvector_to_array(s."TitleVector"))),
               count(*) FILTER (WHERE d.term = ANY (tsvector_to_array(s."NumberVector")))
        FROM "CatalogSearch" AS s, unnest(tsvector_to_array(s."Document")) AS d(term)
        GROUP BY d.term
        UNION ALL
        SELECT '', count(*), 0, 0 FROM "CatalogSearch"
        """,
    ];

    public static IReadOnlyList<string> TermsDrop { get; } = ["""DROP TABLE IF EXISTS "CatalogSearchTerms" """];

    /// <summary>
    /// What the migration 20261210030001_NoPostgresSearch drops on PostgreSQL: the tsvector index and its term
    /// frequencies, 3.9 GB of the 5.3 GB per million items (ADR 0014 "No PostgreSQL fallback search").
    /// </summary>
    public static IReadOnlyList<string> PostgresSearchDrop { get; } = [.. TermsDrop, .. Drop];

    /// <summary>
    /// PostgreSQL's change log of the search index (migration 20261208010001_CatalogSearchChanges, ADR 0014 "PostgreSQL
    /// search from a node-local index"): one row per key added to or removed from the index, written by
    /// <see cref="CatalogSearchIndex.AddAsync"/> and <see cref="CatalogSearchIndex.RemoveAsync"/> in the same
    /// transaction, in <c>Seq</c> order (<see cref="CatalogSearchIndex.ChangeLock"/>). Each app node's local index
    /// applies the entries after the <c>Seq</c> it holds. The generation is one random id made with the database: a
    /// local index built from another database (or a restore that reset it) names another generation and is rebuilt.
    /// </summary>
    public static IReadOnlyList<string> PostgresChangesCreate { get; } =
    [
        """
        CREATE TABLE IF NOT EXISTS "CatalogSearchChanges" (
            "Seq" bigint GENERATED BY DEFAULT AS IDENTITY,
            "Key" bigint NOT NULL,
            CONSTRAINT "PK_CatalogSearchChanges" PRIMARY KEY ("Seq"))
        """,
        """
        CREATE TABLE IF NOT EXISTS "CatalogSearchGeneration" (
            "Id" uuid NOT NULL,
            CONSTRAINT "PK_CatalogSearchGeneration" PRIMARY KEY ("Id"))
        """,
        """INSERT INTO "CatalogSearchGeneration" ("Id") SELECT gen_random_uuid() WHERE NOT EXISTS (SELECT 1 FROM "CatalogSearchGeneration")""",
    ];

    public static IReadOnlyList<string> ChangesDrop { get; } =
    [
        """DROP TABLE IF EXISTS "CatalogSearchChanges" """,
        """DROP TABLE IF EXISTS "CatalogSearchGeneration" """,
    ];

    /// <summary>Creates the search objects if they are missing (for databases made by EnsureCreated).</summary>
    public static async Task EnsureCreatedAsync(GongkaiDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var statement in db.Database.IsSqlite() ? SqliteCreate : PostgresChangesCreate)
        {
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        }
    }
}

/// <summary>What the index holds for one published version, built from the item by <see cref="From"/>.</summary>
public sealed record CatalogSearchDocument(
    long Key,
    Guid ItemId,
    Guid AgencyId,
    Guid? TopicId,
    Guid? GenreId,
    IReadOnlyList<string> TitleTokens,
    IReadOnlyList<string> NumberTokens,
    IReadOnlyList<string> BodyTokens)
{
    /// <summary>
    /// Title; 文号 and 索引号; and the body text: 内容概述, 主题词 and, for items disclosed proactively, the full text
    /// (an 依申请公开 item lists its metadata only).
    /// </summary>
    public static CatalogSearchDocument From(CatalogItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var key = item.SearchKey ?? throw new InvalidOperationException("Only a published version with a search key is indexed.");
        var body = string.Join('\n', item.Summary, item.Keywords, item.Mode == DisclosureMode.Proactive ? item.Body : null);
        return new CatalogSearchDocument(
            key,
            item.Id,
            item.AgencyId,
            item.TopicCategoryId,
            item.GenreCategoryId,
            SearchText.DocumentTokens(item.Title),
            SearchText.DocumentTokens(item.DocumentNumber + " " + item.IndexNumber),
            SearchText.DocumentTokens(body));
    }
}

/// <summary>Which part of a document all query tokens were found in; results come tier by tier.</summary>
public enum SearchTier
{
    /// <summary>Every token in the title.</summary>
    Title = 0,

    /// <summary>Every token in the 文号 or 索引号 (and not all in the title).</summary>
    Number = 1,

    /// <summary>Every token somewhere in the item (and neither of the above).</summary>
    Body = 2,

    /// <summary>All matches, whatever the tier (for counting).</summary>
    Any = 3,
}

/// <summary>
/// What a result shows of an item, read in one statement for the keys of a page (or from a node's local index, ADR
/// 0014). <see cref="Text"/> is what the snippet is made from (<see cref="SnippetText"/>): all of it here, its start
/// in a node's local index.
/// </summary>
public sealed record CatalogSearchRow(
    Guid Id,
    long Key,
    string? IndexNumber,
    string Title,
    string? DocumentNumber,
    Guid AgencyId,
    string? Agency,
    string? Topic,
    string? Genre,
    DateOnly? PublishedOn,
    SnippetSource Text)
{
    /// <summary>The text a result's snippet shows: the summary first (a title-only match then shows what the item is about), then the full text of a proactively disclosed item.</summary>
    public static string SnippetText(string? summary, DisclosureMode mode, string? body) => summary + "\n" + (mode == DisclosureMode.Proactive ? body : "");
}

/// <summary>
/// Where PostgreSQL's search change log stands (ADR 0014): the database's generation id (empty when the table is
/// missing a row) and the newest <c>Seq</c>, 0 while the log is empty.
/// </summary>
public readonly record struct CatalogSearchLogHead(Guid Generation, long Newest);

/// <summary>A search over the index: the query tokens (AND) and the optional filters.</summary>
public sealed record CatalogSearchFilter(IReadOnlyList<string> Tokens, Guid? AgencyId = null, Guid? CategoryId = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>
/// Keeps the search index in step with the published versions and reads it. Ranking: tier (<see cref="SearchTier"/>:
/// title matches before 文号 matches before body matches), then <see cref="CatalogItem.SearchKey"/> descending (newest
/// publication first); no relevance score takes part. The one index format is SQLite's FTS5 table: the SQLite
/// provider's own, and on PostgreSQL each node's local copy (<c>LocalSearchIndex</c>), so both providers return the
/// same items in the same order by construction. Commands run on the DbContext's connection and in its current
/// transaction, so an index change (or, on PostgreSQL, its change-log entry) commits with the item change.
/// </summary>
/// <remarks>
/// Each tier must read only the postings it can match, or a frequent character whose title matches are few would
/// scan every item that contains it. The FTS5 table has one column
/// holding every token plainly (for the body tier and the count), the title's and the 文号's tokens again behind a
/// private-use marker (their own short posting lists), and the filter facets behind a third; the tokenizer of
/// <see cref="SearchText"/> never produces private-use characters, so a query cannot reach a marked term.
/// </remarks>
public static class CatalogSearchIndex
{
    private const char TitleMark = '\uE000';
    private const char NumberMark = '\uE001';
    private const char FacetMark = '\uE002';

    /// <summary>Keys are publication day × this + a sequence within the day.</summary>
    public const long KeysPerDay = 1_000_000;

    public static long FirstKeyOf(DateOnly day) => day.DayNumber * KeysPerDay;

    public static long LastKeyOf(DateOnly day) => FirstKeyOf(day) + KeysPerDay - 1;

    /// <summary>
    /// Takes the next <paramref name="count"/> search keys for items published on <paramref name="day"/> and returns
    /// the first (the others follow it). Inside the caller's transaction, like every number (<see cref="NumberCounters"/>).
    /// </summary>
    public static async Task<long> NextKeyAsync(GongkaiDbContext db, DateOnly day, int count = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var last = await NumberCounters.TakeAsync(db, NumberCounters.Platform, NumberSeries.SearchKeys(day), count, cancellationToken);
        if (last > KeysPerDay)
        {
            throw new InvalidOperationException($"More than {KeysPerDay} catalogue items published on {DateText.Iso(day)}.");
        }

        return FirstKeyOf(day) + last - count;
    }

    /// <summary>
    /// Puts a published version in the index: on SQLite into the FTS5 table; on PostgreSQL, which keeps no search index
    /// of its own (ADR 0014 "No PostgreSQL fallback search"), only its key into the change log, from which every node's
    /// local index takes it.
    /// </summary>
    public static async Task AddAsync(GongkaiDbContext db, CatalogSearchDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(document);
        if (!db.Database.IsSqlite())
        {
            await LogChangeAsync(db, document.Key, cancellationToken);
            return;
        }

        await using var command = await CommandAsync(db, cancellationToken);
        command.CommandText = """INSERT INTO "CatalogSearch" (rowid, terms) VALUES ($key, $terms)""";
        Add(command, "$key", document.Key);
        Add(command, "$terms", SqliteTerms(document));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }


    /// <summary>
    /// The PostgreSQL advisory lock every transaction that writes the change log holds from before it takes a
    /// <c>Seq</c> until it ends. So the transaction with <c>Seq</c> n has committed (or rolled back) before another
    /// takes n + 1, and a reader that sees entry n + 1 sees every entry before it: a node's local index that has applied
    /// up to some <c>Seq</c> has missed nothing below it. Publishing is rare; serialising it costs nothing a person notices.
    /// </summary>
    public const long ChangeLock = 0x676B_7365_6172_6368; // "gksearch"

    /// <summary>
    /// The change log's entry that says a name a result shows (an agency's, a category's) may have changed: no item
    /// has this search key (keys are publication day × <see cref="KeysPerDay"/> + sequence), so a node's local index
    /// that applies it reads the names again (ADR 0014).
    /// </summary>
    public const long NamesChanged = 0;

    /// <summary>
    /// Records in the change log (PostgreSQL; nothing on SQLite, whose search reads the names with the rows) that an
    /// agency's or a category's name changed, in the caller's transaction, so every node's index shows the new name
    /// from its next search.
    /// </summary>
    public static async Task LogNamesChangedAsync(GongkaiDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            await LogChangeAsync(db, NamesChanged, cancellationToken);
        }
    }

    /// <summary>Appends a key to the change log (PostgreSQL), under <see cref="ChangeLock"/>, in the caller's transaction.</summary>
    private static async Task LogChangeAsync(GongkaiDbContext db, long key, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(db, cancellationToken);
        command.CommandText = """SELECT pg_advisory_xact_lock(@lock); INSERT INTO "CatalogSearchChanges" ("Key") VALUES (@key)""";
        Add(command, "@lock", ChangeLock);
        Add(command, "@key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Takes a key out of the index: SQLite's FTS5 table, or PostgreSQL's change log (see <see cref="AddAsync"/>).</summary>
    public static async Task RemoveAsync(GongkaiDbContext db, long key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            await LogChangeAsync(db, key, cancellationToken);
            return;
        }

        await using var command = await CommandAsync(db, cancellationToken);
        command.CommandText = """DELETE FROM "CatalogSearch" WHERE rowid = $key""";
        Add(command, "$key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The keys of one tier's matches in the SQLite provider's index, newest first, after skipping <paramref name="skip"/>.</summary>
    /// <exception cref="InvalidOperationException">On PostgreSQL, which keeps no search index of its own: a search reads a node's local index.</exception>
    public static async Task<IReadOnlyList<long>> FindAsync(GongkaiDbContext db, CatalogSearchFilter filter, SearchTier tier, int skip, int take, CancellationToken cancellationToken = default)
    {
        var (connection, transaction) = await SqliteConnectionAsync(db, cancellationToken);
        return await SqliteFindAsync(connection, transaction, filter, tier, skip, take, cancellationToken);
    }

    /// <summary>How many items of a tier match in the SQLite provider's index, counting no further than <paramref name="cap"/>.</summary>
    /// <exception cref="InvalidOperationException">On PostgreSQL (see <see cref="FindAsync"/>).</exception>
    public static async Task<int> CountAsync(GongkaiDbContext db, CatalogSearchFilter filter, SearchTier tier, int cap, CancellationToken cancellationToken = default)
    {
        var (connection, transaction) = await SqliteConnectionAsync(db, cancellationToken);
        return await SqliteCountAsync(connection, transaction, filter, tier, cap, cancellationToken);
    }

    private static async Task<(DbConnection Connection, DbTransaction? Transaction)> SqliteConnectionAsync(GongkaiDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            throw new InvalidOperationException("PostgreSQL keeps no catalogue search index of its own: searches read the node's local index (ADR 0014).");
        }

        return await ConnectionAsync(db, cancellationToken);
    }

    private static async Task<DbCommand> CommandAsync(GongkaiDbContext db, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await ConnectionAsync(db, cancellationToken);
        return Command(connection, transaction);
    }

    /// <summary>
    /// The keys of one tier's matches, newest first, after skipping <paramref name="skip"/>, from a SQLite FTS5 index
    /// on <paramref name="connection"/>: the SQLite provider's database or a node's local index of a PostgreSQL catalogue.
    /// FTS5 walks a term's postings in rowid order and stops at the page.
    /// </summary>
    public static async Task<IReadOnlyList<long>> SqliteFindAsync(DbConnection connection, DbTransaction? transaction, CatalogSearchFilter filter, SearchTier tier, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        await using var command = Command(connection, transaction);
        SqliteSelect(command, filter, tier);
        command.CommandText += " ORDER BY rowid DESC LIMIT " + Number(take) + " OFFSET " + Number(skip);
        return await KeysAsync(command, cancellationToken);
    }

    /// <summary>How many items of a tier match in a SQLite FTS5 index on <paramref name="connection"/>, counting no further than <paramref name="cap"/>.</summary>
    public static async Task<int> SqliteCountAsync(DbConnection connection, DbTransaction? transaction, CatalogSearchFilter filter, SearchTier tier, int cap, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        await using var command = Command(connection, transaction);
        SqliteSelect(command, filter, tier);
        return await CappedCountAsync(command, cap, cancellationToken);
    }

    private static async Task<int> CappedCountAsync(DbCommand command, int cap, CancellationToken cancellationToken)
    {
        command.CommandText = "SELECT count(*) FROM (" + command.CommandText + " LIMIT " + Number(cap) + ") AS capped";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The rows of a page of keys with their agency and category names: one plain join by primary keys, which is most
    /// of a search request's work and several times cheaper than the equivalent LINQ with correlated subqueries.
    /// </summary>
    public static async Task<IReadOnlyList<CatalogSearchRow>> RowsAsync(GongkaiDbContext db, IReadOnlyList<long> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        var (connection, transaction) = await ConnectionAsync(db, cancellationToken);
        await using var command = Command(connection, transaction);
        command.CommandText = """
            SELECT i."Id", i."SearchKey", i."IndexNumber", i."Title", i."DocumentNumber", i."AgencyId", a."Name", t."Name", g."Name",
                   i."PublishedOn", i."Summary", i."Mode", i."Body"
            FROM "CatalogItems" AS i
            LEFT JOIN "Agencies" AS a ON a."Id" = i."AgencyId"
            LEFT JOIN "CatalogCategories" AS t ON t."Id" = i."TopicCategoryId"
            LEFT JOIN "CatalogCategories" AS g ON g."Id" = i."GenreCategoryId"
            WHERE i."SearchKey" IN (
            """ + string.Join(", ", keys.Select(Number)) + ")";
        var rows = new List<CatalogSearchRow>(keys.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            rows.Add(new CatalogSearchRow(
                reader.GetGuid(0),
                reader.GetInt64(1),
                Text(2),
                reader.GetString(3),
                Text(4),
                reader.GetGuid(5),
                Text(6),
                Text(7),
                Text(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9),
                SnippetSource.Of(CatalogSearchRow.SnippetText(Text(10), (DisclosureMode)reader.GetInt32(11), reader.GetString(12)), int.MaxValue)));
        }

        return rows;
    }

    /// <summary>
    /// The statement that reads where PostgreSQL's change log stands: the generation and the newest <c>Seq</c> (0 when
    /// empty), the primary key read backwards.
    /// </summary>
    public const string LogHeadSql = """
        SELECT (SELECT "Id" FROM "CatalogSearchGeneration" LIMIT 1),
               coalesce((SELECT "Seq" FROM "CatalogSearchChanges" ORDER BY "Seq" DESC LIMIT 1), 0)
        """;

    /// <summary>Reads the row of <see cref="LogHeadSql"/>.</summary>
    public static async Task<CatalogSearchLogHead> ReadLogHeadAsync(DbDataReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        await reader.ReadAsync(cancellationToken);
        return new CatalogSearchLogHead(reader.IsDBNull(0) ? Guid.Empty : reader.GetGuid(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Where PostgreSQL's change log stands and, for the items of <paramref name="textsOf"/>, their whole snippet text
    /// (<see cref="CatalogSearchRow.SnippetText"/>), in one round trip: a search from a node's local index, which holds
    /// what a result shows, learns whether the index had every change (ADR 0014); the texts are read only for results
    /// whose snippet the index's start of the text cannot decide. A published version's text never changes (a
    /// correction is a new version), so it is read by item id.
    /// </summary>
    public static async Task<(CatalogSearchLogHead Head, IReadOnlyDictionary<Guid, string> Texts)> LogHeadAsync(GongkaiDbContext db, IReadOnlyCollection<Guid> textsOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(textsOf);
        var (connection, transaction) = await ConnectionAsync(db, cancellationToken);
        if (textsOf.Count == 0)
        {
            await using var command = Command(connection, transaction);
            command.CommandText = LogHeadSql;
            await using var headReader = await command.ExecuteReaderAsync(cancellationToken);
            return (await ReadLogHeadAsync(headReader, cancellationToken), new Dictionary<Guid, string>());
        }

        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        var head = batch.CreateBatchCommand();
        head.CommandText = LogHeadSql;
        var texts = batch.CreateBatchCommand();
        texts.CommandText = """SELECT "Id", "Summary", "Mode", "Body" FROM "CatalogItems" WHERE "Id" = ANY (@ids)""";
        var ids = texts.CreateParameter();
        ids.ParameterName = "@ids";
        ids.Value = textsOf.ToArray();
        texts.Parameters.Add(ids);
        batch.BatchCommands.Add(head);
        batch.BatchCommands.Add(texts);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var logHead = await ReadLogHeadAsync(reader, cancellationToken);
        var found = new Dictionary<Guid, string>(textsOf.Count);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetGuid(0)] = CatalogSearchRow.SnippetText(reader.IsDBNull(1) ? null : reader.GetString(1), (DisclosureMode)reader.GetInt32(2), reader.GetString(3));
        }

        return (logHead, found);
    }

    /// <summary>
    /// The one FTS5 column of a document (SQLite): every token, then the title's and the 文号's tokens behind their
    /// markers, then the facets (agency, categories) behind theirs.
    /// </summary>
    public static string SqliteTerms(CatalogSearchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var plain = document.TitleTokens.Concat(document.NumberTokens).Concat(document.BodyTokens).Distinct(StringComparer.Ordinal);
        var terms = new StringBuilder();
        terms.AppendJoin(' ', plain);
        foreach (var token in document.TitleTokens)
        {
            terms.Append(' ').Append(TitleMark).Append(token);
        }

        foreach (var token in document.NumberTokens)
        {
            terms.Append(' ').Append(NumberMark).Append(token);
        }

        foreach (var facet in Facets(document))
        {
            terms.Append(' ').Append(FacetMark).Append(facet);
        }

        return terms.ToString();
    }

    /// <summary>The FTS5 MATCH expression of a tier (SQLite).</summary>
    public static string MatchExpression(CatalogSearchFilter filter, SearchTier tier)
    {
        ArgumentNullException.ThrowIfNull(filter);
        string All(string mark) => "(" + string.Join(' ', filter.Tokens.Select(t => "\"" + mark + t + "\"")) + ")";
        var (anywhere, inTitle, inNumber) = (All(""), All(TitleMark.ToString()), All(NumberMark.ToString()));
        var expression = tier switch
        {
            SearchTier.Title => inTitle,
            SearchTier.Number => "(" + inNumber + " NOT " + inTitle + ")",
            SearchTier.Body => "((" + anywhere + " NOT " + inTitle + ") NOT " + inNumber + ")",
            _ => anywhere,
        };
        if (filter.AgencyId is { } agency)
        {
            expression += " AND \"" + FacetMark + AgencyFacet(agency) + "\"";
        }

        if (filter.CategoryId is { } category)
        {
            expression += " AND \"" + FacetMark + CategoryFacet(category) + "\"";
        }

        return expression;
    }

    private static async Task<List<long>> KeysAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var keys = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetInt64(0));
        }

        return keys;
    }

    private static void CheckTokens(CatalogSearchFilter filter)
    {
        if (filter.Tokens.Count == 0 || filter.Tokens.Any(t => t.Length == 0 || t.Any(c => c is '"' or '\'' or '\\' || char.IsWhiteSpace(c))))
        {
            throw new ArgumentException("Search tokens are the non-empty letter/digit tokens of SearchText.", nameof(filter));
        }
    }

    private static (long? Lo, long? Hi) KeyRange(CatalogSearchFilter filter) =>
        (filter.From is { } from ? FirstKeyOf(from) : null, filter.To is { } to ? LastKeyOf(to) : null);

    /// <summary>The SELECT of a tier's keys with the filters in a SQLite FTS5 index.</summary>
    private static void SqliteSelect(DbCommand command, CatalogSearchFilter filter, SearchTier tier)
    {
        CheckTokens(filter);
        var sql = new StringBuilder();
        var (lo, hi) = KeyRange(filter);
        sql.Append("""SELECT rowid FROM "CatalogSearch" WHERE "CatalogSearch" MATCH $match""");
        Add(command, "$match", MatchExpression(filter, tier));
        if (lo is not null)
        {
            sql.Append(" AND rowid >= $lo");
            Add(command, "$lo", lo);
        }

        if (hi is not null)
        {
            sql.Append(" AND rowid <= $hi");
            Add(command, "$hi", hi);
        }

        command.CommandText = sql.ToString();
    }

    private static List<string> Facets(CatalogSearchDocument document)
    {
        var facets = new List<string> { AgencyFacet(document.AgencyId) };
        if (document.TopicId is { } topic)
        {
            facets.Add(CategoryFacet(topic));
        }

        if (document.GenreId is { } genre)
        {
            facets.Add(CategoryFacet(genre));
        }

        return facets;
    }

    private static string AgencyFacet(Guid agency) => "ag" + agency.ToString("N");

    private static string CategoryFacet(Guid category) => "ct" + category.ToString("N");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The context's connection, opened, and its current transaction.</summary>
    private static async Task<(DbConnection Connection, DbTransaction? Transaction)> ConnectionAsync(GongkaiDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        return (connection, db.Database.CurrentTransaction?.GetDbTransaction());
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}

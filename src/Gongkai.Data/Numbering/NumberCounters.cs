using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Data.Numbering;

/// <summary>
/// Issues numbers without collisions (docs/adr/0007-numbering-and-durability.md). One upsert both creates a missing
/// counter and advances an existing one and returns the new value; the row stays locked until the caller's
/// transaction ends (PostgreSQL: row lock, other takers of the same series wait; SQLite: the database's one writer),
/// so concurrent requests are numbered one after another, and a rolled-back transaction leaves no gap.
/// </summary>
public static class NumberCounters
{
    /// <summary>The "agency" of series that run across the whole platform (catalogue search keys).</summary>
    public static readonly Guid Platform = Guid.Empty;

    private static readonly ConcurrentDictionary<(Guid AgencyId, string Series), SemaphoreSlim> Queues = new();

    /// <summary>
    /// Waits, in memory and in order of arrival, until no other request of this process is numbering in the series, and
    /// holds the series until disposed; call it before opening the transaction. For series that take bursts (online
    /// applications): the waiting requests hold neither a pooled connection nor a database lock, so two hundred at once
    /// do not exhaust the connection pool or poll SQLite's write lock. Requests of other nodes still wait in the
    /// database (<see cref="TakeAsync"/>).
    /// </summary>
    public static async Task<IDisposable> QueueAsync(Guid agencyId, string series, CancellationToken cancellationToken = default)
    {
        var queue = Queues.GetOrAdd((agencyId, series), _ => new SemaphoreSlim(1, 1));
        await queue.WaitAsync(cancellationToken);
        return new Turn(queue);
    }

    /// <summary>
    /// Takes the next <paramref name="count"/> numbers of a series and returns the last of them (the first is
    /// last − count + 1); a count of 0 only locks the counter and returns the last number issued. Several counters in
    /// one transaction are taken in a fixed order (index numbers before search keys, each ascending) so that two
    /// transactions never wait for each other.
    /// </summary>
    /// <exception cref="InvalidOperationException">No transaction is open: the number would be committed on its own.</exception>
    public static async Task<long> TakeAsync(GongkaiDbContext db, Guid agencyId, string series, int count = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(series);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Numbers are taken inside the transaction that stores the numbered row.");
        }

        var last = await db.Database.SqlQuery<long>($"""
            INSERT INTO "NumberCounters" ("AgencyId", "Series", "Last") VALUES ({agencyId}, {series}, {(long)count})
            ON CONFLICT ("AgencyId", "Series") DO UPDATE SET "Last" = "NumberCounters"."Last" + excluded."Last"
            RETURNING "Last" AS "Value"
            """).ToListAsync(cancellationToken);
        return last.Single();
    }

    /// <summary>The last number issued in a series (0 when none), e.g. to preview the next one.</summary>
    public static async Task<long> LastAsync(GongkaiDbContext db, Guid agencyId, string series, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Set<NumberCounter>().Where(c => c.AgencyId == agencyId && c.Series == series)
            .Select(c => (long?)c.Last).SingleOrDefaultAsync(cancellationToken) ?? 0;
    }

    /// <summary>
    /// Raises the counters to the numbers the stored rows hold (application numbers, 文号 sequences, search keys), for
    /// code that writes numbered rows directly: the demo generator, bulk loaders, and the migration that introduced
    /// the counters. Never lowers a counter. 索引号 follow an agency's own pattern and cannot be read back; their
    /// counter skips any number already taken instead.
    /// </summary>
    public static async Task RecountAsync(GongkaiDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var statement in db.Database.IsSqlite() ? SqliteRecount : PostgresRecount)
        {
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        }
    }

    /// <summary>
    /// Part of the migration 20261122000060_NumberCounters: changing them needs a new migration. Run through
    /// ExecuteSqlRaw too, so they hold no braces.
    /// </summary>
    public static IReadOnlyList<string> SqliteRecount { get; } =
    [
        """
        INSERT INTO "NumberCounters" ("AgencyId", "Series", "Last")
        SELECT "AgencyId", 'application/' || substr("Number", 1, 4), MAX(CAST(substr("Number", 6) AS INTEGER))
        FROM "Applications" WHERE "Number" GLOB '[0-9][0-9][0-9][0-9]-[0-9]*' GROUP BY "AgencyId", substr("Number", 1, 4)
        ON CONFLICT ("AgencyId", "Series") DO UPDATE SET "Last" = max("NumberCounters"."Last", excluded."Last")
        """,
        """
        INSERT INTO "NumberCounters" ("AgencyId", "Series", "Last")
        SELECT "AgencyId", 'letter/' || "NumberSeries", MAX("NumberSequence")
        FROM "Letters" WHERE "NumberSeries" IS NOT NULL AND "NumberSequence" IS NOT NULL GROUP BY "AgencyId", "NumberSeries"
        ON CONFLICT ("AgencyId", "Series") DO UPDATE SET "Last" = max("NumberCounters"."Last", excluded."Last")
        """,
        """
        INSERT INTO "NumberCounters" ("AgencyId", "Series", "Last")
        SELECT '00000000-0000-0000-0000-000000000000', 'search/' || ("SearchKey" / 1000000), MAX("SearchKey" % 1000000) + 1
        FROM "CatalogItems" WHERE "SearchKey" IS NOT NULL GROUP BY "SearchKey" / 1000000
        ON CONFLICT ("AgencyId", "Series") DO UPDATE SET "Last" = max("NumberCounters"."Last", excluded."Last")
        """,
    ];

    /// <summary>The same for PostgreSQL.</summary>
    public static IReadOnlyList<string> PostgresRecount { get; } =
    [
        """
        INSERT INTO "NumberCounters" ("AgencyId", "Series", "Last")
        SELECT "AgencyId", 'application/' || substr("Number", 1, 4), MAX(CAST(substr("Number", 6) AS bigint))
        FROM "Applications" WHERE "Number" ~ '^[0-9][0-9][0-9][0-9]-[0-9]+$' AND length("Number") < 24 GROUP BY "AgencyId", substr("Number", 1, 4)
        ON CONFLICT ("AgencyId", "Series") DO UPDATE SET "Last" = GREATEST("NumberCounters"."Last", excluded."Last")
        """,
        """
        INSERT INTO "NumberCounters" ("AgencyId", "Series", "Last")
        SELECT "AgencyId", 'letter/' || "NumberSeries", MAX("NumberSequence")
        FROM "Letters" WHERE "NumberSeries" IS NOT NULL AND "NumberSequence" IS NOT NULL GROUP BY "AgencyId", "NumberSeries"
        ON CONFLICT ("AgencyId", "Series") DO UPDATE SET "Last" = GREATEST("NumberCounters"."Last", excluded."Last")
        """,
        """
        INSERT INTO "NumberCounters" ("AgencyId", "Series", "Last")
        SELECT CAST('00000000-0000-0000-0000-000000000000' AS uuid), 'search/' || ("SearchKey" / 1000000), MAX("SearchKey" % 1000000) + 1
        FROM "CatalogItems" WHERE "SearchKey" IS NOT NULL GROUP BY "SearchKey" / 1000000
        ON CONFLICT ("AgencyId", "Series") DO UPDATE SET "Last" = GREATEST("NumberCounters"."Last", excluded."Last")
        """,
    ];

    private sealed class Turn(SemaphoreSlim queue) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                queue.Release();
            }
        }
    }
}

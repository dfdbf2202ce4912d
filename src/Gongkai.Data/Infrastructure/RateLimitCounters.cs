using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Infrastructure;

/// <summary>How often one key (an action and a client address) was used in one fixed window, counted in the database.</summary>
public sealed class RateLimitCounter
{
    public const int KeyLength = 100;

    public required string Key { get; set; }

    /// <summary>The window's start in seconds since 1970-01-01 UTC (windows are aligned to multiples of their length).</summary>
    public long WindowStart { get; set; }

    public int Count { get; set; }
}

internal sealed class RateLimitCounterConfiguration : IEntityTypeConfiguration<RateLimitCounter>
{
    public void Configure(EntityTypeBuilder<RateLimitCounter> builder)
    {
        builder.ToTable("RateLimitCounters");
        builder.HasKey(c => new { c.Key, c.WindowStart });
        builder.Property(c => c.Key).HasMaxLength(RateLimitCounter.KeyLength);
        builder.HasIndex(c => c.WindowStart);
    }
}

/// <summary>
/// Fixed-window counters every app node shares (docs/adr/0014-province-scale.md): one upsert both creates a
/// window's row and counts in it, atomically on PostgreSQL and SQLite alike, so two nodes enforce one limit.
/// </summary>
public static class RateLimitCounters
{
    /// <summary>
    /// Counts one use of <paramref name="key"/> (which begins with <paramref name="scope"/>, e.g. "lookup:") in the
    /// window starting at <paramref name="windowStart"/> and returns the count including it. The first use of a
    /// window also removes the scope's earlier windows, which have ended, so the table holds only live windows.
    /// </summary>
    public static async Task<int> HitAsync(GongkaiDbContext db, string scope, string key, long windowStart, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentNullException.ThrowIfNull(key);
        var stored = key.Length > RateLimitCounter.KeyLength ? key[..RateLimitCounter.KeyLength] : key;
        var count = (await db.Database.SqlQuery<int>($"""
            INSERT INTO "RateLimitCounters" ("Key", "WindowStart", "Count") VALUES ({stored}, {windowStart}, 1)
            ON CONFLICT ("Key", "WindowStart") DO UPDATE SET "Count" = "RateLimitCounters"."Count" + 1
            RETURNING "Count" AS "Value"
            """).ToListAsync(cancellationToken)).Single();
        if (count == 1)
        {
            await db.Set<RateLimitCounter>().Where(c => c.Key.StartsWith(scope) && c.WindowStart < windowStart).ExecuteDeleteAsync(cancellationToken);
        }

        return count;
    }
}

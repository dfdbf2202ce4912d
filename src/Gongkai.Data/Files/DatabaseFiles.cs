using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Data.Files;

/// <summary>
/// Content-addressed files in the platform's database, so that every app node reads what any node wrote
/// (docs/adr/0014-province-scale.md). A file is one <see cref="StoredFileRecord"/> and its chunks of
/// <see cref="ChunkSize"/> bytes, written in one transaction; identical content is stored once, also when two nodes
/// store it at the same moment (the file row is inserted first with ON CONFLICT DO NOTHING, so the second waits for
/// the first and then finds it). Content streams in and out one chunk at a time: no whole file is ever in memory.
/// Works on SQLite too (same tables); the point is PostgreSQL.
/// </summary>
public static class DatabaseFiles
{
    /// <summary>1 MiB: large enough that a 20 MB file is twenty rows, small enough to hold one in memory per request.</summary>
    public const int ChunkSize = 1024 * 1024;

    /// <summary>
    /// Stores the content (from its current position) and returns its SHA-256, size and whether it was already there.
    /// A content that cannot seek is first copied to a temporary file, because its hash names the chunks.
    /// </summary>
    public static async Task<(string Sha256, long Size, bool AlreadyStored)> SaveAsync(
        GongkaiDbContext db, Stream content, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek)
        {
            await using var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            await content.CopyToAsync(spool, cancellationToken);
            spool.Position = 0;
            return await SaveAsync(db, spool, nowUtc, cancellationToken);
        }

        var start = content.Position;
        var (sha, size) = await HashAsync(content, cancellationToken);
        var chunks = (int)((size + ChunkSize - 1) / ChunkSize);
        content.Position = start;

        // Content already there is renewed, in a statement of its own (committed at once): a cleanup deleting it now
        // either went first (then nothing is renewed and the content is stored again below) or sees the new time.
        if (await RenewAsync(db, sha, nowUtc, cancellationToken))
        {
            return (sha, size, true);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "StoredFiles" ("Sha256", "Size", "Chunks", "StoredAtUtc") VALUES ({sha}, {size}, {chunks}, {nowUtc})
            ON CONFLICT ("Sha256") DO NOTHING
            """, cancellationToken);
        if (inserted == 0)
        {
            // Another node stored the same content a moment ago (the insert waited for it).
            await transaction.RollbackAsync(cancellationToken);
            await RenewAsync(db, sha, nowUtc, cancellationToken);
            return (sha, size, true);
        }

        var buffer = new byte[ChunkSize];
        for (var index = 0; index < chunks; index++)
        {
            var read = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            var data = read == buffer.Length ? buffer : buffer[..read];
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "StoredFileChunks" ("Sha256", "Index", "Data") VALUES ({sha}, {index}, {data})
                """, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (sha, size, false);
    }

    /// <summary>The stored content as a stream that reads one chunk at a time through <paramref name="db"/>, or null.</summary>
    public static async Task<Stream?> OpenAsync(GongkaiDbContext db, string sha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var file = await db.Set<StoredFileRecord>().AsNoTracking().Where(f => f.Sha256 == sha256)
            .Select(f => new { f.Size, f.Chunks }).SingleOrDefaultAsync(cancellationToken);
        return file is null ? null : new ChunkStream(db, sha256, file.Size, file.Chunks);
    }

    public static Task<bool> ExistsAsync(GongkaiDbContext db, string sha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<StoredFileRecord>().AnyAsync(f => f.Sha256 == sha256, cancellationToken);
    }

    /// <summary>Removes a file and its chunks in one transaction; false when it was not there.</summary>
    public static Task<bool> DeleteAsync(GongkaiDbContext db, string sha256, CancellationToken cancellationToken = default) =>
        DeleteWhereAsync(db, sha256, savedBeforeUtc: null, cancellationToken);

    /// <summary>
    /// Removes a file and its chunks in one transaction unless it was saved at or after <paramref name="savedBeforeUtc"/>
    /// (the row's own time, tested by the DELETE itself, so a save renewing it at the same moment either comes first and
    /// keeps it, or finds it gone and stores it again); false when it was kept or not there.
    /// </summary>
    public static Task<bool> DeleteUnclaimedAsync(GongkaiDbContext db, string sha256, DateTime savedBeforeUtc, CancellationToken cancellationToken = default) =>
        DeleteWhereAsync(db, sha256, savedBeforeUtc, cancellationToken);

    private static async Task<bool> DeleteWhereAsync(GongkaiDbContext db, string sha256, DateTime? savedBeforeUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var file = db.Set<StoredFileRecord>().Where(f => f.Sha256 == sha256);
        if (savedBeforeUtc is { } before)
        {
            file = file.Where(f => f.StoredAtUtc < before);
        }

        var removed = await file.ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await db.Set<StoredFileChunk>().Where(c => c.Sha256 == sha256).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Marks stored content as saved now; false when it is not there.</summary>
    private static async Task<bool> RenewAsync(GongkaiDbContext db, string sha256, DateTime nowUtc, CancellationToken cancellationToken) =>
        await db.Set<StoredFileRecord>().Where(f => f.Sha256 == sha256)
            .ExecuteUpdateAsync(set => set.SetProperty(f => f.StoredAtUtc, nowUtc), cancellationToken) > 0;

    /// <summary>How many files the database holds and their bytes (for backups).</summary>
    public static async Task<(int Files, long Bytes)> CountAsync(GongkaiDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var files = await db.Set<StoredFileRecord>().CountAsync(cancellationToken);
        var bytes = files == 0 ? 0 : await db.Set<StoredFileRecord>().SumAsync(f => f.Size, cancellationToken);
        return (files, bytes);
    }

    /// <summary>
    /// Reads every file kept in the database and checks its content against its SHA-256 and size (for restores).
    /// Returns the files and bytes checked, and the name of the first file that does not match (or whose chunks are
    /// missing), or null.
    /// </summary>
    public static async Task<(int Files, long Bytes, string? Damaged)> VerifyAsync(GongkaiDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = await db.Set<StoredFileRecord>().AsNoTracking().OrderBy(f => f.Sha256).Select(f => new { f.Sha256, f.Size, f.Chunks }).ToListAsync(cancellationToken);
        long bytes = 0;
        foreach (var file in stored)
        {
            await using var content = new ChunkStream(db, file.Sha256, file.Size, file.Chunks);
            try
            {
                var (sha, size) = await HashAsync(content, cancellationToken);
                if (sha != file.Sha256 || size != file.Size)
                {
                    return (stored.Count, bytes, file.Sha256);
                }
            }
            catch (InvalidOperationException)
            {
                return (stored.Count, bytes, file.Sha256); // a chunk is missing
            }

            bytes += file.Size;
        }

        return (stored.Count, bytes, null);
    }

    private static async Task<(string Sha256, long Size)> HashAsync(Stream content, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            size += read;
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    /// <summary>Reads a stored file chunk by chunk, each chunk one query, so only one chunk is in memory.</summary>
    private sealed class ChunkStream(GongkaiDbContext db, string sha256, long size, int chunks) : Stream
    {
        private byte[] _chunk = [];
        private int _offset;
        private int _next;
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => size;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_offset == _chunk.Length)
            {
                if (_next == chunks)
                {
                    return 0;
                }

                _chunk = Query().Single();
                _offset = 0;
                _next++;
            }

            return Take(buffer);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_offset == _chunk.Length)
            {
                if (_next == chunks)
                {
                    return 0;
                }

                _chunk = await Query().SingleAsync(cancellationToken);
                _offset = 0;
                _next++;
            }

            return Take(buffer.Span);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private IQueryable<byte[]> Query()
        {
            var index = _next;
            return db.Set<StoredFileChunk>().AsNoTracking().Where(c => c.Sha256 == sha256 && c.Index == index).Select(c => c.Data);
        }

        private int Take(Span<byte> buffer)
        {
            var count = Math.Min(buffer.Length, _chunk.Length - _offset);
            _chunk.AsSpan(_offset, count).CopyTo(buffer);
            _offset += count;
            _position += count;
            return count;
        }
    }
}

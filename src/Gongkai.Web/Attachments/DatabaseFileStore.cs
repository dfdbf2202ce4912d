using Gongkai.Data;
using Gongkai.Data.Files;

namespace Gongkai.Web.Attachments;

/// <summary>
/// The file store in the platform's database (Storage:Provider = database), shared by every app node: each operation
/// uses a database context of its own, and an opened file keeps its context until the stream is disposed, reading
/// one chunk at a time (<see cref="DatabaseFiles"/>).
/// </summary>
public sealed class DatabaseFileStore(IServiceScopeFactory scopes, TimeProvider clock) : IFileStore
{
    public async Task<StoredFile> SaveAsync(Stream content, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var (sha, size, already) = await DatabaseFiles.SaveAsync(db, content, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return new StoredFile(sha, size, already);
    }

    public async Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (!StoredFile.IsSha256(sha256))
        {
            return null;
        }

        var scope = scopes.CreateAsyncScope();
        var content = await DatabaseFiles.OpenAsync(scope.ServiceProvider.GetRequiredService<GongkaiDbContext>(), sha256, cancellationToken);
        if (content is null)
        {
            await scope.DisposeAsync();
            return null;
        }

        return new ScopedStream(content, scope);
    }

    public async Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (!StoredFile.IsSha256(sha256))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await DatabaseFiles.ExistsAsync(scope.ServiceProvider.GetRequiredService<GongkaiDbContext>(), sha256, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (!StoredFile.IsSha256(sha256))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await DatabaseFiles.DeleteAsync(scope.ServiceProvider.GetRequiredService<GongkaiDbContext>(), sha256, cancellationToken);
    }

    public async Task<bool> DeleteUnclaimedAsync(string sha256, DateTime savedBeforeUtc, CancellationToken cancellationToken = default)
    {
        if (!StoredFile.IsSha256(sha256))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await DatabaseFiles.DeleteUnclaimedAsync(scope.ServiceProvider.GetRequiredService<GongkaiDbContext>(), sha256, savedBeforeUtc, cancellationToken);
    }

    /// <summary>A stream that disposes the scope (and its database context) it reads through.</summary>
    private sealed class ScopedStream(Stream inner, AsyncServiceScope scope) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                scope.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await scope.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}

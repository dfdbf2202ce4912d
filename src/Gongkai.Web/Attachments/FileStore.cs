using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Attachments;

/// <summary>Configuration section "Storage".</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public const long DefaultMaxUploadBytes = 20L * 1024 * 1024;

    /// <summary>Files in a folder of this node (or a folder every node mounts): the single-node default.</summary>
    public const string LocalProvider = "local";

    /// <summary>Files in the platform's database, in chunks: every node sees the same files.</summary>
    public const string DatabaseProvider = "database";

    /// <summary>Where files are kept: <see cref="LocalProvider"/> (default) or <see cref="DatabaseProvider"/>.</summary>
    public string Provider { get; set; } = LocalProvider;

    /// <summary>The folder holding stored files (relative paths are relative to the working directory, like the SQLite file).</summary>
    public string Root { get; set; } = "data/files";

    /// <summary>The largest file accepted, for every upload of the platform (20 MB by default).</summary>
    public long MaxUploadBytes { get; set; } = DefaultMaxUploadBytes;

    /// <summary>
    /// The request-size limit for Kestrel and multipart forms: twice the file limit plus 1 MB, so that a file somewhat
    /// over the limit still reaches the page, which refuses it with a reason and keeps the form.
    /// </summary>
    public static long RequestLimit(long maxUploadBytes) => checked((maxUploadBytes * 2) + (1024 * 1024));

    /// <summary>A size for people: "20 MB", "512 KB", "300 字节".</summary>
    public static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024d * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " 字节",
    };
}

/// <summary>A file in the store: its SHA-256 (its name), size, and whether identical content was already there.</summary>
public sealed record StoredFile(string Sha256, long Size, bool AlreadyStored)
{
    /// <summary>True for a lower-case hex SHA-256, the only names a store knows.</summary>
    public static bool IsSha256(string? text) => text is { Length: 64 } && text.All(char.IsAsciiHexDigitLower);
}

/// <summary>
/// The platform's one file store, content-addressed: a file is named by the SHA-256 of its content, identical
/// content is stored once, and a stored file never changes. Content streams in and out; no implementation holds a
/// whole file in memory. Chosen by <c>Storage:Provider</c> (docs/adr/0016-one-renderer-chinese-for-users.md).
/// </summary>
public interface IFileStore
{
    /// <summary>Copies <paramref name="content"/> into the store (from its current position) and returns where it is.</summary>
    Task<StoredFile> SaveAsync(Stream content, CancellationToken cancellationToken = default);

    /// <summary>The stored content, or null when the store does not have it (or the name is not a SHA-256).</summary>
    Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>Removes stored content; false when it was not there. Callers make sure no record refers to it.</summary>
    Task<bool> DeleteAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes stored content unless it was saved at or after <paramref name="savedBeforeUtc"/> (every save renews
    /// content already there); false when it was kept or not there. Decided atomically against a concurrent save: the
    /// save either comes first and the content stays, or finds it gone and stores it again. This is how a cleanup that
    /// found no row referring to the content leaves it to an upload that reuses it and has not committed its row yet
    /// (<see cref="FileReferences.DeleteIfUnreferencedAsync"/>).
    /// </summary>
    Task<bool> DeleteUnclaimedAsync(string sha256, DateTime savedBeforeUtc, CancellationToken cancellationToken = default);
}

/// <summary>
/// Files in a folder, named by their SHA-256 in two levels of folders (<c>ab/cd/abcd…</c>), written to
/// <c>incoming/</c> first and moved into place, so a reader never sees half a file and two writers of the same content
/// agree. Several app nodes must share the folder, or use the database store (docs/deployment.md). A file's
/// last-write time is when it was last saved (set from the platform's clock, renewed by a save of the same content).
/// </summary>
public sealed class LocalFileStore(IOptions<StorageOptions> options, TimeProvider clock) : IFileStore
{
    public string Root => Path.GetFullPath(options.Value.Root);

    public async Task<StoredFile> SaveAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var incoming = Path.Combine(Root, "incoming");
        Directory.CreateDirectory(incoming);
        var temporary = Path.Combine(incoming, Guid.NewGuid().ToString("N"));
        string sha;
        long size;
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
                size = file.Length;
            }

            var target = PathOf(sha);
            if (Renew(target))
            {
                return new StoredFile(sha, size, AlreadyStored: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.SetLastWriteTimeUtc(temporary, clock.GetUtcNow().UtcDateTime);
            try
            {
                File.Move(temporary, target);
            }
            catch (IOException) when (Renew(target))
            {
                // Another request stored the same content a moment ago: it is the same file.
                return new StoredFile(sha, size, AlreadyStored: true);
            }

            return new StoredFile(sha, size, AlreadyStored: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken = default)
    {
        Stream? content = StoredFile.IsSha256(sha256) && File.Exists(PathOf(sha256))
            ? new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true)
            : null;
        return Task.FromResult(content);
    }

    public Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken = default) =>
        Task.FromResult(StoredFile.IsSha256(sha256) && File.Exists(PathOf(sha256)));

    public Task<bool> DeleteAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (!StoredFile.IsSha256(sha256) || !File.Exists(PathOf(sha256)))
        {
            return Task.FromResult(false);
        }

        File.Delete(PathOf(sha256));
        return Task.FromResult(true);
    }

    /// <summary>
    /// The file is first moved aside (one atomic rename within the store's folder), and only then is its time read: a
    /// save that renewed it before the move is seen and the file is moved back; a save after the move finds no file and
    /// stores the content again. A file moved back where a save has meanwhile put the same content is simply dropped.
    /// </summary>
    public Task<bool> DeleteUnclaimedAsync(string sha256, DateTime savedBeforeUtc, CancellationToken cancellationToken = default)
    {
        if (!StoredFile.IsSha256(sha256))
        {
            return Task.FromResult(false);
        }

        var target = PathOf(sha256);
        var incoming = Path.Combine(Root, "incoming");
        Directory.CreateDirectory(incoming);
        var aside = Path.Combine(incoming, Guid.NewGuid().ToString("N") + ".deleting");
        try
        {
            File.Move(target, aside);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult(false);
        }

        if (File.GetLastWriteTimeUtc(aside) < savedBeforeUtc)
        {
            File.Delete(aside);
            return Task.FromResult(true);
        }

        try
        {
            File.Move(aside, target);
        }
        catch (IOException) when (File.Exists(target))
        {
            File.Delete(aside);
        }

        return Task.FromResult(false);
    }

    /// <summary>Marks stored content as saved now; false when it is not there.</summary>
    private bool Renew(string target)
    {
        try
        {
            File.SetLastWriteTimeUtc(target, clock.GetUtcNow().UtcDateTime);
            return true;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Where content with this hash lives: Root/ab/cd/abcd… .</summary>
    public string PathOf(string sha256)
    {
        if (!StoredFile.IsSha256(sha256))
        {
            throw new ArgumentException("Not a lower-case hex SHA-256.", nameof(sha256));
        }

        return Path.Combine(Root, sha256[..2], sha256[2..4], sha256);
    }
}

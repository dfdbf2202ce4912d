using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Catalog;

/// <summary>Catalogue settings. Configuration section "Catalog"; the file folder is the platform's "Storage:Root".</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>The folder of the file store (configuration "Storage:Root", shared with the application attachments).</summary>
    public string FileStore { get; set; } = "data/files";

    /// <summary>The largest attachment accepted, in bytes.</summary>
    public long MaxAttachmentBytes { get; set; } = 50 * 1024 * 1024;
}

/// <summary>
/// A content-addressed file store laid out like the platform's attachment store ({root}/ab/cd/abcd…, temporary files in
/// {root}/incoming), so both read the same files and can be merged into one. Writing goes to a temporary file that is
/// moved into place: a reader never sees half a file and two nodes writing the same content agree.
/// </summary>
public sealed class CatalogFiles(IOptions<CatalogOptions> options)
{
    public long MaxBytes => options.Value.MaxAttachmentBytes;

    /// <summary>Stores the content and returns its SHA-256 (lower-case hex) and size.</summary>
    public async Task<(string Sha256, long Size)> SaveAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var incoming = Path.Combine(Path.GetFullPath(options.Value.FileStore), "incoming");
        Directory.CreateDirectory(incoming);
        var temporary = Path.Combine(incoming, Guid.NewGuid().ToString("N"));
        string sha;
        long size;
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
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            File.Delete(temporary);
        }
        else
        {
            // Another node storing the same content at the same moment writes the same bytes.
            File.Move(temporary, target, overwrite: true);
        }

        return (sha, size);
    }

    /// <summary>Opens a stored file for reading, or null when it is missing.</summary>
    public Stream? Open(string sha256)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var path = PathOf(sha256);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    private string PathOf(string sha256) => Path.Combine(Path.GetFullPath(options.Value.FileStore), sha256[..2], sha256[2..4], sha256);
}

using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Attachments;

/// <summary>
/// Which rows refer to a stored file. The store is content-addressed (<see cref="IFileStore"/>): identical content is
/// kept once whatever refers to it, so content may be removed only when no row of any table names its hash. Every
/// table that keeps a file's SHA-256 is listed here, and a new one must be added.
/// </summary>
public static class FileReferences
{
    /// <summary>Whether any attachment, collected report or render job refers to <paramref name="sha256"/>.</summary>
    public static async Task<bool> IsReferencedAsync(GongkaiDbContext db, string sha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Attachments.AnyAsync(a => a.Sha256 == sha256, cancellationToken)
            || await db.CollectedReports.AnyAsync(r => r.Sha256 == sha256, cancellationToken)
            || await db.RenderJobs.AnyAsync(j => j.FileSha256 == sha256, cancellationToken);
    }

    /// <summary>
    /// How long after a save content stays whatever the rows say: an upload or a render that reuses stored content
    /// (deduplication) saves it first and commits the row that refers to it a moment later, so a cleanup that found no
    /// row in between must not remove it. An hour is far beyond any request or render (ADR 0012).
    /// </summary>
    public static readonly TimeSpan ReuseGrace = TimeSpan.FromHours(1);

    /// <summary>
    /// Removes <paramref name="sha256"/> from the store when no row refers to it and it was not saved within
    /// <see cref="ReuseGrace"/> before <paramref name="nowUtc"/>; true when it was removed. The save time is tested by
    /// the store's delete itself (<see cref="IFileStore.DeleteUnclaimedAsync"/>), so an upload reusing the content
    /// between the reference check and the delete keeps it.
    /// </summary>
    public static async Task<bool> DeleteIfUnreferencedAsync(GongkaiDbContext db, IFileStore store, string sha256, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return !await IsReferencedAsync(db, sha256, cancellationToken) && await store.DeleteUnclaimedAsync(sha256, nowUtc - ReuseGrace, cancellationToken);
    }
}

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
}

using Gongkai.Data;
using Gongkai.Data.Jobs;
using Gongkai.Web.Attachments;
using Gongkai.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Letters;

/// <summary>
/// The scheduled job (every <c>Letters:PdfCleanupEvery</c>, default 1 h) that removes superseded letter PDFs: the
/// render jobs of a letter deleted since, and of a text the letter no longer has (a draft edited since — the edited
/// text gets its own job), once the job finished longer than <see cref="LetterOptions.PdfRetention"/> ago. The job of
/// a letter's current text is never removed, so an issued letter's PDF (its text is locked) stays for good; queued and
/// running jobs are left to the worker. A removed job's file leaves the file store only when no other row refers to
/// the same content (<see cref="FileReferences"/>). Running on two nodes at once is harmless: the deletes are by id.
/// </summary>
public sealed class LetterPdfCleanup(GongkaiDbContext db, IFileStore store, IOptions<LetterOptions> options, TimeProvider clock, ILogger<LetterPdfCleanup> logger) : IScheduledJob
{
    /// <summary>How many finished jobs one round looks at.</summary>
    public const int BatchSize = 500;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime - options.Value.PdfRetention;
        var removed = 0;
        var kept = 0;
        while (true)
        {
            var jobs = await db.RenderJobs.AsNoTracking()
                .Where(j => j.Kind == RenderJob.LetterPdf
                    && (j.State == RenderJobState.Done || j.State == RenderJobState.Failed) && j.FinishedAtUtc < before)
                .OrderBy(j => j.Id).Skip(kept).Take(BatchSize)
                .Select(j => new { j.Id, j.SubjectId, j.SourceHash, j.FileSha256 })
                .ToListAsync(cancellationToken);
            if (jobs.Count == 0)
            {
                return removed;
            }

            var subjectIds = jobs.Select(j => j.SubjectId).Distinct().ToList();
            var letters = await db.Letters.AsNoTracking().Where(l => subjectIds.Contains(l.Id)).ToListAsync(cancellationToken);
            var agencyIds = letters.Select(l => l.AgencyId).Distinct().ToList();
            var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
            var current = letters.ToDictionary(l => l.Id, l => LetterPdfJobs.SourceHash(LetterDocument.From(l, agencies.GetValueOrDefault(l.AgencyId, ""))));
            var superseded = jobs.Where(j => !current.TryGetValue(j.SubjectId, out var hash) || hash != j.SourceHash).ToList();
            kept += jobs.Count - superseded.Count; // the removed ones leave the order, the kept ones are skipped next time
            if (superseded.Count == 0)
            {
                continue;
            }

            var ids = superseded.Select(j => j.Id).ToList();
            removed += await db.RenderJobs.Where(j => ids.Contains(j.Id)).ExecuteDeleteAsync(cancellationToken);
            foreach (var sha in superseded.Select(j => j.FileSha256).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (!await FileReferences.IsReferencedAsync(db, sha, cancellationToken))
                {
                    await store.DeleteAsync(sha, cancellationToken);
                }
            }

            logger.LogInformation("Removed {Count} superseded letter PDF jobs", ids.Count);
        }
    }
}

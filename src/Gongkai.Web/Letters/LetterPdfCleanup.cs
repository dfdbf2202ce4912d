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
/// the same content and no save reused it within <see cref="FileReferences.ReuseGrace"/>
/// (<see cref="FileReferences.DeleteIfUnreferencedAsync"/>). Running on two nodes at once is harmless: the deletes
/// are by id.
/// <para>
/// Each run looks only at what may have become removable since the last one, so its cost follows the letters changed,
/// not the history: finished jobs it has never checked (<see cref="RenderJob.CheckedAtUtc"/> null: newly past the
/// retention, or marked again because their letter was deleted or their agency renamed — <see cref="RecheckLetterAsync"/>,
/// <see cref="RecheckAgencyAsync"/>), and checked jobs of letters updated since the newest check (less
/// <see cref="ChangeOverlap"/>, for an edit that committed while that run read the letter). A job found current is
/// stamped with the run's start and not read again until its letter changes.
/// </para>
/// </summary>
public sealed class LetterPdfCleanup(GongkaiDbContext db, IFileStore store, IOptions<LetterOptions> options, TimeProvider clock, ILogger<LetterPdfCleanup> logger) : IScheduledJob
{
    /// <summary>How many finished jobs one round looks at.</summary>
    public const int BatchSize = 500;

    /// <summary>Letters updated this long before the newest check are looked at again (an edit that committed while the run read it).</summary>
    public static readonly TimeSpan ChangeOverlap = TimeSpan.FromMinutes(10);

    /// <summary>How many jobs the last <see cref="RunAsync"/> read and compared with their letters (for logs and tests).</summary>
    public int Examined { get; private set; }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var before = now - options.Value.PdfRetention;
        var finished = db.RenderJobs.AsNoTracking().Where(j => j.Kind == RenderJob.LetterPdf
            && (j.State == RenderJobState.Done || j.State == RenderJobState.Failed) && j.FinishedAtUtc < before);
        var lastCheck = await db.RenderJobs.Where(j => j.Kind == RenderJob.LetterPdf && j.CheckedAtUtc != null).MaxAsync(j => j.CheckedAtUtc, cancellationToken);
        Examined = 0;
        var removed = 0;

        // Never checked: each batch leaves the selection (removed, or stamped), so the loop ends.
        while (true)
        {
            var jobs = await finished.Where(j => j.CheckedAtUtc == null).OrderBy(j => j.Id).Take(BatchSize)
                .Select(j => new Candidate(j.Id, j.SubjectId, j.SourceHash, j.FileSha256)).ToListAsync(cancellationToken);
            if (jobs.Count == 0)
            {
                break;
            }

            removed += await SettleAsync(jobs, now, cancellationToken);
        }

        // Checked before, of a letter changed since.
        if (lastCheck is { } last)
        {
            var since = last - ChangeOverlap;
            var changed = await db.Letters.AsNoTracking().Where(l => l.UpdatedAtUtc >= since).Select(l => l.Id).ToListAsync(cancellationToken);
            foreach (var letters in changed.Chunk(BatchSize))
            {
                var jobs = await finished.Where(j => letters.Contains(j.SubjectId) && j.CheckedAtUtc < now)
                    .Select(j => new Candidate(j.Id, j.SubjectId, j.SourceHash, j.FileSha256)).ToListAsync(cancellationToken);
                if (jobs.Count > 0)
                {
                    removed += await SettleAsync(jobs, now, cancellationToken);
                }
            }
        }

        return removed;
    }

    /// <summary>Marks the letter's finished PDF jobs for the next run to look at (call it when the letter is deleted).</summary>
    public static Task<int> RecheckLetterAsync(GongkaiDbContext db, Guid letterId, CancellationToken cancellationToken) =>
        Checked(db).Where(j => j.SubjectId == letterId).ExecuteUpdateAsync(set => set.SetProperty(j => j.CheckedAtUtc, (DateTime?)null), cancellationToken);

    /// <summary>Marks the agency's letter PDF jobs for the next run to look at (call it when the agency's name, which every letter is signed with, changes).</summary>
    public static Task<int> RecheckAgencyAsync(GongkaiDbContext db, Guid agencyId, CancellationToken cancellationToken) =>
        Checked(db).Where(j => j.AgencyId == agencyId).ExecuteUpdateAsync(set => set.SetProperty(j => j.CheckedAtUtc, (DateTime?)null), cancellationToken);

    private static IQueryable<RenderJob> Checked(GongkaiDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.RenderJobs.Where(j => j.Kind == RenderJob.LetterPdf && j.CheckedAtUtc != null);
    }

    /// <summary>Compares the jobs with their letters' current text: removes the superseded ones (and their files), stamps the others.</summary>
    private async Task<int> SettleAsync(IReadOnlyList<Candidate> jobs, DateTime now, CancellationToken cancellationToken)
    {
        Examined += jobs.Count;
        var subjectIds = jobs.Select(j => j.SubjectId).Distinct().ToList();
        var letters = await db.Letters.AsNoTracking().Where(l => subjectIds.Contains(l.Id)).ToListAsync(cancellationToken);
        var agencyIds = letters.Select(l => l.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var current = letters.ToDictionary(l => l.Id, l => LetterPdfJobs.SourceHash(LetterDocument.From(l, agencies.GetValueOrDefault(l.AgencyId, ""))));
        var superseded = jobs.Where(j => !current.TryGetValue(j.SubjectId, out var hash) || hash != j.SourceHash).ToList();
        var keptIds = jobs.Except(superseded).Select(j => j.Id).ToList();
        if (keptIds.Count > 0)
        {
            await db.RenderJobs.Where(j => keptIds.Contains(j.Id)).ExecuteUpdateAsync(set => set.SetProperty(j => j.CheckedAtUtc, now), cancellationToken);
        }

        if (superseded.Count == 0)
        {
            return 0;
        }

        var ids = superseded.Select(j => j.Id).ToList();
        var removed = await db.RenderJobs.Where(j => ids.Contains(j.Id)).ExecuteDeleteAsync(cancellationToken);
        foreach (var sha in superseded.Select(j => j.FileSha256).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            await FileReferences.DeleteIfUnreferencedAsync(db, store, sha, now, cancellationToken);
        }

        logger.LogInformation("Removed {Count} superseded letter PDF jobs", ids.Count);
        return removed;
    }

    private sealed record Candidate(Guid Id, Guid SubjectId, string SourceHash, string? FileSha256);
}

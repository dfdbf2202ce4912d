using Gongkai.Data;
using Gongkai.Data.Jobs;
using Gongkai.Web.Attachments;
using Gongkai.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Letters;

/// <summary>
/// The scheduled job (on every node, every <c>Letters:PdfPollEvery</c>) that makes queued letter PDFs.
/// It claims a job with a conditional update, as the notification outbox claims its rows, except that a claim older
/// than <see cref="LetterOptions.PdfStaleAfter"/> may be taken over (its node died): of two nodes only one update
/// matches. It renders the letter's DOCX, converts it (<see cref="IPdfConverter"/>), keeps the PDF in the file store and
/// marks the job 已完成, or 失败 with the converter's Chinese reason. A letter deleted since, or edited since (the job
/// is for text that no longer exists), is not rendered. <see cref="LetterOptions.PdfConcurrency"/> lanes work at once.
/// </summary>
public sealed class LetterPdfWorker(IServiceScopeFactory scopes, IOptions<LetterOptions> options) : IScheduledJob
{
    public const string Deleted = "文书已删除，不再生成 PDF。";

    public const string Edited = "文书内容已修改，此版本不再生成 PDF；请按修改后的内容重新生成。";

    /// <summary>Why a job that was claimed <see cref="LetterOptions.PdfMaxAttempts"/> times without finishing ended 失败.</summary>
    public static string GaveUp(int attempts) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"已尝试生成 {attempts} 次均未完成（处理的服务器中途停止或出错），不再自动尝试；请点“重试”重新生成，仍失败的请联系系统管理员。");

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var lanes = Math.Max(1, options.Value.PdfConcurrency);
        var done = await Task.WhenAll(Enumerable.Range(0, lanes).Select(_ => LaneAsync(cancellationToken)));
        return done.Sum();
    }

    private async Task<int> LaneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<GongkaiDbContext>();
        var node = services.GetRequiredService<NodeIdentity>().Name;
        var clock = services.GetRequiredService<TimeProvider>();
        var made = 0;
        while (await ClaimNextAsync(db, node, clock, cancellationToken) is { } job)
        {
            var (sha, size, failure) = await RenderAsync(db, services, job, cancellationToken);
            var at = clock.GetUtcNow().UtcDateTime;
            var finished = await db.RenderJobs
                .Where(j => j.Id == job.Id && j.ClaimedBy == node && j.State == RenderJobState.Running)
                .ExecuteUpdateAsync(
                    u => u.SetProperty(j => j.State, failure == null ? RenderJobState.Done : RenderJobState.Failed)
                        .SetProperty(j => j.Failure, failure).SetProperty(j => j.FileSha256, sha).SetProperty(j => j.FileSize, size)
                        .SetProperty(j => j.FinishedAtUtc, at),
                    cancellationToken);
            made += finished;
        }

        return made;
    }

    /// <summary>Claims the oldest job that is queued or whose claim went stale; null when there is none left.</summary>
    private async Task<RenderJob?> ClaimNextAsync(GongkaiDbContext db, string node, TimeProvider clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var staleBefore = now - options.Value.PdfStaleAfter;
            var maxAttempts = Math.Max(1, options.Value.PdfMaxAttempts);

            // A stale claim that has used up its attempts ends 失败 instead of being taken over again.
            var gaveUp = GaveUp(maxAttempts);
            await db.RenderJobs
                .Where(j => j.State == RenderJobState.Running && j.ClaimedAtUtc < staleBefore && j.Attempts >= maxAttempts)
                .ExecuteUpdateAsync(
                    u => u.SetProperty(j => j.State, RenderJobState.Failed).SetProperty(j => j.Failure, gaveUp).SetProperty(j => j.FinishedAtUtc, now),
                    cancellationToken);
            var candidates = await db.RenderJobs.AsNoTracking()
                .Where(j => j.State == RenderJobState.Queued || (j.State == RenderJobState.Running && j.ClaimedAtUtc < staleBefore))
                .OrderBy(j => j.RequestedAtUtc)
                .Select(j => j.Id)
                .Take(10)
                .ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                return null;
            }

            foreach (var id in candidates)
            {
                var claimed = await db.RenderJobs
                    .Where(j => j.Id == id && (j.State == RenderJobState.Queued || (j.State == RenderJobState.Running && j.ClaimedAtUtc < staleBefore)))
                    .ExecuteUpdateAsync(
                        u => u.SetProperty(j => j.State, RenderJobState.Running).SetProperty(j => j.ClaimedBy, node)
                            .SetProperty(j => j.ClaimedAtUtc, now).SetProperty(j => j.Attempts, j => j.Attempts + 1),
                        cancellationToken);
                if (claimed == 1)
                {
                    return await db.RenderJobs.AsNoTracking().SingleAsync(j => j.Id == id, cancellationToken);
                }

                // Another node took it; try the next one.
            }
        }
    }

    private static async Task<(string? Sha256, long? Size, string? Failure)> RenderAsync(
        GongkaiDbContext db, IServiceProvider services, RenderJob job, CancellationToken cancellationToken)
    {
        var letter = await db.Letters.AsNoTracking().SingleOrDefaultAsync(l => l.Id == job.SubjectId, cancellationToken);
        if (letter is null)
        {
            return (null, null, Deleted);
        }

        var agencyName = await db.Agencies.AsNoTracking().Where(a => a.Id == letter.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        var document = LetterDocument.From(letter, agencyName);
        if (LetterPdfJobs.SourceHash(document) != job.SourceHash)
        {
            return (null, null, Edited);
        }

        PdfResult result;
        try
        {
            result = await services.GetRequiredService<IPdfConverter>().ConvertAsync(LetterDocx.Render(document), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            services.GetRequiredService<ILogger<LetterPdfWorker>>().LogWarning(exception, "The PDF of letter {Letter} could not be made", letter.Id);
            result = new PdfResult(null, LibreOfficePdf.Failed);
        }

        if (result.Pdf is not { } pdf)
        {
            return (null, null, result.Problem ?? LibreOfficePdf.Failed);
        }

        using var content = new MemoryStream(pdf, writable: false);
        var stored = await services.GetRequiredService<IFileStore>().SaveAsync(content, cancellationToken);
        return (stored.Sha256, stored.Size, null);
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Data.Audit;
using Gongkai.Data.Jobs;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Letters;

/// <summary>The words of a render job's states, one table for the pages, the JSON and the script.</summary>
public static class RenderJobStates
{
    /// <summary>No job for the letter's current text yet.</summary>
    public const string NoneKey = "none";

    public static string Key(RenderJobState state) => state switch
    {
        RenderJobState.Queued => "queued",
        RenderJobState.Running => "running",
        RenderJobState.Done => "done",
        _ => "failed",
    };

    public static string Label(RenderJobState state) => state switch
    {
        RenderJobState.Queued => "排队中",
        RenderJobState.Running => "生成中",
        RenderJobState.Done => "已完成",
        _ => "失败",
    };

    /// <summary>"已等待 8 秒", "已等待 2 分 5 秒".</summary>
    public static string Waited(TimeSpan waited)
    {
        var seconds = Math.Max(0, (long)waited.TotalSeconds);
        return seconds < 60
            ? string.Create(CultureInfo.InvariantCulture, $"已等待 {seconds} 秒")
            : string.Create(CultureInfo.InvariantCulture, $"已等待 {seconds / 60} 分 {seconds % 60} 秒");
    }
}

/// <summary>
/// What a page or the JSON says about a letter's PDF: the state's key and words, a detail (how long it has waited, or
/// why it failed), the file's address once done and the address that requests it (again).
/// </summary>
public sealed record PdfJobView(Guid LetterId, string State, string Label, string? Detail, string? FileUrl, string RequestUrl, string StatusUrl)
{
    /// <summary>Still to come: the page polls (or offers 刷新 without JavaScript).</summary>
    public bool InProgress => State is "queued" or "running";
}

/// <summary>
/// Background PDFs of letters (<see cref="RenderJob"/>, kind <see cref="RenderJob.LetterPdf"/>): requesting one is
/// idempotent — a job is keyed by the letter and the hash of the text it renders, so a second request while it is
/// queued or running, or after it is done, finds the same job (an issued letter never changes, so its PDF is made once;
/// an edited draft has a new hash and is made anew); a failed job is queued again. <see cref="LetterPdfWorker"/> makes them.
/// </summary>
public sealed class LetterPdfJobs(GongkaiDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>The hash a job of this letter text is kept under: SHA-256 of everything the PDF shows.</summary>
    public static string SourceHash(LetterDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var json = JsonSerializer.SerializeToUtf8Bytes(new[] { document.Title, document.Number, document.Signature, document.Date, document.IsDraft ? "draft" : "final" }
            .Concat(document.Paragraphs).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(json));
    }

    /// <summary>The job for the letter's current text, or null when none was requested.</summary>
    public Task<RenderJob?> FindAsync(Guid letterId, LetterDocument document, CancellationToken cancellationToken)
    {
        var hash = SourceHash(document);
        return db.RenderJobs.AsNoTracking().SingleOrDefaultAsync(
            j => j.Kind == RenderJob.LetterPdf && j.SubjectId == letterId && j.Format == "pdf" && j.SourceHash == hash, cancellationToken);
    }

    /// <summary>
    /// Queues the PDF of the letter's current text, or returns the job already there (queued, running or done); a
    /// failed one is queued again (重试) with its attempts counted from zero (<see cref="LetterOptions.PdfMaxAttempts"/>).
    /// Each new job and each retry is an audit line.
    /// </summary>
    public async Task<RenderJob> RequestAsync(LetterRecord letter, LetterDocument document, string requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var now = clock.GetUtcNow().UtcDateTime;
        if (await FindAsync(letter.Id, document, cancellationToken) is not { } job)
        {
            job = new RenderJob
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                Kind = RenderJob.LetterPdf,
                SubjectId = letter.Id,
                AgencyId = letter.AgencyId,
                Format = "pdf",
                SourceHash = SourceHash(document),
                State = RenderJobState.Queued,
                RequestedByName = requestedBy.Length > 100 ? requestedBy[..100] : requestedBy,
                RequestedAtUtc = now,
            };
            db.RenderJobs.Add(job);
            audit.Record("letter.pdf-requested", "Letter", letter.Id.ToString(), $"生成“{letter.Title}”的 PDF", letter.AgencyId);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return job;
            }
            catch (DbUpdateException)
            {
                // Someone asked for the same text at the same moment: theirs is the job (the unique key settled it).
                foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is RenderJob or AuditEntry && e.State == EntityState.Added).ToList())
                {
                    entry.State = EntityState.Detached;
                }

                return await FindAsync(letter.Id, document, cancellationToken)
                    ?? throw new InvalidOperationException("The render job that won the unique key is not there.");
            }
        }

        if (job.State != RenderJobState.Failed)
        {
            return job;
        }

        var queued = await db.RenderJobs
            .Where(j => j.Id == job.Id && j.State == RenderJobState.Failed)
            .ExecuteUpdateAsync(
                u => u.SetProperty(j => j.State, RenderJobState.Queued).SetProperty(j => j.Failure, (string?)null)
                    .SetProperty(j => j.ClaimedBy, (string?)null).SetProperty(j => j.ClaimedAtUtc, (DateTime?)null)
                    .SetProperty(j => j.Attempts, 0).SetProperty(j => j.RequestedAtUtc, now),
                cancellationToken);
        if (queued == 1)
        {
            audit.Record("letter.pdf-retried", "Letter", letter.Id.ToString(), $"重新生成“{letter.Title}”的 PDF（上次失败：{job.Failure}）", letter.AgencyId);
            await db.SaveChangesAsync(cancellationToken);
        }

        return await db.RenderJobs.AsNoTracking().SingleAsync(j => j.Id == job.Id, cancellationToken);
    }

    /// <summary>The job as the page and the JSON show it.</summary>
    public PdfJobView View(Guid letterId, RenderJob? job, string pageUrl, string statusUrl)
    {
        if (job is null)
        {
            return new PdfJobView(letterId, RenderJobStates.NoneKey, "尚未生成", "生成 PDF 需要十几秒，在后台进行，可以离开本页稍后再来。", null, pageUrl, statusUrl);
        }

        var detail = job.State switch
        {
            RenderJobState.Queued or RenderJobState.Running => RenderJobStates.Waited(clock.GetUtcNow().UtcDateTime - job.RequestedAtUtc),
            RenderJobState.Failed => job.Failure,
            _ => null,
        };
        return new PdfJobView(letterId, RenderJobStates.Key(job.State), RenderJobStates.Label(job.State), detail,
            job.State == RenderJobState.Done ? pageUrl : null, pageUrl, statusUrl);
    }
}

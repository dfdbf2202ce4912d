using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Data.Jobs;

/// <summary>Where a file being produced in the background is: 排队中 → 生成中 → 已完成 or 失败 (and 失败 → 排队中 on 重试).</summary>
public enum RenderJobState
{
    Queued = 0,

    Running = 1,

    Done = 2,

    Failed = 3,
}

/// <summary>
/// A file being produced in the background (today: a letter's PDF), one row per version of what is rendered: the
/// kind, the subject (the letter), the format and the hash of the content it is made from (<see cref="SourceHash"/>),
/// unique together, so a second request for the same content finds this row instead of adding one. A worker claims a
/// queued row with a conditional update (<c>… SET State = Running, ClaimedBy = node WHERE Id = … AND (State = Queued
/// OR State = Running AND ClaimedAtUtc &lt; stale)</c>), the outbox's pattern with a stale claim made re-claimable, so a
/// node that died does not leave a job 生成中 for ever. The produced file is in the file store under
/// <see cref="FileSha256"/>.
/// </summary>
public sealed class RenderJob
{
    public const string LetterPdf = "letter.pdf";

    public Guid Id { get; set; }

    /// <summary>What is produced, a stable code such as "letter.pdf".</summary>
    public required string Kind { get; set; }

    /// <summary>The thing it is produced from, e.g. the letter's id.</summary>
    public Guid SubjectId { get; set; }

    /// <summary>The agency whose thing it is (for the audit log and access).</summary>
    public Guid AgencyId { get; set; }

    /// <summary>The file format, e.g. "pdf".</summary>
    public required string Format { get; set; }

    /// <summary>SHA-256 of the content rendered (a draft edited since makes a new job; an issued letter never changes).</summary>
    public required string SourceHash { get; set; }

    public RenderJobState State { get; set; }

    /// <summary>Why it failed, in Chinese for the person who asked.</summary>
    public string? Failure { get; set; }

    /// <summary>How many times a worker claimed it.</summary>
    public int Attempts { get; set; }

    /// <summary>The node that claimed it last.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedAtUtc { get; set; }

    /// <summary>The produced file's SHA-256 in the file store, once done.</summary>
    public string? FileSha256 { get; set; }

    public long? FileSize { get; set; }

    /// <summary>Who asked first: a staff member's name, or 申请人.</summary>
    public required string RequestedByName { get; set; }

    /// <summary>When it was queued (again, after 重试).</summary>
    public DateTime RequestedAtUtc { get; set; }

    public DateTime? FinishedAtUtc { get; set; }

    /// <summary>
    /// When the PDF cleanup last found this finished job to be its letter's current text (so kept it); null until then,
    /// and again when the letter is deleted or its agency renamed. A later run looks at it again only when it is null
    /// or the letter changed since (ADR 0012, "Letter PDF housekeeping").
    /// </summary>
    public DateTime? CheckedAtUtc { get; set; }
}

internal sealed class RenderJobConfiguration : IEntityTypeConfiguration<RenderJob>
{
    public void Configure(EntityTypeBuilder<RenderJob> builder)
    {
        builder.ToTable("RenderJobs");
        builder.Property(j => j.Kind).HasMaxLength(50);
        builder.Property(j => j.Format).HasMaxLength(10);
        builder.Property(j => j.SourceHash).HasMaxLength(64);
        builder.Property(j => j.Failure).HasMaxLength(500);
        builder.Property(j => j.ClaimedBy).HasMaxLength(100);
        builder.Property(j => j.FileSha256).HasMaxLength(64);
        builder.Property(j => j.RequestedByName).HasMaxLength(100);
        builder.HasIndex(j => new { j.Kind, j.SubjectId, j.Format, j.SourceHash }).IsUnique();
        builder.HasIndex(j => new { j.State, j.RequestedAtUtc });
        builder.HasIndex(j => new { j.Kind, j.CheckedAtUtc, j.FinishedAtUtc });
    }
}

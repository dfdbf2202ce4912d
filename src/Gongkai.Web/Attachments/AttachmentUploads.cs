using System.Text;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Attachments;

/// <summary>A stored attachment (not yet saved to the database), or the Chinese reason the upload was refused.</summary>
public sealed record UploadResult(AttachmentRecord? Attachment, string? Problem);

/// <summary>
/// Takes every stored upload of the platform (application attachments on staff pages, the applicant's correction,
/// catalogue attachments): checks it against the one size limit (<c>Storage:MaxUploadBytes</c>) and the one sniffer
/// (<see cref="FileTypes"/>), puts the bytes in the <see cref="IFileStore"/> and adds an <see cref="AttachmentRecord"/>
/// to the context. The caller saves, so the record, the change it belongs to and the audit line are committed together.
/// </summary>
public sealed class AttachmentUploads(GongkaiDbContext db, IFileStore store, IOptions<StorageOptions> options, TimeProvider clock)
{
    /// <summary>The largest file accepted (configuration Storage:MaxUploadBytes), for the pages' hints.</summary>
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    /// <summary>Kinds staff choose from for an application, with their Chinese names.</summary>
    public static IReadOnlyList<(AttachmentKind Kind, string Label)> ApplicationKinds { get; } =
    [
        (AttachmentKind.Application, "申请材料（申请书扫描件等）"),
        (AttachmentKind.Disclosed, "提供给申请人的政府信息"),
        (AttachmentKind.Letter, "盖章文书扫描件"),
        (AttachmentKind.Other, "其他材料（送达回证、征求意见答复等）"),
    ];

    public static string Label(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Application => "申请材料",
        AttachmentKind.Disclosed => "公开的信息",
        AttachmentKind.Letter => "盖章文书",
        AttachmentKind.Other => "其他材料",
        AttachmentKind.Catalog => "目录附件",
        AttachmentKind.Correction => "补正材料",
        AttachmentKind.Evidence => "证明材料",
        _ => kind.ToString(),
    };

    /// <summary>Checks and stores an uploaded file for the owner (an application or catalogue item of <paramref name="agencyId"/>).</summary>
    public async Task<UploadResult> AddAsync(
        Guid agencyId, Guid ownerId, AttachmentKind kind, IFormFile? file, bool visibleToApplicant, string uploadedBy, CancellationToken cancellationToken = default)
    {
        if (file is null || (file.Length == 0 && string.IsNullOrEmpty(file.FileName)))
        {
            return new UploadResult(null, "请选择要上传的文件。");
        }

        var name = CleanName(file.FileName);
        if (file.Length > MaxUploadBytes)
        {
            return new UploadResult(null, TooLarge(name, file.Length, MaxUploadBytes));
        }

        await using var content = file.OpenReadStream();
        var check = FileTypes.Inspect(content, name);
        if (check.Type is not { } type)
        {
            return new UploadResult(null, $"文件“{name}”不能上传：{check.Problem}");
        }

        var stored = await store.SaveAsync(content, cancellationToken);
        return new UploadResult(Record(agencyId, ownerId, kind, name, type, stored, visibleToApplicant, uploadedBy), null);
    }

    /// <summary>The refusal of a file over the limit, the same words on every page that takes files.</summary>
    public static string TooLarge(string name, long size, long maxUploadBytes) =>
        $"文件“{name}”大小为 {StorageOptions.Describe(size)}，超过了 {StorageOptions.Describe(maxUploadBytes)} 的上限。请压缩或拆分后再上传。";

    /// <summary>Stores text (e.g. an applicant's written correction) as a UTF-8 text file.</summary>
    public async Task<AttachmentRecord> AddTextAsync(
        Guid agencyId, Guid ownerId, AttachmentKind kind, string fileName, string text, bool visibleToApplicant, string uploadedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        await using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var stored = await store.SaveAsync(content, cancellationToken);
        return Record(agencyId, ownerId, kind, fileName, FileTypes.Text, stored, visibleToApplicant, uploadedBy);
    }

    private AttachmentRecord Record(
        Guid agencyId, Guid ownerId, AttachmentKind kind, string name, FileType type, StoredFile stored, bool visibleToApplicant, string uploadedBy)
    {
        var now = clock.GetUtcNow();
        var record = new AttachmentRecord
        {
            Id = Guid.CreateVersion7(now),
            AgencyId = agencyId,
            OwnerId = ownerId,
            Kind = kind,
            FileName = name,
            ContentType = type.ContentType,
            Size = stored.Size,
            Sha256 = stored.Sha256,
            VisibleToApplicant = visibleToApplicant,
            UploadedAtUtc = now.UtcDateTime,
            UploadedBy = uploadedBy.Length > 100 ? uploadedBy[..100] : uploadedBy,
        };
        db.Attachments.Add(record);
        return record;
    }

    /// <summary>The file name without any path or control characters, at most 200 characters (keeping the extension).</summary>
    public static string CleanName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or '*' or '?' or ':'))]).Trim();
        if (name.Length == 0)
        {
            return "未命名文件";
        }

        if (name.Length > 200)
        {
            var extension = Path.GetExtension(name);
            name = name[..(200 - extension.Length)] + extension;
        }

        return name;
    }
}

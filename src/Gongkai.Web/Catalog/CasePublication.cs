using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Data.Catalog;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Letters;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Catalog;

/// <summary>The catalogue item a case was published as (the latest version of its series).</summary>
public sealed record PublishedFromCase(Guid ItemId, string Title, CatalogStatus Status);

/// <summary>
/// What a replied case offers for publishing under 条例第四十四条: the proposed title, the text (the issued reply
/// letter's, else the request and the outcome) with every personal datum found in it, the files provided to the
/// applicant, and why it cannot be published (<see cref="Refusal"/>) or where it already was (<see cref="Published"/>).
/// </summary>
public sealed record CasePublicationSource(
    ApplicationRecord Case,
    string? LetterNumber,
    string Title,
    string Text,
    IReadOnlyList<PersonalDatum> Found,
    IReadOnlyList<AttachmentRecord> Files,
    IReadOnlyList<CatalogCategory> Topics,
    PublishedFromCase? Published,
    string? Refusal)
{
    public bool CanPublish => Refusal is null;
}

/// <summary>The outcome of <see cref="CasePublication.CreateAsync"/>: the draft, or the refusal, or the form's messages by field.</summary>
public sealed record CasePublicationResult(CatalogItem? Item, string? Refusal, IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// Publishing released answers (条例第四十四条): from a case replied with 予以公开 or 部分公开, one action creates a
/// catalogue draft of the disclosed information — title, text and the disclosed files — with the personal data that
/// <see cref="PersonalDataMask.Find"/> detects (and the case's own applicant data wherever written) masked unless the
/// person keeps a finding. The draft then goes through the normal review of <see cref="CatalogPublishing"/>; the case
/// and the item name each other (<see cref="CatalogItem.SourceApplicationId"/>). Only staff of the case's agency who
/// draft catalogue items may do it; anyone else finds nothing.
/// </summary>
public sealed class CasePublication(GongkaiDbContext db, Staff staff, CatalogPublishing publishing, AuditLog audit, TimeProvider clock)
{
    /// <summary>The outcomes whose information was disclosed, so that publishing it proactively is possible.</summary>
    public static bool IsDisclosed(Outcome? outcome) => outcome is Outcome.Granted or Outcome.PartiallyGranted;

    /// <summary>The case's item, if one was drafted from it (any agency member may see the link).</summary>
    public async Task<PublishedFromCase?> PublishedAsync(Guid applicationId, CancellationToken cancellationToken = default)
    {
        var series = await db.CatalogItems.AsNoTracking().Where(i => i.SourceApplicationId == applicationId && i.AgencyId == staff.AgencyId)
            .Select(i => (Guid?)i.SeriesId).SingleOrDefaultAsync(cancellationToken);
        return series is null ? null : await db.CatalogItems.AsNoTracking().Where(i => i.SeriesId == series)
            .OrderByDescending(i => i.Version).Select(i => new PublishedFromCase(i.Id, i.Title, i.Status)).FirstAsync(cancellationToken);
    }

    /// <summary>The case an item (of any version of its series) was drafted from: its id and number.</summary>
    public async Task<(Guid Id, string Number)?> SourceOfAsync(Guid seriesId, CancellationToken cancellationToken = default)
    {
        var source = await db.CatalogItems.AsNoTracking().Where(i => i.SeriesId == seriesId && i.SourceApplicationId != null)
            .Select(i => i.SourceApplicationId).FirstOrDefaultAsync(cancellationToken);
        if (source is not { } id)
        {
            return null;
        }

        var number = await db.Applications.AsNoTracking().Where(a => a.Id == id).Select(a => a.Number).SingleOrDefaultAsync(cancellationToken);
        return number is null ? null : (id, number);
    }

    /// <summary>The case of the signed-in person's agency with what it offers for publishing; null when not found or not theirs.</summary>
    public async Task<CasePublicationSource?> LoadAsync(Guid applicationId, CancellationToken cancellationToken = default)
    {
        if (!staff.IsSignedIn || !publishing.Actor.CanDraft)
        {
            return null;
        }

        var record = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId && a.AgencyId == staff.AgencyId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var letter = await db.Letters.AsNoTracking()
            .Where(l => l.ApplicationId == record.Id && l.Status == LetterStatus.Issued && l.Kind.StartsWith(LetterCatalogue.ReplyPrefix))
            .OrderByDescending(l => l.IssuedAtUtc).FirstOrDefaultAsync(cancellationToken);
        var text = letter?.Body ?? $"申请内容：{record.Description}\n答复结果：{(record.Outcome is { } o ? Outcomes.Get(o).PublicName : "")}";
        var known = Known(record).ToList();
        var title = PersonalDataMask.Text(TitleOf(record.Description));
        title = PersonalDataMask.Apply(title, PersonalDataMask.Find(title, known));
        var files = await db.Attachments.AsNoTracking().Where(a => a.OwnerId == record.Id && a.Kind == AttachmentKind.Disclosed)
            .OrderBy(a => a.UploadedAtUtc).ToListAsync(cancellationToken);
        var topics = (await CatalogCategories.ForAgencyAsync(db, staff.AgencyId, cancellationToken)).Where(c => c.Scheme == CategoryScheme.Topic).ToList();
        var published = await PublishedAsync(record.Id, cancellationToken);
        return new CasePublicationSource(record, letter?.Number, title, text, PersonalDataMask.Find(text, known), files, topics, published, Refuse(record, published));
    }

    /// <summary>
    /// Creates the draft: <paramref name="title"/> as typed, the text with every finding masked except those whose
    /// index (in <see cref="CasePublicationSource.Found"/>) is in <paramref name="kept"/>, the disclosed files attached,
    /// filed under the 主题分类 <paramref name="topicId"/>. Audited as <c>catalog.from-case</c> with how many findings
    /// were masked and kept.
    /// </summary>
    public async Task<CasePublicationResult> CreateAsync(CasePublicationSource source, string? title, Guid? topicId, IReadOnlySet<int> kept, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(kept);
        var none = new Dictionary<string, string>(StringComparer.Ordinal);
        if (source.Refusal is { } refusal)
        {
            return new CasePublicationResult(null, refusal, none);
        }

        var record = source.Case;
        var masked = source.Found.Where((_, i) => !kept.Contains(i)).ToList();
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == record.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        var input = new CatalogDraftInput
        {
            Title = title?.Trim(),
            Publisher = agency,
            Kind = CatalogItemKind.General,
            Mode = DisclosureMode.Proactive,
            TopicCategoryId = topicId,
            FormedOn = DateText.Iso(record.ConcludedOn ?? ChinaTime.Today(clock)),
            Summary = "依申请公开的政府信息，根据《中华人民共和国政府信息公开条例》第四十四条转为主动公开。",
            Body = PersonalDataMask.Apply(source.Text, masked),
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await publishing.CreateAsync(input, cancellationToken);
        if (created.Item is not { } item)
        {
            return new CasePublicationResult(null, null, created.Errors);
        }

        item.SourceApplicationId = record.Id;
        var now = clock.GetUtcNow();
        foreach (var file in source.Files)
        {
            db.Attachments.Add(new AttachmentRecord
            {
                Id = Guid.CreateVersion7(now),
                AgencyId = item.AgencyId,
                OwnerId = item.Id,
                Kind = AttachmentKind.Catalog,
                FileName = file.FileName,
                ContentType = file.ContentType,
                Size = file.Size,
                Sha256 = file.Sha256,
                UploadedAtUtc = now.UtcDateTime,
                UploadedBy = staff.DisplayName,
            });
        }

        audit.Record("catalog.from-case", "Application", record.Id.ToString(),
            $"{record.Number}：依申请公开的信息转为主动公开目录草稿“{item.Title}”，遮盖个人信息 {masked.Count} 处，保留 {source.Found.Count - masked.Count} 处，附件 {source.Files.Count} 个",
            record.AgencyId);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index on SourceApplicationId: someone else drafted this case a moment ago.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var published = await PublishedAsync(record.Id, cancellationToken);
            return new CasePublicationResult(null, published is null ? "保存失败，请重试。" : AlreadyPublished(published), none);
        }

        return new CasePublicationResult(item, null, none);
    }

    private static string? Refuse(ApplicationRecord record, PublishedFromCase? published)
    {
        if (published is not null)
        {
            return AlreadyPublished(published);
        }

        if (record.Outcome is not { } outcome || record.State is not (CaseState.Replied or CaseState.Delivered or CaseState.Archived))
        {
            return "本案尚未答复：答复书签发后，才能将公开的信息转为主动公开。";
        }

        return IsDisclosed(outcome)
            ? null
            : $"本案答复结果为“{Outcomes.Get(outcome).PublicName}”，没有向申请人公开的信息，不能转为主动公开（条例第四十四条只适用于予以公开或部分公开的信息）。";
    }

    private static string AlreadyPublished(PublishedFromCase published) =>
        $"本案公开的信息已生成主动公开目录信息“{published.Title}”（{CatalogWorkflow.StatusLabel(published.Status)}），不能重复生成。";

    private static string TitleOf(string description)
    {
        var text = string.Join("", description.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return (text.Length > 80 ? text[..80] + "…" : text) + "（依申请公开）";
    }

    private static IEnumerable<KnownPersonalDatum> Known(ApplicationRecord record)
    {
        if (record.ApplicantType == ApplicantType.NaturalPerson)
        {
            yield return new KnownPersonalDatum(PersonalDataKind.Name, record.ApplicantName);
        }

        if (record.ContactPerson is { } contact)
        {
            yield return new KnownPersonalDatum(PersonalDataKind.Name, contact);
        }

        if (record.IdNumber is { } id && record.ApplicantType == ApplicantType.NaturalPerson)
        {
            yield return new KnownPersonalDatum(PersonalDataKind.IdentityNumber, id);
        }

        if (record.Phone is { } phone)
        {
            yield return new KnownPersonalDatum(PersonalDataKind.Phone, phone);
        }

        if (record.Address is { } address)
        {
            yield return new KnownPersonalDatum(PersonalDataKind.Address, address);
        }
    }
}

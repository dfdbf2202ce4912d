using Gongkai.Calendar;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Applications;
using Gongkai.Data.Catalog;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Catalog;

/// <summary>The outcome of saving a draft: the item, or the messages by field.</summary>
public sealed record CatalogSaveResult(CatalogItem? Item, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Item is not null && Errors.Count == 0;
}

/// <summary>
/// Every change to the catalogue of the signed-in person's agency goes through here: drafts, the review steps, publishing
/// (索引号, search index, the previous version superseded), withdrawal, new versions, repeal and attachments. Each step
/// is checked by <see cref="CatalogWorkflow"/>, recorded as a <see cref="CatalogReviewStep"/> and in the audit log,
/// and saved with the search index change in one transaction. Refusals are <see cref="CatalogRuleException"/>s with
/// a Chinese message; another agency's item is never found.
/// </summary>
public sealed class CatalogPublishing(GongkaiDbContext db, Staff staff, AuditLog audit, TimeProvider clock, Attachments.AttachmentUploads uploads)
{
    private readonly Dictionary<Guid, int> _sequences = [];

    public CatalogActor Actor => new(
        staff.UserId,
        CanDraft: staff.IsInRole(Roles.Handler) || staff.IsInRole(Roles.Reviewer) || staff.IsInRole(Roles.Publisher),
        CanReview: staff.IsInRole(Roles.Reviewer),
        CanPublish: staff.IsInRole(Roles.Publisher));

    public IQueryable<CatalogItem> OwnItems => db.CatalogItems.Where(i => i.AgencyId == staff.AgencyId);

    public Task<CatalogItem?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        OwnItems.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);

    public async Task<CatalogSaveResult> CreateAsync(CatalogDraftInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        Check(CatalogStatus.Draft, CatalogAction.Created, staff.UserId);
        var (errors, interprets) = await ValidateAsync(input, cancellationToken);
        if (errors.Count > 0)
        {
            return new CatalogSaveResult(null, errors);
        }

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var item = new CatalogItem
        {
            Id = id,
            SeriesId = id,
            AgencyId = staff.AgencyId,
            Title = "",
            Publisher = "",
            Body = "",
            DraftedById = staff.UserId,
            DraftedByName = staff.DisplayName,
            CreatedAtUtc = now.UtcDateTime,
            UpdatedAtUtc = now.UtcDateTime,
        };
        input.ApplyTo(item, interprets);
        db.CatalogItems.Add(item);
        await SetChannelsAsync(item.Id, input.ChannelIds, cancellationToken);
        await StepAsync(item, CatalogAction.Created, null);
        await db.SaveChangesAsync(cancellationToken);
        return new CatalogSaveResult(item, errors);
    }

    public async Task<CatalogSaveResult> UpdateAsync(CatalogItem item, CatalogDraftInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(input);
        Check(item.Status, CatalogAction.Edited, item.DraftedById);
        var (errors, interprets) = await ValidateAsync(input, cancellationToken);
        if (errors.Count > 0)
        {
            return new CatalogSaveResult(item, errors);
        }

        input.ApplyTo(item, interprets);
        await SetChannelsAsync(item.Id, input.ChannelIds, cancellationToken);
        Touch(item);
        await StepAsync(item, CatalogAction.Edited, null);
        await db.SaveChangesAsync(cancellationToken);
        return new CatalogSaveResult(item, errors);
    }

    public async Task SubmitAsync(CatalogItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        Check(item.Status, CatalogAction.Submitted, item.DraftedById);
        if (item.Mode == DisclosureMode.Proactive && item.Body.Length == 0
            && !await db.Attachments.AnyAsync(a => a.OwnerId == item.Id && a.Kind == AttachmentKind.Catalog, cancellationToken))
        {
            throw new CatalogRuleException("主动公开的信息须有正文或附件；请先填写正文或上传附件，再提交保密审查。");
        }

        await MoveAsync(item, CatalogAction.Submitted, null, cancellationToken);
    }

    /// <summary>保密审查: passes to approval, or returns to draft with the reviewer's reason.</summary>
    public Task ReviewAsync(CatalogItem item, bool pass, string? opinion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!pass && string.IsNullOrWhiteSpace(opinion))
        {
            throw new CatalogRuleException("退回时请写明退回理由（例如需删除的涉密或个人隐私内容）。");
        }

        return MoveAsync(item, pass ? CatalogAction.ConfidentialityPassed : CatalogAction.ConfidentialityReturned, opinion, cancellationToken);
    }

    /// <summary>审批: approves for publication, or returns to draft with the reason.</summary>
    public Task ApproveAsync(CatalogItem item, bool approve, string? opinion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!approve && string.IsNullOrWhiteSpace(opinion))
        {
            throw new CatalogRuleException("退回时请写明退回理由。");
        }

        return MoveAsync(item, approve ? CatalogAction.Approved : CatalogAction.ApprovalReturned, opinion, cancellationToken);
    }

    /// <summary>
    /// Publishes an approved version today: assigns the series' 索引号 on its first publication, supersedes the
    /// previously published version, and puts this one in the search index.
    /// </summary>
    public async Task PublishAsync(CatalogItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var status = Check(item.Status, CatalogAction.Published, item.DraftedById);
        var today = ChinaTime.Today(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var previous = await db.CatalogItems
            .Where(i => i.SeriesId == item.SeriesId && i.Id != item.Id && i.Status == CatalogStatus.Published)
            .SingleOrDefaultAsync(cancellationToken);
        if (previous is not null)
        {
            await CatalogSearchIndex.RemoveAsync(db, previous.SearchKey!.Value, cancellationToken);
            previous.Status = CatalogStatus.Superseded;
            previous.SearchKey = null;
            Touch(previous);
            await StepAsync(previous, CatalogAction.Superseded, $"由第 {item.Version} 版替代");
        }

        item.IndexNumber ??= await db.CatalogItems.Where(i => i.SeriesId == item.SeriesId && i.IndexNumber != null).Select(i => i.IndexNumber).FirstOrDefaultAsync(cancellationToken)
            ?? await IndexNumbers.NextAsync(db, item.AgencyId, today, cancellationToken);
        item.Status = status;
        item.PublishedOn = today;
        item.PublishedAtUtc = clock.GetUtcNow().UtcDateTime;
        item.SearchKey = await CatalogSearchIndex.NextKeyAsync(db, today, cancellationToken: cancellationToken);
        Touch(item);
        await StepAsync(item, CatalogAction.Published, "索引号 " + item.IndexNumber);
        await db.SaveChangesAsync(cancellationToken);
        await CatalogSearchIndex.AddAsync(db, CatalogSearchDocument.From(item), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Takes a published version off the portal and out of the search, with the reason.</summary>
    public async Task WithdrawAsync(CatalogItem item, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var status = Check(item.Status, CatalogAction.Withdrawn, item.DraftedById);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new CatalogRuleException("撤回时必须写明撤回理由。");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CatalogSearchIndex.RemoveAsync(db, item.SearchKey!.Value, cancellationToken);
        item.Status = status;
        item.SearchKey = null;
        item.WithdrawalReason = reason.Trim();
        Touch(item);
        await StepAsync(item, CatalogAction.Withdrawn, item.WithdrawalReason);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Starts a correction of a published (or withdrawn) version: a new draft with the same content, attachments and
    /// 索引号, whose Art. 26 period runs from <paramref name="changedOn"/>. It goes through the whole review again.
    /// </summary>
    public async Task<CatalogItem> NewVersionAsync(CatalogItem item, string? changeNote, DateOnly? changedOn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        Check(item.Status, CatalogAction.NewVersion, item.DraftedById);
        if (string.IsNullOrWhiteSpace(changeNote))
        {
            throw new CatalogRuleException("请说明新版本要更正或变更的内容。");
        }

        var today = ChinaTime.Today(clock);
        var changed = changedOn ?? today;
        if (changed > today)
        {
            throw new CatalogRuleException("变更日期不能晚于今天。");
        }

        var versions = await db.CatalogItems.Where(i => i.SeriesId == item.SeriesId).Select(i => new { i.Version, i.Status }).ToListAsync(cancellationToken);
        if (versions.FirstOrDefault(v => v.Status is CatalogStatus.Draft or CatalogStatus.InConfidentialityReview or CatalogStatus.AwaitingApproval or CatalogStatus.Approved) is { } open)
        {
            throw new CatalogRuleException($"该信息已有正在办理的第 {open.Version} 版（{CatalogWorkflow.StatusLabel(open.Status)}），请先完成或退回它。");
        }

        var now = clock.GetUtcNow();
        var next = new CatalogItem
        {
            Id = Guid.CreateVersion7(now),
            AgencyId = item.AgencyId,
            SeriesId = item.SeriesId,
            Version = versions.Max(v => v.Version) + 1,
            Kind = item.Kind,
            IndexNumber = item.IndexNumber,
            Title = item.Title,
            Publisher = item.Publisher,
            DocumentNumber = item.DocumentNumber,
            WrittenOn = item.WrittenOn,
            FormedOn = changed,
            TopicCategoryId = item.TopicCategoryId,
            GenreCategoryId = item.GenreCategoryId,
            Mode = item.Mode,
            EffectiveOn = item.EffectiveOn,
            ExpiresOn = item.ExpiresOn,
            RepealedOn = item.RepealedOn,
            RepealNote = item.RepealNote,
            InterpretsSeriesId = item.InterpretsSeriesId,
            Summary = item.Summary,
            Keywords = item.Keywords,
            Body = item.Body,
            ChangeNote = changeNote.Trim(),
            DraftedById = staff.UserId,
            DraftedByName = staff.DisplayName,
            CreatedAtUtc = now.UtcDateTime,
            UpdatedAtUtc = now.UtcDateTime,
        };
        db.CatalogItems.Add(next);
        foreach (var attachment in await db.Attachments.AsNoTracking().Where(a => a.OwnerId == item.Id && a.Kind == AttachmentKind.Catalog).ToListAsync(cancellationToken))
        {
            attachment.Id = Guid.CreateVersion7(now);
            attachment.OwnerId = next.Id;
            db.Attachments.Add(attachment);
        }

        var channels = await db.CatalogItemChannels.AsNoTracking().Where(c => c.CatalogItemId == item.Id).Select(c => c.ChannelId).ToListAsync(cancellationToken);
        db.CatalogItemChannels.AddRange(channels.Select(channel => new Data.Interaction.CatalogItemChannel { CatalogItemId = next.Id, ChannelId = channel }));
        await StepAsync(next, CatalogAction.NewVersion, next.ChangeNote);
        await db.SaveChangesAsync(cancellationToken);
        return next;
    }

    /// <summary>Records that a published document was repealed (废止) on a date; the text stays published with 有效性 废止.</summary>
    public async Task RecordRepealAsync(CatalogItem item, DateOnly? repealedOn, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        Check(item.Status, CatalogAction.RepealRecorded, item.DraftedById);
        if (repealedOn is not { } date)
        {
            throw new CatalogRuleException("请填写废止日期。");
        }

        if (item.WrittenOn is { } written && date < written)
        {
            throw new CatalogRuleException("废止日期不能早于成文日期。");
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            throw new CatalogRuleException("请写明废止依据（例如废止决定的文号）。");
        }

        item.RepealedOn = date;
        item.RepealNote = note.Trim();
        Touch(item);
        await StepAsync(item, CatalogAction.RepealRecorded, $"{DateText.Iso(date)} 废止：{item.RepealNote}");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task AddAttachmentAsync(CatalogItem item, IFormFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(file);
        Check(item.Status, CatalogAction.AttachmentAdded, item.DraftedById);
        // The one upload path: the platform's size limit and sniffer, the one store, the same messages as case attachments.
        // The portal serves these files to everyone: the type is decided by the content.
        var upload = await uploads.AddAsync(item.AgencyId, item.Id, AttachmentKind.Catalog, file, visibleToApplicant: false, staff.DisplayName, cancellationToken);
        if (upload.Attachment is not { } attachment)
        {
            throw new CatalogRuleException(upload.Problem!);
        }

        Touch(item);
        await StepAsync(item, CatalogAction.AttachmentAdded, attachment.FileName);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RemoveAttachmentAsync(CatalogItem item, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        Check(item.Status, CatalogAction.AttachmentRemoved, item.DraftedById);
        var attachment = await db.Attachments.SingleOrDefaultAsync(a => a.Id == attachmentId && a.OwnerId == item.Id && a.Kind == AttachmentKind.Catalog, cancellationToken)
            ?? throw new CatalogRuleException("附件不存在或已删除。");

        // The stored file stays: identical content may belong to other items or earlier versions.
        db.Attachments.Remove(attachment);
        Touch(item);
        await StepAsync(item, CatalogAction.AttachmentRemoved, attachment.FileName);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The series id of a published document by its 索引号 (any agency), or null.</summary>
    public Task<Guid?> PublishedSeriesAsync(string indexNumber, CancellationToken cancellationToken = default) =>
        db.CatalogItems.Where(i => i.IndexNumber == indexNumber && i.Status == CatalogStatus.Published)
            .Select(i => (Guid?)i.SeriesId).FirstOrDefaultAsync(cancellationToken);

    private async Task<(Dictionary<string, string> Errors, Guid? Interprets)> ValidateAsync(CatalogDraftInput input, CancellationToken cancellationToken)
    {
        var categories = await CatalogCategories.ForAgencyAsync(db, staff.AgencyId, cancellationToken);
        var errors = input.Validate(categories, ChinaTime.Today(clock));
        Guid? interprets = null;
        if (input.Kind == CatalogItemKind.Interpretation && CatalogDraftInput.Clean(input.InterpretsIndexNumber) is { } number)
        {
            interprets = await PublishedSeriesAsync(number, cancellationToken);
            if (interprets is null)
            {
                errors[nameof(CatalogDraftInput.InterpretsIndexNumber)] = $"未找到索引号为“{number}”的已发布文件；请核对索引号（可在公开目录中查到）。";
            }
        }

        var chosen = input.ChannelIds.Distinct().ToList();
        if (chosen.Count > 0)
        {
            var own = await db.PublicationChannels.Where(c => c.AgencyId == staff.AgencyId && chosen.Contains(c.Id)).CountAsync(cancellationToken);
            if (own != chosen.Count)
            {
                errors[nameof(CatalogDraftInput.ChannelIds)] = "请从本机关登记的公开渠道中选择。";
            }
        }

        return (errors, interprets);
    }

    /// <summary>The registered channels the version goes out on become exactly <paramref name="channelIds"/> (checked to be the agency's).</summary>
    private async Task SetChannelsAsync(Guid itemId, IEnumerable<Guid> channelIds, CancellationToken cancellationToken)
    {
        var wanted = channelIds.Distinct().ToHashSet();
        var current = await db.CatalogItemChannels.Where(c => c.CatalogItemId == itemId).ToListAsync(cancellationToken);
        db.CatalogItemChannels.RemoveRange(current.Where(c => !wanted.Contains(c.ChannelId)));
        db.CatalogItemChannels.AddRange(wanted.Where(id => current.All(c => c.ChannelId != id))
            .Select(id => new Data.Interaction.CatalogItemChannel { CatalogItemId = itemId, ChannelId = id }));
    }

    private async Task MoveAsync(CatalogItem item, CatalogAction action, string? comment, CancellationToken cancellationToken)
    {
        item.Status = Check(item.Status, action, item.DraftedById);
        Touch(item);
        await StepAsync(item, action, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
        await db.SaveChangesAsync(cancellationToken);
    }

    private CatalogStatus Check(CatalogStatus status, CatalogAction action, Guid draftedBy) =>
        CatalogWorkflow.Apply(status, action, Actor, draftedBy);

    private void Touch(CatalogItem item)
    {
        item.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        item.Revision++;
    }

    private async Task StepAsync(CatalogItem item, CatalogAction action, string? comment)
    {
        var now = clock.GetUtcNow();
        if (!_sequences.TryGetValue(item.SeriesId, out var last))
        {
            last = await db.CatalogReviewSteps.Where(s => s.SeriesId == item.SeriesId).MaxAsync(s => (int?)s.Sequence) ?? 0;
        }

        _sequences[item.SeriesId] = last + 1;
        db.CatalogReviewSteps.Add(new CatalogReviewStep
        {
            Id = Guid.CreateVersion7(now),
            ItemId = item.Id,
            SeriesId = item.SeriesId,
            Sequence = last + 1,
            Version = item.Version,
            Action = action,
            ActorUserId = staff.UserId,
            ActorName = staff.DisplayName,
            AtUtc = now.UtcDateTime,
            Comment = comment is { Length: > 1000 } text ? text[..1000] : comment,
        });
        var summary = $"{CatalogWorkflow.ActionLabel(action)}：{item.Title}（第 {item.Version} 版）" + (comment is null ? "" : "，" + comment);
        audit.Record("catalog." + action.ToString().ToLowerInvariant(), "CatalogItem", item.Id.ToString(), summary, item.AgencyId);
    }
}

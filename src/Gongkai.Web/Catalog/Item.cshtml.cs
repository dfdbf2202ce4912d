using Gongkai.Applications;
using Gongkai.Catalog;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Data.Catalog;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Catalog;

/// <summary>
/// One version of an item for its agency's staff: the metadata, the Art. 26 deadline, the steps the signed-in person
/// may take now (each refused in Chinese when the rules say no), attachments and the history of every version.
/// </summary>
[Authorize(Roles = CatalogRoles.Staff)]
public sealed class ItemModel(GongkaiDbContext db, CatalogPublishing publishing, CasePublication publication, CaseRulesProvider rules, TimeProvider clock) : PageModel
{
    public CatalogItem Item { get; private set; } = null!;

    public string? Topic { get; private set; }

    public string? Genre { get; private set; }

    public PublicationDeadline Deadline { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public IReadOnlyList<CatalogReviewStep> History { get; private set; } = [];

    public IReadOnlyList<CatalogItem> Versions { get; private set; } = [];

    public IReadOnlyList<AttachmentRecord> Attachments { get; private set; } = [];

    public (Guid Id, string Title)? Interprets { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The case this item's series was drafted from (条例第四十四条), if any.</summary>
    public (Guid Id, string Number)? SourceCase { get; private set; }

    /// <summary>For an item drafted from a case and not yet published: personal data still found in its text.</summary>
    public IReadOnlyList<PersonalDatum> PersonalDataLeft { get; private set; } = [];

    [BindProperty]
    public string? Opinion { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? ChangeNote { get; set; }

    [BindProperty]
    public string? ChangedOn { get; set; }

    [BindProperty]
    public string? RepealedOn { get; set; }

    [BindProperty]
    public string? RepealNote { get; set; }

    public bool May(CatalogAction action) => CatalogWorkflow.IsAllowed(Item.Status, action, publishing.Actor, Item.DraftedById, out _);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, item => publishing.SubmitAsync(item, cancellationToken), "已提交保密审查。", cancellationToken);

    public Task<IActionResult> OnPostReviewAsync(Guid id, bool pass, CancellationToken cancellationToken) =>
        ActAsync(id, item => publishing.ReviewAsync(item, pass, Opinion, cancellationToken), pass ? "保密审查通过，已转审批。" : "已退回修改。", cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(Guid id, bool approve, CancellationToken cancellationToken) =>
        ActAsync(id, item => publishing.ApproveAsync(item, approve, Opinion, cancellationToken), approve ? "已审批同意，待发布。" : "已退回修改。", cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, item => publishing.PublishAsync(item, cancellationToken), "已发布。", cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, item => publishing.WithdrawAsync(item, Reason, cancellationToken), "已撤回，公众不再能查看和检索到该信息。", cancellationToken);

    public Task<IActionResult> OnPostRepealAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, item => publishing.RecordRepealAsync(item, ParseDate(RepealedOn, "废止日期"), RepealNote, cancellationToken), "已登记废止。", cancellationToken);

    public async Task<IActionResult> OnPostNewVersionAsync(Guid id, CancellationToken cancellationToken)
    {
        CatalogItem? next = null;
        var result = await ActAsync(id, async item => next = await publishing.NewVersionAsync(item, ChangeNote, ParseDate(ChangedOn, "变更日期"), cancellationToken), "已创建新版本草稿；修改后提交保密审查。", cancellationToken);
        return next is null ? result : Redirect("/catalog-admin/draft/" + next.Id);
    }

    public Task<IActionResult> OnPostUploadAsync(Guid id, IFormFile? file, CancellationToken cancellationToken) =>
        ActAsync(id, item => file is null ? throw new CatalogRuleException("请选择要上传的文件。") : publishing.AddAttachmentAsync(item, file, cancellationToken), "已上传附件。", cancellationToken);

    public Task<IActionResult> OnPostRemoveFileAsync(Guid id, Guid attachmentId, CancellationToken cancellationToken) =>
        ActAsync(id, item => publishing.RemoveAttachmentAsync(item, attachmentId, cancellationToken), "已删除附件。", cancellationToken);

    private static DateOnly? ParseDate(string? text, string label) =>
        string.IsNullOrWhiteSpace(text) ? null
        : CatalogDates.Parse(text) ?? throw new CatalogRuleException($"{label}“{text}”不是有效日期；请写成 2024-03-05 这样的格式。");

    private async Task<IActionResult> ActAsync(Guid id, Func<CatalogItem, Task> action, string done, CancellationToken cancellationToken)
    {
        var item = await publishing.FindAsync(id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        try
        {
            await action(item);
            TempData["Message"] = done;
            return Redirect("/catalog-admin/" + id);
        }
        catch (CatalogRuleException exception)
        {
            Error = exception.Message;
        }
        catch (DbUpdateConcurrencyException)
        {
            Error = "该信息刚被他人处理，请刷新页面查看最新状态后再操作。";
        }
        catch (DbUpdateException)
        {
            Error = "保存时与他人同时发布的信息冲突，请重试。";
        }

        db.ChangeTracker.Clear();
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var item = await publishing.OwnItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null)
        {
            return false;
        }

        Item = item;
        var names = await db.CatalogCategories.AsNoTracking().Where(c => c.Id == item.TopicCategoryId || c.Id == item.GenreCategoryId).ToListAsync(cancellationToken);
        Topic = names.FirstOrDefault(c => c.Id == item.TopicCategoryId)?.FullName;
        Genre = names.FirstOrDefault(c => c.Id == item.GenreCategoryId)?.Name;
        var calendar = (await rules.GetAsync(cancellationToken)).Calendar;
        Today = ChinaTime.Today(clock);
        Deadline = PublicationDeadline.Compute(calendar, item.FormedOn, item.PublishedOn, Today);
        History = await db.CatalogReviewSteps.AsNoTracking().Where(s => s.SeriesId == item.SeriesId)
            .OrderBy(s => s.Sequence).ToListAsync(cancellationToken);
        Versions = await db.CatalogItems.AsNoTracking().Where(i => i.SeriesId == item.SeriesId).OrderByDescending(i => i.Version).ToListAsync(cancellationToken);
        Attachments = await db.Attachments.AsNoTracking().Where(a => a.OwnerId == item.Id && a.Kind == AttachmentKind.Catalog).OrderBy(a => a.UploadedAtUtc).ToListAsync(cancellationToken);
        SourceCase = await publication.SourceOfAsync(item.SeriesId, cancellationToken);
        PersonalDataLeft = SourceCase is not null && item.Status is not (CatalogStatus.Published or CatalogStatus.Superseded or CatalogStatus.Withdrawn)
            ? PersonalDataMask.Find(item.Body)
            : [];
        if (item.InterpretsSeriesId is { } series)
        {
            var target = await db.CatalogItems.AsNoTracking().Where(i => i.SeriesId == series && i.Status == CatalogStatus.Published)
                .Select(i => new { i.Id, i.Title }).FirstOrDefaultAsync(cancellationToken);
            Interprets = target is null ? null : (target.Id, target.Title);
        }

        return true;
    }
}

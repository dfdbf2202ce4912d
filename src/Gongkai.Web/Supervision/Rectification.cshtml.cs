using Gongkai.Data;
using Gongkai.Data.Audit;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>
/// One rectification: what was asked and by when, the re-check of a report finding, the agency's answer form, the
/// supervisor's accept and return forms, and every step from the audit log. Seen by the supervising office and by
/// the staff of the agency concerned; for anyone else it does not exist.
/// </summary>
[Authorize]
public sealed class RectificationModel(
    Rectifications rectifications, GongkaiDbContext db, Attachments.AttachmentUploads uploads, Attachments.IFileStore store, Infrastructure.AuditLog audit, Infrastructure.Staff staff) : PageModel
{
    /// <summary>The most files one answer takes.</summary>
    public const int MaxAnswerFiles = 5;

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public int Revision { get; set; }

    public RectificationRecord Record { get; private set; } = null!;

    public RectificationParty Party { get; private set; }

    public string AgencyName { get; private set; } = "";

    public Recheck? Recheck { get; private set; }

    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    /// <summary>The files of the latest answer (材料), in the order they were attached.</summary>
    public IReadOnlyList<Data.Applications.AttachmentRecord> AnswerFiles { get; private set; } = [];

    public long MaxUploadBytes => uploads.MaxUploadBytes;

    public string? Error { get; private set; }

    public string? FailedAction { get; private set; }

    public bool IsOverdue => RectificationFlow.IsOverdue(Record.State, Record.DueOn, rectifications.Today);

    public bool Can(RectificationAction action) => RectificationFlow.Refusal(Record.State, action, Party, "理由") is null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, tracked: false, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostAnswerAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, RectificationAction.Answer, cancellationToken);

    /// <summary>A file of the latest answer, for the supervising office and the agency; each download is audited.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid file, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, tracked: false, cancellationToken)
            || AnswerFiles.FirstOrDefault(f => f.Id == file) is not { } attachment
            || await store.OpenAsync(attachment.Sha256, cancellationToken) is not { } content)
        {
            return NotFound();
        }

        audit.Record("attachment.downloaded", "Attachment", attachment.Id.ToString(), $"下载整改答复材料“{attachment.FileName}”（{Record.Title}）", Record.AgencyId);
        await db.SaveChangesAsync(cancellationToken);
        return Attachments.AttachmentFile.Send(Response, content, attachment);
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, RectificationAction.Accept, cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, RectificationAction.Return, cancellationToken);

    private async Task<IActionResult> ActAsync(Guid id, RectificationAction action, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, tracked: true, cancellationToken))
        {
            return NotFound();
        }

        IReadOnlyList<Data.Applications.AttachmentRecord> files = [];
        string? problem = null;
        if (action == RectificationAction.Answer)
        {
            (files, problem) = await UploadAsync(cancellationToken);

            // The files go with this answer (a new answer replaces the previous one's list); saved with the step.
            Record.AnswerFiles = files.Count == 0 ? null : string.Join(',', files.Select(f => f.Id));
        }

        var note = files.Count == 0 ? null : "材料：" + string.Join("、", files.Select(f => f.FileName));
        if ((problem ?? await rectifications.ActAsync(Record, action, Text, Revision, cancellationToken, note)) is { } refusal)
        {
            Error = refusal;
            FailedAction = action.ToString();
            db.ChangeTracker.Clear();
            await LoadAsync(id, tracked: false, cancellationToken);
            return Page();
        }

        return Redirect($"/supervision/rectifications/{id}");
    }

    /// <summary>The answer's files through the one upload path (size, type sniffing, the file store), or the first problem.</summary>
    private async Task<(IReadOnlyList<Data.Applications.AttachmentRecord> Files, string? Problem)> UploadAsync(CancellationToken cancellationToken)
    {
        var posted = Request.HasFormContentType ? Request.Form.Files.GetFiles("Files").Where(f => f.Length > 0 || f.FileName.Length > 0).ToList() : [];
        if (posted.Count > MaxAnswerFiles)
        {
            return ([], $"一次答复最多附 {MaxAnswerFiles} 个文件。");
        }

        if (posted.Count == 0 || !Can(RectificationAction.Answer))
        {
            return ([], null); // a refused answer is refused by the step itself, before any file is stored
        }

        var files = new List<Data.Applications.AttachmentRecord>();
        foreach (var file in posted)
        {
            var upload = await uploads.AddAsync(Record.AgencyId, Record.Id, Data.Applications.AttachmentKind.Evidence, file, visibleToApplicant: false, staff.DisplayName, cancellationToken);
            if (upload.Attachment is null)
            {
                return ([], upload.Problem);
            }

            files.Add(upload.Attachment);
        }

        return (files, null);
    }

    private async Task<bool> LoadAsync(Guid id, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.Rectifications : db.Rectifications.AsNoTracking();
        if (await query.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } record
            || await rectifications.PartyAsync(record, cancellationToken) is not { } party)
        {
            return false;
        }

        Record = record;
        Party = party;
        AgencyName = await db.Agencies.AsNoTracking().Where(a => a.Id == record.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        Recheck = await rectifications.RecheckAsync(record, cancellationToken);
        var fileIds = (record.AnswerFiles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(f => Guid.TryParse(f, out var g) ? g : Guid.Empty).ToList();
        var stored = new List<Data.Applications.AttachmentRecord>();
        if (fileIds.Count > 0)
        {
            stored = await db.Attachments.AsNoTracking()
                .Where(a => fileIds.Contains(a.Id) && a.OwnerId == record.Id && a.AgencyId == record.AgencyId).ToListAsync(cancellationToken);
        }

        AnswerFiles = [.. fileIds.Select(f => stored.FirstOrDefault(a => a.Id == f)).OfType<Data.Applications.AttachmentRecord>()];
        var key = id.ToString();
        History = await db.AuditLog.AsNoTracking().Where(e => e.EntityType == "Rectification" && e.EntityId == key)
            .OrderBy(e => e.AtUtc).ToListAsync(cancellationToken);
        return true;
    }
}

using System.Globalization;
using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Web.Attachments;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal.Status;

/// <summary>
/// The applicant's view of their case: stage, receipt and due dates, a plain-Chinese timeline, the correction request
/// with a form to answer it (recorded as <see cref="CorrectionReceived"/> by the applicant through the case engine),
/// the approved letters and the files staff made visible. Only the application named by the session is read.
/// </summary>
public sealed class CaseModel(
    GongkaiDbContext db, ApplicantSession session, CaseRulesProvider rulesProvider, AttachmentUploads uploads,
    PublicRateLimiter limiter, AuditLog audit, TimeProvider clock, Notifications.Notifier notifier, Gongkai.Web.Letters.LetterPdfJobs pdfJobs) : PageModel
{
    /// <summary>How the case history names the applicant: by role, never by name (supervisors read the history).</summary>
    public const string ApplicantActorName = "申请人";

    public const int MaxCorrectionText = 2000;

    public ApplicationRecord Application { get; private set; } = null!;

    public DisclosureApplication Current { get; private set; } = null!;

    public string AgencyName { get; private set; } = "";

    public string? AgencyPhone { get; private set; }

    public DateOnly? DueOn { get; private set; }

    /// <summary>The years the due date depends on whose holiday notice is not loaded (the date is then 暂定).</summary>
    public IReadOnlyList<int> DueMissingYears { get; private set; } = [];

    public DeadlineStatus DeadlineStatus { get; private set; }

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    public IReadOnlyList<LetterRecord> Letters { get; private set; } = [];

    /// <summary>Each letter's PDF, made in the background when the applicant asks for it.</summary>
    public Dictionary<Guid, Gongkai.Web.Letters.PdfJobView> Pdfs { get; } = [];

    public IReadOnlyList<AttachmentRecord> Files { get; private set; } = [];

    public long MaxUploadBytes => uploads.MaxUploadBytes;

    [BindProperty]
    public string? CorrectionText { get; set; }

    public string? CorrectionError { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Redirect("/status");

    public async Task<IActionResult> OnPostCorrectAsync(IFormFile? file)
    {
        if (!await LoadAsync())
        {
            return Redirect("/status");
        }

        if (Application.State != CaseState.AwaitingCorrection)
        {
            CorrectionError = "本申请目前不需要补正。";
            return Page();
        }

        var text = CorrectionText?.Trim() ?? "";
        var hasFile = file is { Length: > 0 } || !string.IsNullOrEmpty(file?.FileName);
        if (text.Length == 0 && !hasFile)
        {
            CorrectionError = "请填写补正内容，或者上传补正材料。";
            return Page();
        }

        if (text.Length > MaxCorrectionText)
        {
            CorrectionError = $"补正内容不能超过{MaxCorrectionText}个字；内容较多的，请写在文件中上传。";
            return Page();
        }

        if (!await limiter.TryAcquireAsync(PublicAction.Submit, HttpContext))
        {
            CorrectionError = "提交过于频繁，请稍等一段时间后再提交。您填写的内容已保留。";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        const string by = "申请人（在线补正）";
        var stored = new List<AttachmentRecord>();
        if (hasFile)
        {
            var upload = await uploads.AddAsync(Application.AgencyId, Application.Id, AttachmentKind.Correction, file, visibleToApplicant: true, by, HttpContext.RequestAborted);
            if (upload.Attachment is not { } attachment)
            {
                CorrectionError = upload.Problem;
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
            }

            stored.Add(attachment);
        }

        if (text.Length > 0)
        {
            stored.Add(await uploads.AddTextAsync(Application.AgencyId, Application.Id, AttachmentKind.Correction, "补正说明.txt", text, visibleToApplicant: true, by, HttpContext.RequestAborted));
        }

        var rules = await rulesProvider.GetAsync(HttpContext.RequestAborted);
        // The history is read by supervisors too: it names the applicant by role and counts the files (their names can
        // carry personal data, e.g. 张三身份证.jpg); the files and the applicant's own words (补正说明.txt) are opened only
        // by the handling agency's staff.
        var summary = string.Create(CultureInfo.InvariantCulture, $"申请人在线提交补正材料（附件 {stored.Count} 个）");
        try
        {
            Application.Append(
                new CorrectionReceived(ChinaTime.Now(clock), new Actor(ApplicantActorName, ActorRole.Applicant)),
                rules, null, summary, clock.GetUtcNow().UtcDateTime);
            audit.Record("correction.received", "Application", Application.Id.ToString(), $"申请 {Application.Number} 的申请人在线提交补正材料", Application.AgencyId);
            await notifier.AddAsync(Notifications.NotificationEvents.CorrectionReceived, Application, cancellationToken: HttpContext.RequestAborted);
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch (CaseRuleException exception)
        {
            CorrectionError = exception.Message;
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            CorrectionError = "申请的状态刚刚发生了变化，请刷新页面后再提交。";
            return Page();
        }

        TempData["Message"] = "补正材料已提交。答复期限自今日起重新计算。";
        return Redirect("/status/case");
    }

    private async Task<bool> LoadAsync()
    {
        if (session.Current(HttpContext) is not { } id || await PublicCase.LoadAsync(db, id, HttpContext.RequestAborted) is not { } application)
        {
            return false;
        }

        var rules = await rulesProvider.GetAsync(HttpContext.RequestAborted);
        Application = application;
        Current = application.ToCase(rules);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == application.AgencyId).Select(a => new { a.Name, a.Phone }).SingleAsync(HttpContext.RequestAborted);
        AgencyName = agency.Name;
        AgencyPhone = agency.Phone;
        var deadline = Current.Deadline(rules);
        DueOn = deadline.Due;
        DueMissingYears = deadline.MissingYears;
        DeadlineStatus = Current.StatusOn(ChinaTime.Today(clock), rules);
        Timeline = PublicCase.Timeline(Current);
        Letters = await db.Letters.AsNoTracking()
            .Where(l => l.ApplicationId == id && l.Status == LetterStatus.Issued && l.VisibleToApplicant)
            .OrderBy(l => l.ApprovedAtUtc)
            .ToListAsync(HttpContext.RequestAborted);
        foreach (var letter in Letters)
        {
            var job = await pdfJobs.FindAsync(letter.Id, Gongkai.Web.Letters.LetterDocument.From(letter, agency.Name), HttpContext.RequestAborted);
            Pdfs[letter.Id] = pdfJobs.View(letter.Id, job, LetterModel.PageUrl(letter.Id), LetterModel.StatusUrl(letter.Id));
        }

        Files = await db.Attachments.AsNoTracking()
            .Where(a => a.OwnerId == id && a.AgencyId == application.AgencyId && a.VisibleToApplicant)
            .OrderBy(a => a.UploadedAtUtc)
            .ToListAsync(HttpContext.RequestAborted);
        return true;
    }
}

using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Agencies;
using Gongkai.Supervision;
using Gongkai.Web.Letters;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>
/// 考核通报: the notice of a period's assessment — the ranking table, the main problems (the indicators where most
/// agencies lost points) and the rectifications raised or due in the period with where they stand — as a printable
/// page and as a Word document in the layout of the reply letters.
/// </summary>
[Authorize(Roles = Roles.Supervisor + "," + Roles.Administrator)]
public sealed class BulletinModel(Assessments assessments, GongkaiDbContext db, Infrastructure.AuditLog audit, Infrastructure.Staff staff, TimeProvider clock) : PageModel
{
    public const string PublishedAction = "assessment.bulletin-published";

    public const string UnpublishedAction = "assessment.bulletin-unpublished";

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Region { get; set; }

    public AssessmentPeriod SelectedPeriod { get; private set; } = AssessmentPeriod.OfYear(2025);

    public Region SelectedRegion { get; private set; } = null!;

    /// <summary>The 通报's text, or null when no scheme is in force for the period.</summary>
    public BulletinContent? Bulletin { get; private set; }

    /// <summary>The stored results' id when the period is closed (定稿); only a closed period's 通报 can be published.</summary>
    public Guid? ResultId { get; private set; }

    public bool Closed => ResultId is not null;

    public DateTime? PublishedAtUtc { get; private set; }

    public string? PublishedBy { get; private set; }

    /// <summary>Supervisors publish their region's 通报 to the portal and take it down.</summary>
    public bool CanPublish => staff.IsInRole(Roles.Supervisor);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>Puts the 通报 of a closed period on the portal as it reads now (the text is stored with the results).</summary>
    public Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken) => PublishAsync(publish: true, cancellationToken);

    /// <summary>Takes a published 通报 off the portal.</summary>
    public Task<IActionResult> OnPostUnpublishAsync(CancellationToken cancellationToken) => PublishAsync(publish: false, cancellationToken);

    private async Task<IActionResult> PublishAsync(bool publish, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!CanPublish || ResultId is not { } id || Bulletin is null)
        {
            Message = "只有定稿的考核结果才能在门户发布。";
            return Page();
        }

        var record = await db.AssessmentResults.SingleAsync(r => r.Id == id, cancellationToken);
        if ((record.PublishedAtUtc is not null) == publish)
        {
            Message = publish ? "该考核通报已经在门户发布。" : "该考核通报没有在门户发布。";
            return Page();
        }

        record.BulletinJson = publish ? System.Text.Json.JsonSerializer.Serialize(Bulletin, Assessments.Json) : null;
        record.PublishedAtUtc = publish ? clock.GetUtcNow().UtcDateTime : null;
        record.PublishedBy = publish ? staff.DisplayName : null;
        audit.Record(publish ? PublishedAction : UnpublishedAction, "AssessmentResult", SelectedPeriod.Key,
            (publish ? "在门户发布" : "从门户撤下") + Bulletin.Title);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/supervision/assessment/bulletin?period={SelectedPeriod.Key}&region={SelectedRegion.Id}");
    }

    public async Task<IActionResult> OnGetDocxAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || Bulletin is null)
        {
            return NotFound();
        }

        return File(BulletinDocx.Render(Bulletin), LetterFiles.DocxType, Bulletin.Title + ".docx");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await assessments.RegionAsync(Region, cancellationToken) is not { } region)
        {
            return false;
        }

        var period = AssessmentPeriod.TryParse(Period, out var asked) && asked.Start <= assessments.Today
            ? asked
            : AssessmentPeriod.Containing(assessments.Today, PeriodKind.Quarter);
        SelectedRegion = region;
        SelectedPeriod = period;
        var stored = await db.AssessmentResults.AsNoTracking().Where(r => r.RegionId == region.Id && r.PeriodKey == period.Key)
            .Select(r => new { r.Id, r.PublishedAtUtc, r.PublishedBy }).SingleOrDefaultAsync(cancellationToken);
        (ResultId, PublishedAtUtc, PublishedBy) = (stored?.Id, stored?.PublishedAtUtc, stored?.PublishedBy);
        if (await assessments.AssessAsync(region, period, cancellationToken) is not { } result)
        {
            return true;
        }

        var ids = result.Agencies.Keys.ToList();
        var (start, end) = (period.Start, period.End);
        var rectifications = await db.Rectifications.AsNoTracking()
            .Where(r => ids.Contains(r.AgencyId) && ((r.RaisedOn >= start && r.RaisedOn <= end) || (r.DueOn >= start && r.DueOn <= end)))
            .OrderBy(r => r.RaisedOn).ToListAsync(cancellationToken);
        Bulletin = BulletinContent.From(result, rectifications, assessments.Today);
        return true;
    }
}

using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Web.Applications;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Reviews;

/// <summary>
/// The reconsiderations and lawsuits about one application: add, correct or remove a record. The domain's
/// <see cref="ReviewRecord"/> decides validity (a concluded date exactly when there is a result, not before filing).
/// </summary>
[Authorize]
public sealed class CaseModel(GongkaiDbContext db, Staff staff, AuditLog audit, TimeProvider clock) : PageModel
{
    /// <summary>Handlers and reviewers act here; other staff read.</summary>
    public bool CanAct => staff.CanHandleCases;

    public CaseHeader Case { get; private set; } = null!;

    public IReadOnlyList<ReviewCaseRecord> Records { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    [BindProperty(SupportsGet = true)]
    public Guid? Edit { get; set; }

    [BindProperty]
    public ReviewKind Kind { get; set; }

    [BindProperty]
    public DateOnly? FiledOn { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string? CaseNumber { get; set; }

    [BindProperty]
    public ReviewResult Result { get; set; } = ReviewResult.Pending;

    [BindProperty]
    public DateOnly? ConcludedOn { get; set; }

    [BindProperty]
    public string? Notes { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Edit is { } editId)
        {
            if (Records.FirstOrDefault(r => r.Id == editId) is not { } record)
            {
                return NotFound();
            }

            Kind = record.Kind;
            FiledOn = record.FiledOn;
            Body = record.Body;
            CaseNumber = record.CaseNumber;
            Result = record.Result;
            ConcludedOn = record.ConcludedOn;
            Notes = record.Notes;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!staff.CanHandleCases)
        {
            return Forbid();
        }

        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        ReviewCaseRecord? record = null;
        if (Edit is { } editId && (record = await db.Reviews.SingleOrDefaultAsync(r => r.Id == editId && r.ApplicationId == id && r.AgencyId == Case.AgencyId, HttpContext.RequestAborted)) is null)
        {
            return NotFound();
        }

        Validate();
        if (Errors.Count > 0)
        {
            return Page();
        }

        var isNew = record is null;
        record ??= db.Reviews.Add(new ReviewCaseRecord { Id = Guid.CreateVersion7(clock.GetUtcNow()), AgencyId = Case.AgencyId, ApplicationId = id }).Entity;
        record.Kind = Kind;
        record.FiledOn = FiledOn!.Value;
        record.Result = Result;
        record.ConcludedOn = ConcludedOn;
        record.Body = Clean(Body);
        record.CaseNumber = Clean(CaseNumber);
        record.Notes = Clean(Notes);
        record.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Record(isNew ? "review.added" : "review.updated", "Review", record.Id.ToString(),
            $"{(isNew ? "登记" : "修改")}{ReviewLabels.Kind(Kind)}（{ReviewLabels.Result(Result)}，申请 {Case.Number}）", Case.AgencyId);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = isNew ? "已登记。" : "已修改。";
        return Redirect($"/applications/{id}/reviews");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid reviewId)
    {
        if (!staff.CanHandleCases)
        {
            return Forbid();
        }

        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var record = await db.Reviews.SingleOrDefaultAsync(r => r.Id == reviewId && r.ApplicationId == id && r.AgencyId == Case.AgencyId, HttpContext.RequestAborted);
        if (record is null)
        {
            return NotFound();
        }

        db.Reviews.Remove(record);
        audit.Record("review.deleted", "Review", record.Id.ToString(), $"删除{ReviewLabels.Kind(record.Kind)}记录（申请 {Case.Number}）", Case.AgencyId);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = "已删除该记录。";
        return Redirect($"/applications/{id}/reviews");
    }

    private void Validate()
    {
        if (!Enum.IsDefined(Kind))
        {
            Errors[nameof(Kind)] = "请选择类型。";
        }

        if (!Enum.IsDefined(Result))
        {
            Errors[nameof(Result)] = "请选择结果。";
        }

        var today = ChinaTime.Today(clock);
        if (FiledOn is not { } filed)
        {
            Errors[nameof(FiledOn)] = "请填写申请复议或者起诉的日期。";
        }
        else if (filed > today)
        {
            Errors[nameof(FiledOn)] = "申请复议或者起诉的日期不能晚于今天。";
        }
        else if (filed < Case.ReceivedOn)
        {
            Errors[nameof(FiledOn)] = $"申请复议或者起诉的日期不能早于收到政府信息公开申请的日期（{DateText.Chinese(Case.ReceivedOn)}）。";
        }

        if (ConcludedOn > today)
        {
            Errors[nameof(ConcludedOn)] = "审结日期不能晚于今天。";
        }

        if (Errors.Count == 0)
        {
            try
            {
                _ = new ReviewRecord("new", Kind, Case.Id.ToString(), FiledOn!.Value, Result, ConcludedOn);
            }
            catch (ArgumentException exception)
            {
                Errors[nameof(ConcludedOn)] = exception.Message.Replace($" (Parameter '{exception.ParamName}')", "", StringComparison.Ordinal);
            }
        }

        Check(nameof(Body), Body, 200, "复议机关或人民法院");
        Check(nameof(CaseNumber), CaseNumber, 100, "案号");
        Check(nameof(Notes), Notes, 2000, "备注");
    }

    private void Check(string field, string? value, int max, string label)
    {
        if (value?.Trim().Length > max)
        {
            Errors[field] = $"{label}不能超过{max}个字。";
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await CaseHeader.FindAsync(db, staff, id, HttpContext.RequestAborted) is not { } header)
        {
            return false;
        }

        Case = header;
        Records = await db.Reviews.AsNoTracking()
            .Where(r => r.ApplicationId == id && r.AgencyId == header.AgencyId)
            .OrderBy(r => r.FiledOn).ThenBy(r => r.Kind)
            .ToListAsync(HttpContext.RequestAborted);
        return true;
    }
}

using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Applications;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Applications;

/// <summary>
/// Staff register an application that arrived in person, by post, e-mail, fax or another online channel, through
/// <see cref="ApplicationIntake"/> (the one way applications are created). Optionally registered (登记) at once.
/// </summary>
[Authorize]
public sealed class RegisterModel(
    GongkaiDbContext db,
    ApplicationIntake intake,
    CaseAccess access,
    Staff staff,
    AuditLog audit,
    CaseRulesProvider rulesProvider,
    TimeProvider clock) : PageModel
{
    [BindProperty]
    public IntakeRequest Input { get; set; } = new();

    /// <summary>Also record 登记 now (the usual case); unticked, the application waits in the queue as 未登记.</summary>
    [BindProperty]
    public bool RegisterNow { get; set; } = true;

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public string AgencyName { get; private set; } = "";

    /// <summary>When this agency counts an application submitted on the portal as received (条例第三十一条).</summary>
    public Gongkai.Applications.OnlineReceiptRule ReceiptRule { get; private set; }

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!access.CanAct(access.AgencyId))
        {
            return Forbid();
        }

        await LoadAsync(cancellationToken);
        Input = new IntakeRequest
        {
            ApplicantType = ApplicantType.NaturalPerson,
            IdDocumentType = IdentityDocument.ResidentIdCard,
            Channel = ReceiptChannel.InPerson,
            ArrivedOn = Today,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!access.CanAct(access.AgencyId))
        {
            return Forbid();
        }

        await LoadAsync(cancellationToken);
        Input.AgencyId = access.AgencyId;
        var bindingErrors = ModelState.Where(e => e.Value?.Errors.Count > 0)
            .ToDictionary(e => e.Key.Replace("Input.", "", StringComparison.Ordinal), _ => "格式不正确，请重新填写。", StringComparer.Ordinal);
        var result = bindingErrors.Count == 0 ? await intake.ReceiveAsync(Input, online: false, cancellationToken) : null;
        if (result?.Application is not { } application)
        {
            var errors = new Dictionary<string, string>(result?.Errors ?? IntakeValidator.Validate(Input, online: false, Today), StringComparer.Ordinal);
            foreach (var (field, problem) in bindingErrors)
            {
                errors[field] = problem;
            }

            Errors = errors;
            return Page();
        }

        var message = $"已收到申请 {application.Number}，查询码 {application.ReceiptCode}（请告知申请人）";
        if (RegisterNow)
        {
            var rules = await rulesProvider.GetAsync(cancellationToken);
            if (staff.IsInRole(Roles.Handler))
            {
                application.HandlerId = staff.UserId;
            }

            application.Append(new Registered(ChinaTime.Now(clock), new Actor(staff.DisplayName)), rules, staff.UserId, "登记申请，开始办理", clock.GetUtcNow().UtcDateTime);
            audit.Record("application.register", "Application", application.Id.ToString(), $"{application.Number}：登记申请，开始办理", application.AgencyId);
            await db.SaveChangesAsync(cancellationToken);
            message += "，并已登记";
        }

        TempData["Message"] = message + "。";
        return Redirect($"/applications/{application.Id}");
    }

    public string? Error(string field) => Errors.TryGetValue(field, out var message) ? message : null;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Today = ChinaTime.Today(clock);
        var agency = await db.Agencies.Where(a => a.Id == access.AgencyId).Select(a => new { a.Name, a.OnlineReceipt }).SingleOrDefaultAsync(cancellationToken);
        AgencyName = agency?.Name ?? "";
        ReceiptRule = agency?.OnlineReceipt ?? Gongkai.Applications.OnlineReceiptRule.OnSubmission;
    }
}

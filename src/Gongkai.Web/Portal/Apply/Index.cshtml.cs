using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Web.Applications;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal.Apply;

/// <summary>
/// The online application form (依申请公开, 条例第二十九条): who applies with an identity document and contact, which
/// information, in what form and how to receive it. Received through <see cref="ApplicationIntake"/> as an online
/// application (received and confirmed today) and checked by <see cref="IntakeValidator"/>, as the API and the staff
/// form are; errors are shown next to each field and everything typed is kept.
/// </summary>
public sealed class ApplyModel(GongkaiDbContext db, ApplicationIntake intake, PublicRateLimiter limiter, ApplicantSession session, TimeProvider clock) : PageModel
{
    public IReadOnlyList<(Guid Id, string Name)> Agencies { get; private set; } = [];

    /// <summary>The chosen agency's rule for when an online application counts as received; null until one is chosen.</summary>
    public OnlineReceiptRule? ReceiptRule { get; private set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public bool RateLimited { get; private set; }

    [BindProperty(SupportsGet = true, Name = "agency")]
    public Guid? AgencyId { get; set; }

    /// <summary>The application as typed: the intake type itself, its fields posted without a prefix (<c>ApplicantName</c>…).</summary>
    [BindProperty(Name = "")]
    public IntakeRequest Form { get; set; } = new();

    public async Task OnGetAsync()
    {
        // Most applicants are private persons: the form starts there, and an organisation changes it.
        Form = new IntakeRequest { ApplicantType = ApplicantType.NaturalPerson };
        await LoadAgenciesAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAgenciesAsync();
        var request = Form;
        request.AgencyId = AgencyId ?? Guid.Empty;
        foreach (var (field, message) in IntakeValidator.Validate(request, online: true, ChinaTime.Today(clock)))
        {
            Errors[field] = message;
        }

        foreach (var (field, _) in ModelState.Where(e => e.Value?.Errors.Count > 0 && e.Key != "agency"))
        {
            Errors.TryAdd(field, "格式不正确，请重新选择或填写。");
        }

        if (!Agencies.Any(a => a.Id == AgencyId))
        {
            // An address from an old guide or a bookmark can name an agency that has since closed its online channel.
            var closed = await db.Agencies.AsNoTracking().Where(a => a.Id == AgencyId).Select(a => a.Name).SingleOrDefaultAsync(HttpContext.RequestAborted);
            Errors[nameof(AgencyId)] = closed is null ? "请选择受理申请的机关。" : ApplicationIntake.NoOnlineChannel(closed);
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        // Only complete applications count against the limit: a person correcting typos is not refused.
        if (!await limiter.TryAcquireAsync(PublicAction.Submit, HttpContext))
        {
            RateLimited = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var result = await intake.ReceiveAsync(request, online: true, HttpContext.RequestAborted);
        if (result.Application is not { } application)
        {
            foreach (var (field, message) in result.Errors)
            {
                Errors[field] = message;
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        session.SignIn(HttpContext, application.Id);
        return Redirect("/apply/receipt");
    }

    private async Task LoadAgenciesAsync()
    {
        var online = 1 << (int)ReceiptChannel.Online;
        var agencies = await db.Agencies.AsNoTracking()
            .Where(a => (a.AcceptedChannels & online) != 0)
            .OrderBy(a => a.RegionId).ThenBy(a => a.SortOrder).ThenBy(a => a.Name)
            .Select(a => new { a.Id, a.Name, a.OnlineReceipt })
            .ToListAsync(HttpContext.RequestAborted);
        Agencies = [.. agencies.Select(a => (a.Id, a.Name))];
        ReceiptRule = agencies.Where(a => a.Id == AgencyId).Select(a => a.OnlineReceipt ?? OnlineReceiptRule.OnSubmission).Cast<OnlineReceiptRule?>().FirstOrDefault();
    }
}

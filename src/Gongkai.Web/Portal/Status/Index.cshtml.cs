using Gongkai.Data;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Portal.Status;

/// <summary>
/// Finds the applicant's case by receipt code and phone number. Both must match; a wrong code and a wrong phone get
/// the same answer, and look-ups are rate-limited per client address, so codes cannot be guessed or probed.
/// </summary>
public sealed class StatusModel(GongkaiDbContext db, ApplicantSession session, PublicRateLimiter limiter, AuditLog audit) : PageModel
{
    public const string NotFoundMessage = "没有找到与该查询码和联系电话相符的申请。请核对查询码和申请时填写的联系电话后重试。";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    public string? Error { get; private set; }

    public bool HasSession { get; private set; }

    public void OnGet() => HasSession = session.Current(HttpContext) is not null;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await limiter.TryAcquireAsync(PublicAction.Lookup, HttpContext))
        {
            Error = "查询过于频繁，请稍等几分钟后再试。";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var code = LookupKeys.Code(Code);
        var phone = LookupKeys.PhoneDigits(Phone);
        if (code.Length == 0 || phone.Length == 0)
        {
            Error = "请填写查询码和联系电话。";
            return Page();
        }

        var candidate = await db.Applications.AsNoTracking()
            .Where(a => a.ReceiptCode == code)
            .Select(a => new { a.Id, a.Phone, a.AgencyId, a.Number })
            .SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (candidate is null || candidate.Phone is null || !LookupKeys.SamePhone(candidate.Phone, phone))
        {
            Error = NotFoundMessage;
            return Page();
        }

        session.SignIn(HttpContext, candidate.Id);
        audit.Record("status.opened", "Application", candidate.Id.ToString(), $"申请人凭查询码查看申请 {candidate.Number} 的办理进度", candidate.AgencyId);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect("/status/case");
    }

    public IActionResult OnPostLeave()
    {
        ApplicantSession.SignOut(HttpContext);
        TempData["Message"] = "已退出查询。";
        return Redirect("/status");
    }
}

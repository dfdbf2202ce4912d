using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Interaction;
using Gongkai.Interaction;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction;

/// <summary>
/// 好差评 of a disclosure application: the applicant whose status session names the case rates its handling once,
/// after the reply. A low rating waits for the agency's reviewer on 工作台. Without a session the status look-up opens.
/// </summary>
[AllowAnonymous]
public sealed class ApplicationRatingModel(GongkaiDbContext db, ApplicantSession session, RatingBook ratings, PublicRateLimiter limiter, AuditLog audit) : PageModel
{
    /// <summary>The states in which the application has had its reply.</summary>
    public static bool Rateable(CaseState state) => state is CaseState.Replied or CaseState.Delivered or CaseState.Archived;

    public string Number { get; private set; } = "";

    public string AgencyName { get; private set; } = "";

    public bool Replied { get; private set; }

    public Rating? Rating { get; private set; }

    [BindProperty]
    public Satisfaction? Level { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) is null ? Redirect("/status") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } application)
        {
            return Redirect("/status");
        }

        if (!Replied)
        {
            Error = "申请答复后才能评价。";
        }
        else if (!await limiter.TryAcquireAsync(PublicAction.Submit, HttpContext))
        {
            Error = "提交过于频繁，请稍后再试。您填写的内容已保留。";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        else
        {
            Error = await ratings.AddAsync(RatedSubject.Application, application.Id, application.AgencyId, Level, Reason, cancellationToken);
        }

        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        audit.Record("application.rated", "Application", application.Id.ToString(), $"申请人评价申请 {application.Number} 的办理：{InteractionText.Satisfaction(Level!.Value)}", application.AgencyId);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = "感谢您的评价。";
        return Redirect("/status/rating");
    }

    private async Task<Data.Applications.ApplicationRecord?> LoadAsync(CancellationToken cancellationToken)
    {
        if (session.Current(HttpContext) is not { } id)
        {
            return null;
        }

        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return null;
        }

        Number = application.Number;
        Replied = Rateable(application.State);
        AgencyName = await db.Agencies.AsNoTracking().Where(a => a.Id == application.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        Rating = await ratings.FindAsync(RatedSubject.Application, id, cancellationToken);
        return application;
    }
}

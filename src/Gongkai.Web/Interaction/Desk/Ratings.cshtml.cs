using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Interaction;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction.Desk;

/// <summary>The agency's ratings (好差评) of messages and applications, newest first; the reviewer marks low ones read.</summary>
[Authorize(Roles = InteractionRoles.Staff)]
public sealed class RatingsModel(GongkaiDbContext db, Staff staff, AuditLog audit, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, RatedSubject Subject, Guid SubjectId, string What, Satisfaction Level, string? Reason, DateTime RatedAtUtc, DateTime? ReviewedAtUtc, string? ReviewedBy);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool IsReviewer => staff.IsInRole(Roles.Reviewer);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Ratings.AsNoTracking().Where(r => r.AgencyId == staff.AgencyId)
            .OrderByDescending(r => r.RatedAtUtc).Take(200)
            .Select(r => new
            {
                r.Id, r.Subject, r.SubjectId, r.Level, r.Reason, r.RatedAtUtc, r.ReviewedAtUtc, r.ReviewedBy,
                Message = db.Messages.Where(m => m.Id == r.SubjectId).Select(m => m.Title).FirstOrDefault(),
                Application = db.Applications.Where(a => a.Id == r.SubjectId).Select(a => a.Number).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        Rows = [.. rows.Select(r => new Row(r.Id, r.Subject, r.SubjectId, r.Subject == RatedSubject.Message ? "留言：" + r.Message : "申请 " + r.Application,
            r.Level, r.Reason, r.RatedAtUtc, r.ReviewedAtUtc, r.ReviewedBy))];
    }

    public async Task<IActionResult> OnPostReadAsync(Guid ratingId, CancellationToken cancellationToken)
    {
        if (!IsReviewer)
        {
            return Forbid();
        }

        var rating = await db.Ratings.SingleOrDefaultAsync(r => r.Id == ratingId && r.AgencyId == staff.AgencyId, cancellationToken);
        if (rating is null)
        {
            return NotFound();
        }

        if (rating.ReviewedAtUtc is null)
        {
            rating.ReviewedAtUtc = clock.GetUtcNow().UtcDateTime;
            rating.ReviewedBy = staff.DisplayName;
            audit.Record("rating.reviewed", "Rating", rating.Id.ToString(), $"审核人已阅差评（{InteractionText.Satisfaction(rating.Level)}）：{rating.Reason}", rating.AgencyId);
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData["Message"] = "已标记为已阅。";
        return Redirect("/interaction/ratings");
    }
}

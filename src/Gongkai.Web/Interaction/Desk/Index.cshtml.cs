using Gongkai.Data;
using Gongkai.Interaction;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction.Desk;

/// <summary>A year's 意见征集 in figures (by the year a consultation opened).</summary>
public sealed record ConsultationYear(int Year, int Held, int Comments, int Published, int WithFeedback);

/// <summary>The agency's consultations: each with its stage and comments waiting for moderation, and counts per year.</summary>
[Authorize(Roles = InteractionRoles.Staff)]
public sealed class IndexModel(GongkaiDbContext db, Staff staff, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, string Title, DateOnly OpensOn, DateOnly ClosesOn, ConsultationStage Stage, int Pending, int Comments);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<ConsultationYear> Years { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var rows = await db.Consultations.AsNoTracking()
            .Where(c => c.AgencyId == staff.AgencyId)
            .OrderByDescending(c => c.OpensOn)
            .Select(c => new
            {
                c.Id, c.Title, c.OpensOn, c.ClosesOn, Published = c.FeedbackPublishedAtUtc != null,
                Pending = db.ConsultationComments.Count(m => m.ConsultationId == c.Id && m.Status == CommentStatus.Pending),
                Comments = db.ConsultationComments.Count(m => m.ConsultationId == c.Id),
                PublishedComments = db.ConsultationComments.Count(m => m.ConsultationId == c.Id && m.Status == CommentStatus.Published),
            })
            .ToListAsync(cancellationToken);
        Rows = [.. rows.Select(r => new Row(r.Id, r.Title, r.OpensOn, r.ClosesOn, ConsultationPeriods.Stage(today, r.OpensOn, r.ClosesOn, r.Published), r.Pending, r.Comments))];
        Years = [.. rows.GroupBy(r => r.OpensOn.Year).OrderByDescending(g => g.Key)
            .Select(g => new ConsultationYear(g.Key, g.Count(), g.Sum(r => r.Comments), g.Sum(r => r.PublishedComments), g.Count(r => r.Published)))];
    }
}

using Gongkai.Data;
using Gongkai.Interaction;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction;

/// <summary>A consultation in a list: its agency, period, stage and how many comments are shown.</summary>
public sealed record ConsultationRow(Guid Id, string Title, string Agency, DraftKind Kind, DateOnly OpensOn, DateOnly ClosesOn, ConsultationStage Stage, int Comments);

/// <summary>The public list of 意见征集 (open ones first, then closed, newest first), optionally of one agency.</summary>
[AllowAnonymous]
public sealed class ConsultationsModel([FromKeyedServices(PublicReads.Key)] GongkaiDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Agency { get; set; }

    public IReadOnlyList<PortalAgency> Agencies { get; private set; } = [];

    public IReadOnlyList<ConsultationRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Agencies = await PortalQueries.AgenciesAsync(db, cancellationToken);
        var today = ChinaTime.Today(clock);
        var query = db.Consultations.AsNoTracking().Where(c => c.OpensOn <= today);
        if (Agency is { } agency)
        {
            query = query.Where(c => c.AgencyId == agency);
        }

        var rows = await query
            .OrderByDescending(c => c.OpensOn)
            .Take(200)
            .Select(c => new
            {
                c.Id, c.Title, Agency = db.Agencies.Where(a => a.Id == c.AgencyId).Select(a => a.Name).Single(), c.Kind, c.OpensOn, c.ClosesOn,
                Published = c.FeedbackPublishedAtUtc != null,
                Comments = db.ConsultationComments.Count(m => m.ConsultationId == c.Id && m.Status == CommentStatus.Published),
            })
            .ToListAsync(cancellationToken);
        Rows = [.. rows
            .Select(r => new ConsultationRow(r.Id, r.Title, r.Agency, r.Kind, r.OpensOn, r.ClosesOn, ConsultationPeriods.Stage(today, r.OpensOn, r.ClosesOn, r.Published), r.Comments))
            .OrderBy(r => r.Stage != ConsultationStage.Open)];
    }
}

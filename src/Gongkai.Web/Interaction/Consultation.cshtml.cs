using Gongkai.Data;
using Gongkai.Data.Interaction;
using Gongkai.Interaction;
using Gongkai.Web.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction;

/// <summary>
/// One consultation for the public: the draft, the period, the comment form while it is open (rate-limited like the
/// application form; a comment is shown only after moderation), the published comments and, once published, the
/// feedback grouped by 采纳 / 部分采纳 / 未采纳 with reasons.
/// </summary>
[AllowAnonymous]
public sealed class ConsultationModel(GongkaiDbContext db, ConsultationDesk desk, PublicRateLimiter limiter) : PageModel
{
    public Consultation Consultation { get; private set; } = null!;

    public string AgencyName { get; private set; } = "";

    public ConsultationStage Stage { get; private set; }

    public CatalogListItem? DraftItem { get; private set; }

    public CatalogListItem? FinalItem { get; private set; }

    public IReadOnlyList<ConsultationComment> Comments { get; private set; } = [];

    public int Received { get; private set; }

    [BindProperty(Name = "")]
    public CommentInput Form { get; set; } = new();

    public Dictionary<string, string> Errors { get; private set; } = new(StringComparer.Ordinal);

    public bool RateLimited { get; private set; }

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool sent, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Sent = sent;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!await limiter.TryAcquireAsync(PublicAction.Submit, HttpContext))
        {
            RateLimited = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        Errors = await desk.CommentAsync(Consultation, Form, cancellationToken);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        return Redirect($"/consultations/{id}?sent=true#comment-form");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null || desk.Stage(consultation) == ConsultationStage.NotYetOpen)
        {
            return false;
        }

        Consultation = consultation;
        Stage = desk.Stage(consultation);
        AgencyName = await db.Agencies.AsNoTracking().Where(a => a.Id == consultation.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        DraftItem = consultation.DraftItemId is { } draft ? await PortalQueries.Published(db).Where(i => i.Id == draft).AsListItems().SingleOrDefaultAsync(cancellationToken) : null;
        FinalItem = consultation.FinalItemId is { } final ? await PortalQueries.Published(db).Where(i => i.Id == final).AsListItems().SingleOrDefaultAsync(cancellationToken) : null;
        Received = await db.ConsultationComments.CountAsync(c => c.ConsultationId == id, cancellationToken);
        Comments = await db.ConsultationComments.AsNoTracking()
            .Where(c => c.ConsultationId == id && c.Status == CommentStatus.Published)
            .OrderBy(c => c.SubmittedAtUtc)
            .ToListAsync(cancellationToken);
        return true;
    }
}

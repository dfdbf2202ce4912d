using Gongkai.Data;
using Gongkai.Data.Interaction;
using Gongkai.Interaction;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction.Desk;

/// <summary>
/// One consultation of the agency: moderate each comment (publish, or reject with a reason), record what became of
/// each published comment, and after the period publish the feedback. Another agency's consultation is not found.
/// </summary>
[Authorize(Roles = InteractionRoles.Staff)]
public sealed class ManageModel(GongkaiDbContext db, ConsultationDesk desk, Staff staff) : PageModel
{
    public Consultation Consultation { get; private set; } = null!;

    public ConsultationStage Stage { get; private set; }

    public IReadOnlyList<ConsultationComment> Comments { get; private set; } = [];

    public string? Problem { get; private set; }

    /// <summary>The comment the problem is about (its form shows the message), or null for the feedback form.</summary>
    public Guid? ProblemComment { get; private set; }

    /// <summary>What was posted for <see cref="ProblemComment"/>, shown again with the problem.</summary>
    public (Adoption? Adoption, string? Reason) Posted { get; private set; }

    [BindProperty]
    public string? FeedbackNote { get; set; }

    [BindProperty]
    public string? FinalIndexNumber { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostModerateAsync(Guid id, Guid commentId, CommentStatus status, string? reason, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, tracked: true))
        {
            return NotFound();
        }

        Posted = (null, reason);
        return await AfterAsync(await desk.ModerateAsync(Consultation, commentId, status, reason, cancellationToken), commentId, status == CommentStatus.Published ? "已公开该意见。" : "该意见不予公开。", cancellationToken);
    }

    public async Task<IActionResult> OnPostAdoptAsync(Guid id, Guid commentId, Adoption adoption, string? reason, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, tracked: true))
        {
            return NotFound();
        }

        Posted = (adoption, reason);
        return await AfterAsync(await desk.AdoptAsync(Consultation, commentId, adoption, reason, cancellationToken), commentId, "已记录采纳情况。", cancellationToken);
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, tracked: true))
        {
            return NotFound();
        }

        var (problem, _) = await desk.PublishFeedbackAsync(Consultation, FeedbackNote, FinalIndexNumber, cancellationToken);
        return await AfterAsync(problem, null, "已发布意见采纳情况反馈。", cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(string? problem, Guid? commentId, string done, CancellationToken cancellationToken)
    {
        if (problem is null)
        {
            TempData["Message"] = done;
            return Redirect($"/interaction/consultations/{Consultation.Id}");
        }

        Problem = problem;
        ProblemComment = commentId;
        await LoadAsync(Consultation.Id, cancellationToken);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken, bool tracked = false)
    {
        var query = tracked ? db.Consultations : db.Consultations.AsNoTracking();
        var consultation = await query.SingleOrDefaultAsync(c => c.Id == id && c.AgencyId == staff.AgencyId, cancellationToken);
        if (consultation is null)
        {
            return false;
        }

        Consultation = consultation;
        Stage = desk.Stage(consultation);
        Comments = await db.ConsultationComments.AsNoTracking().Where(c => c.ConsultationId == id).OrderBy(c => c.SubmittedAtUtc).ToListAsync(cancellationToken);
        return true;
    }
}

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
/// 常见问题 for 智能问答: the questions the portal could not answer (newest first), each of which staff can answer as a
/// FAQ entry of their agency, which then answers it and takes it off the list; and the agency's entries.
/// </summary>
[Authorize(Roles = InteractionRoles.Staff)]
public sealed class FaqModel(GongkaiDbContext db, Staff staff, AuditLog audit, TimeProvider clock) : PageModel
{
    public IReadOnlyList<UnansweredQuestion> Unanswered { get; private set; } = [];

    public IReadOnlyList<FaqEntry> Entries { get; private set; } = [];

    [BindProperty]
    public string? Question { get; set; }

    [BindProperty]
    public string? Answer { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? From { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (From is { } from && Unanswered.FirstOrDefault(q => q.Id == from) is { } question)
        {
            Question = question.Question;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var question = Question?.Trim();
        var answer = Answer?.Trim();
        if (string.IsNullOrEmpty(question) || question.Length > PolicyAnswers.MaxQuestionLength)
        {
            Errors[nameof(Question)] = $"请填写问题（不超过 {PolicyAnswers.MaxQuestionLength} 字）。";
        }

        if (string.IsNullOrEmpty(answer) || answer.Length > MessageRules.MaxReplyLength)
        {
            Errors[nameof(Answer)] = $"请填写答案（不超过 {MessageRules.MaxReplyLength} 字）。";
        }

        if (Errors.Count > 0)
        {
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var entry = new FaqEntry
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            AgencyId = staff.AgencyId,
            Question = question!,
            Answer = answer!,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            CreatedBy = staff.DisplayName,
        };
        db.FaqEntries.Add(entry);
        if (From is { } from && await db.UnansweredQuestions.SingleOrDefaultAsync(q => q.Id == from && q.FaqEntryId == null, cancellationToken) is { } asked)
        {
            asked.FaqEntryId = entry.Id;
        }

        audit.Record("faq.created", "FaqEntry", entry.Id.ToString(), $"新增常见问题“{entry.Question}”");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = "已新增常见问题。";
        return Redirect("/interaction/faq");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Unanswered = await db.UnansweredQuestions.AsNoTracking().Where(q => q.FaqEntryId == null).OrderByDescending(q => q.AskedAtUtc).Take(100).ToListAsync(cancellationToken);
        Entries = await db.FaqEntries.AsNoTracking().Where(f => f.AgencyId == staff.AgencyId).OrderByDescending(f => f.CreatedAtUtc).ToListAsync(cancellationToken);
    }
}

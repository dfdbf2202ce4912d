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
/// 智能问答 on the portal: a question in ordinary Chinese, answered from published sources, each answer quoting its
/// passage and linking its source with date and validity; or 未找到, with the ways to ask a person, and the question
/// kept for staff. Asking is rate-limited as a look-up. The FAQ entries are listed below the form.
/// </summary>
[AllowAnonymous]
public sealed class AskModel(GongkaiDbContext db, PolicyQa qa, PublicRateLimiter limiter, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Question { get; set; }

    public bool Asked { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<ShownAnswer> Answers { get; private set; } = [];

    public IReadOnlyList<FaqEntry> Faq { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadFaqAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadFaqAsync(cancellationToken);
        var question = Question?.Trim() ?? "";
        if (question.Length == 0)
        {
            Error = "请输入您的问题。";
            return Page();
        }

        if (question.Length > PolicyAnswers.MaxQuestionLength)
        {
            Error = $"问题不超过 {PolicyAnswers.MaxQuestionLength} 字。";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (!await limiter.TryAcquireAsync(PublicAction.Lookup, HttpContext))
        {
            Error = "提问过于频繁，请稍等几分钟后再试。";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        Asked = true;
        Answers = await qa.AskAsync(question, cancellationToken);
        if (Answers.Count == 0)
        {
            db.UnansweredQuestions.Add(new UnansweredQuestion { Id = Guid.CreateVersion7(clock.GetUtcNow()), Question = question, AskedAtUtc = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(cancellationToken);
        }

        return Page();
    }

    private async Task LoadFaqAsync(CancellationToken cancellationToken) =>
        Faq = await db.FaqEntries.AsNoTracking().OrderByDescending(f => f.CreatedAtUtc).Take(50).ToListAsync(cancellationToken);
}

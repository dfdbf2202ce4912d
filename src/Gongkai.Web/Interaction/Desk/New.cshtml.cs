using Gongkai.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Interaction.Desk;

/// <summary>Opens a consultation: the draft, its kind (which sets the minimum period), the start and the period.</summary>
[Authorize(Roles = InteractionRoles.Staff)]
public sealed class NewModel(ConsultationDesk desk, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "")]
    public ConsultationInput Form { get; set; } = new();

    public Dictionary<string, string> Errors { get; private set; } = new(StringComparer.Ordinal);

    public void OnGet() => Form.OpensOn = DateText.Iso(ChinaTime.Today(clock));

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        foreach (var (field, _) in ModelState.Where(e => e.Value?.Errors.Count > 0))
        {
            Errors.TryAdd(field, "格式不正确，请重新选择或填写。");
        }

        if (Errors.Count == 0)
        {
            var (consultation, errors) = await desk.OpenAsync(Form, cancellationToken);
            if (consultation is not null)
            {
                TempData["Message"] = $"已发布意见征集，征求意见至 {DateText.Iso(consultation.ClosesOn)}。";
                return Redirect($"/interaction/consultations/{consultation.Id}");
            }

            Errors = errors;
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

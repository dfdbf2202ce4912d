using Gongkai.Data;
using Gongkai.Web.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Interaction.Messages;

/// <summary>
/// Writing a message (留言) to an agency: the form (rate-limited with the application form), then the receipt code
/// and reply deadline shown once after the redirect.
/// </summary>
[AllowAnonymous]
public sealed class NewModel(GongkaiDbContext db, MessageDesk desk, PublicRateLimiter limiter) : PageModel
{
    [BindProperty(Name = "")]
    public MessageInput Form { get; set; } = new();

    public IReadOnlyList<PortalAgency> Agencies { get; private set; } = [];

    public Dictionary<string, string> Errors { get; private set; } = new(StringComparer.Ordinal);

    public bool RateLimited { get; private set; }

    /// <summary>The receipt after a message was received: code and due date, shown once.</summary>
    [TempData]
    public string? Receipt { get; set; }

    public async Task OnGetAsync(Guid? agency, CancellationToken cancellationToken)
    {
        Form.AgencyId = agency;
        Agencies = await PortalQueries.AgenciesAsync(db, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Agencies = await PortalQueries.AgenciesAsync(db, cancellationToken);
        if (!await limiter.TryAcquireAsync(PublicAction.Submit, HttpContext))
        {
            RateLimited = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var (message, errors) = await desk.SubmitAsync(Form, cancellationToken);
        if (message is null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Receipt = message.ReceiptCode + "|" + Gongkai.Calendar.DateText.Iso(message.DueOn);
        return Redirect("/messages/new");
    }
}

using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Interaction;
using Gongkai.Web.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction.Messages;

/// <summary>A published message with its reply, identity and phone numbers masked and without the writer's name; others are not found.</summary>
[AllowAnonymous]
public sealed class ViewModel([FromKeyedServices(PublicReads.Key)] GongkaiDbContext db) : PageModel
{
    public sealed record Shown(string Title, string Content, string Reply, MessageCategory Category, string Agency, DateOnly SubmittedOn, DateOnly? RepliedOn);

    public Shown Message { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var message = await db.Messages.AsNoTracking()
            .Where(m => m.Id == id && m.PublishedAtUtc != null && m.ReplyStatus == LetterStatus.Issued)
            .Select(m => new { m.Title, m.Content, m.Reply, m.Category, Agency = db.Agencies.Where(a => a.Id == m.AgencyId).Select(a => a.Name).Single(), m.SubmittedAtUtc, m.RepliedOn })
            .SingleOrDefaultAsync(cancellationToken);
        if (message is null)
        {
            return NotFound();
        }

        Message = new Shown(MessageStates.Masked(message.Title), MessageStates.Masked(message.Content), MessageStates.Masked(message.Reply ?? ""),
            message.Category, message.Agency, Gongkai.Calendar.DateText.ChinaDate(message.SubmittedAtUtc), message.RepliedOn);
        return Page();
    }
}

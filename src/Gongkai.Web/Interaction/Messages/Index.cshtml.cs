using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Interaction;
using Gongkai.Web.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction.Messages;

/// <summary>A published message in the portal's list.</summary>
public sealed record PublishedMessage(Guid Id, string Title, string Agency, MessageCategory Category, DateOnly? RepliedOn);

/// <summary>留言 on the portal: the published questions and answers (masked), newest first, and the ways to write and to read a reply.</summary>
[AllowAnonymous]
public sealed class IndexModel([FromKeyedServices(PublicReads.Key)] GongkaiDbContext db) : PageModel
{
    public IReadOnlyList<PublishedMessage> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.PublishedAtUtc != null && m.ReplyStatus == LetterStatus.Issued)
            .OrderByDescending(m => m.PublishedAtUtc)
            .Take(100)
            .Select(m => new { m.Id, m.Title, Agency = db.Agencies.Where(a => a.Id == m.AgencyId).Select(a => a.Name).Single(), m.Category, m.RepliedOn })
            .ToListAsync(cancellationToken);
        Rows = [.. rows.Select(r => new PublishedMessage(r.Id, MessageStates.Masked(r.Title), r.Agency, r.Category, r.RepliedOn))];
    }
}

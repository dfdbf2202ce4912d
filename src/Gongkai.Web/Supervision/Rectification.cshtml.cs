using Gongkai.Data;
using Gongkai.Data.Audit;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>
/// One rectification: what was asked and by when, the re-check of a report finding, the agency's answer form, the
/// supervisor's accept and return forms, and every step from the audit log. Seen by the supervising office and by
/// the staff of the agency concerned; for anyone else it does not exist.
/// </summary>
[Authorize]
public sealed class RectificationModel(Rectifications rectifications, GongkaiDbContext db) : PageModel
{
    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public int Revision { get; set; }

    public RectificationRecord Record { get; private set; } = null!;

    public RectificationParty Party { get; private set; }

    public string AgencyName { get; private set; } = "";

    public Recheck? Recheck { get; private set; }

    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    public string? Error { get; private set; }

    public string? FailedAction { get; private set; }

    public bool IsOverdue => RectificationFlow.IsOverdue(Record.State, Record.DueOn, rectifications.Today);

    public bool Can(RectificationAction action) => RectificationFlow.Refusal(Record.State, action, Party, "理由") is null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, tracked: false, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostAnswerAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, RectificationAction.Answer, cancellationToken);

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, RectificationAction.Accept, cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, RectificationAction.Return, cancellationToken);

    private async Task<IActionResult> ActAsync(Guid id, RectificationAction action, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, tracked: true, cancellationToken))
        {
            return NotFound();
        }

        if (await rectifications.ActAsync(Record, action, Text, Revision, cancellationToken) is { } refusal)
        {
            Error = refusal;
            FailedAction = action.ToString();
            db.ChangeTracker.Clear();
            await LoadAsync(id, tracked: false, cancellationToken);
            return Page();
        }

        return Redirect($"/supervision/rectifications/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.Rectifications : db.Rectifications.AsNoTracking();
        if (await query.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } record
            || await rectifications.PartyAsync(record, cancellationToken) is not { } party)
        {
            return false;
        }

        Record = record;
        Party = party;
        AgencyName = await db.Agencies.AsNoTracking().Where(a => a.Id == record.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        Recheck = await rectifications.RecheckAsync(record, cancellationToken);
        var key = id.ToString();
        History = await db.AuditLog.AsNoTracking().Where(e => e.EntityType == "Rectification" && e.EntityId == key)
            .OrderBy(e => e.AtUtc).ToListAsync(cancellationToken);
        return true;
    }
}

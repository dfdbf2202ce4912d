using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Web.Applications;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Work;

/// <summary>An extension asked for by a handler, waiting for the reviewer.</summary>
public sealed record ExtensionRequestRow(Guid Id, string Number, int Days, string? Reason, string? RequestedBy, DateOnly? RequestedOn, DateOnly? DueOn, bool DueIsProvisional);

/// <summary>
/// Where staff land after signing in: what needs their attention. Handlers and reviewers see the application queue's
/// lists (overdue and due soon, waiting for a correction, not yet registered, assigned to them) and reviewers the
/// extension requests; then every feature folder's sections for the reader's roles (<see cref="IInboxSource"/>:
/// letters to approve, returned or to issue, catalogue items to review, approve or publish, corrections received…).
/// </summary>
[Authorize]
public sealed class IndexModel(
    GongkaiDbContext db, Staff staff, CaseAccess access, CaseRulesProvider rulesProvider, TimeProvider clock, IEnumerable<IInboxSource> sources) : PageModel
{
    private const int ListLength = 10;

    public string AgencyName { get; private set; } = "";

    public string DisplayName => staff.DisplayName;

    public bool IsAgencyStaff => access.IsAgencyStaff;

    public bool IsReviewer => staff.IsInRole(Roles.Reviewer);

    /// <summary>Only handlers and reviewers register applications (the rule of /applications/register).</summary>
    public bool CanRegister => access.CanAct(access.AgencyId);

    public bool IsSupervisor => access.IsSupervisor;

    public bool IsAdministrator => staff.IsInRole(Roles.Administrator);

    public QueueCounts? Counts { get; private set; }

    /// <summary>Open cases that are overdue or due soon, earliest due first.</summary>
    public IReadOnlyList<QueueItem> Urgent { get; private set; } = [];

    public IReadOnlyList<QueueItem> AwaitingCorrection { get; private set; } = [];

    public IReadOnlyList<QueueItem> Unregistered { get; private set; } = [];

    public IReadOnlyList<QueueItem> Mine { get; private set; } = [];

    public int MineCount { get; private set; }

    public string MineUrl => $"/applications?status={QueueStatus.Open.Key()}&handler={staff.UserId}";

    public IReadOnlyList<ExtensionRequestRow> ExtensionRequests { get; private set; } = [];

    /// <summary>The feature folders' sections for the reader, in order.</summary>
    public IReadOnlyList<InboxSection> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        AgencyName = await db.Agencies.Where(a => a.Id == staff.AgencyId).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        if (!access.IsAgencyStaff)
        {
            return;
        }

        Sections = await InboxSources.SectionsAsync(sources, cancellationToken);
        if (!CanRegister)
        {
            // A publisher (or an administrator) handles no applications: their work is in the sections.
            return;
        }

        var rules = await rulesProvider.GetAsync(cancellationToken);
        var today = ChinaTime.Today(clock);
        var agency = staff.AgencyId;
        var cases = db.Applications.AsNoTracking().Where(a => a.AgencyId == agency);
        Counts = await QueueQuery.CountAsync(db, CaseScope.Agency(agency), today, rules, cancellationToken);

        var soonLimit = rules.Calendar.AddWorkingDays(today, rules.Policy.DueSoonWorkingDays + 1);
        Urgent = await ItemsAsync(cases.Open().Where(a => a.DueOn != null && a.DueOn < soonLimit), today, rules, cancellationToken);
        AwaitingCorrection = await ItemsAsync(cases.Where(a => a.State == Gongkai.Applications.CaseState.AwaitingCorrection), today, rules, cancellationToken);
        Unregistered = await ItemsAsync(cases.Where(a => a.State == Gongkai.Applications.CaseState.Received), today, rules, cancellationToken);
        Mine = await ItemsAsync(cases.Open().Where(a => a.HandlerId == staff.UserId), today, rules, cancellationToken);
        MineCount = await cases.Open().CountAsync(a => a.HandlerId == staff.UserId, cancellationToken);
        if (IsReviewer)
        {
            ExtensionRequests = await cases.ExtensionPending()
                .OrderBy(a => a.DueOn)
                .Select(a => new ExtensionRequestRow(a.Id, a.Number, a.ExtensionRequestedDays!.Value, a.ExtensionRequestReason, a.ExtensionRequestedByName, a.ExtensionRequestedOn, a.DueOn, a.DueIsProvisional))
                .ToListAsync(cancellationToken);
        }
    }

    private async Task<IReadOnlyList<QueueItem>> ItemsAsync(IQueryable<Data.Applications.ApplicationRecord> query, DateOnly today, Gongkai.Applications.CaseRules rules, CancellationToken cancellationToken)
    {
        // Every list of the work page holds open cases only.
        var ids = await query.OpenPageIdsAsync(0, ListLength, cancellationToken);
        return await QueueQuery.ItemsAsync(db, ids, staff.AgencyId, today, rules, cancellationToken);
    }
}

using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Applications;

/// <summary>The agency's application queue: open cases by due date with their deadline badges, filters kept in the URL.</summary>
[Authorize]
public sealed class IndexModel(GongkaiDbContext db, CaseAccess access, CaseActions actions, CaseRulesProvider rulesProvider, TimeProvider clock) : PageModel
{
    public QueuePage Queue { get; private set; } = null!;

    public QueueFilter Filter { get; private set; } = new();

    public IReadOnlyList<(Guid Id, string Name)> Handlers { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public bool CanRegister { get; private set; }

    /// <summary>Why the dates marked 暂定 on this page are provisional (<see cref="ProvisionalDate.Reason"/>); empty when none is.</summary>
    public string ProvisionalReason { get; private set; } = "";

    public QueueFiltersView FiltersView => new("/applications", Filter, Years, Handlers);

    public async Task<IActionResult> OnGetAsync([FromQuery] QueueFilter filter, CancellationToken cancellationToken)
    {
        if (!access.IsAgencyStaff)
        {
            return access.IsSupervisor ? Redirect("/supervision/applications") : Forbid();
        }

        Filter = filter;
        var rules = await rulesProvider.GetAsync(cancellationToken);
        var today = ChinaTime.Today(clock);
        filter.Agency = null;
        var scope = CaseScope.Agency(access.AgencyId);
        Queue = await QueueQuery.LoadAsync(db, scope, access.AgencyId, filter, today, rules, cancellationToken);
        Handlers = await actions.HandlersAsync(access.AgencyId, cancellationToken);
        Years = await YearsAsync(db, scope, today, cancellationToken);
        CanRegister = access.CanAct(access.AgencyId);
        var provisional = Queue.Items.Where(i => i.DueIsProvisional && i.DueOn is not null).ToList();
        ProvisionalReason = provisional.Count == 0
            ? ""
            : ProvisionalDate.Reason(ProvisionalDate.MissingYears(rules.Calendar, provisional.Min(i => i.ReceivedOn), provisional.Max(i => i.DueOn!.Value)));
        return Page();
    }

    /// <summary>
    /// The receipt years of the scope's cases, newest first (always including this year). The first receipt date is
    /// each agency's minimum, one probe of the (AgencyId, ReceivedOn) index per agency, then the least of those: never
    /// a sort of a region's cases (the province supervisor's 5,000,000 took 0.8 s as one ordered read over all of them).
    /// </summary>
    public static async Task<IReadOnlyList<int>> YearsAsync(GongkaiDbContext db, CaseScope scope, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var first = await scope.AgenciesOf(db)
            .Select(g => db.Applications.Where(a => a.AgencyId == g.Id).OrderBy(a => a.ReceivedOn).Select(a => (DateOnly?)a.ReceivedOn).FirstOrDefault())
            .MinAsync(cancellationToken);
        var from = Math.Min(first?.Year ?? today.Year, today.Year);
        return [.. Enumerable.Range(from, today.Year - from + 1).Reverse()];
    }
}

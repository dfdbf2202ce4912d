using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Applications;

/// <summary>
/// Supervisors read the applications of every agency in their region subtree: the same queue with an agency column,
/// read-only and without applicant names or any other personal data.
/// </summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class SupervisionModel(GongkaiDbContext db, CaseAccess access, CaseRulesProvider rulesProvider, TimeProvider clock) : PageModel
{
    public QueuePage Queue { get; private set; } = null!;

    public QueueFilter Filter { get; private set; } = new();

    public IReadOnlyList<(Guid Id, string Name)> Agencies { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public QueueFiltersView FiltersView => new("/supervision/applications", Filter, Years, Agencies: Agencies);

    public async Task<IActionResult> OnGetAsync([FromQuery] QueueFilter filter, CancellationToken cancellationToken)
    {
        Filter = filter;
        filter.Handler = null;
        Agencies = await access.SupervisedAgenciesAsync(cancellationToken);
        var scope = await access.SupervisedScopeAsync(cancellationToken);
        var rules = await rulesProvider.GetAsync(cancellationToken);
        var today = ChinaTime.Today(clock);
        Queue = await QueueQuery.LoadAsync(db, scope, namesFor: null, filter, today, rules, cancellationToken);
        Years = await IndexModel.YearsAsync(db, scope, today, cancellationToken);
        return Page();
    }
}

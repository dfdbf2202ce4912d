using Gongkai.Data.Accounts;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Supervision;

/// <summary>整改: every rectification of the region subtree, the overdue ones marked, filtered by where they stand.</summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class RectificationsModel(Rectifications rectifications, RegionScope scope) : PageModel
{
    /// <summary>"open" (待整改/退回), "answered" (待验收), "overdue", "closed"; anything else shows all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    public IReadOnlyList<RectificationRecord> All { get; private set; } = [];

    public IReadOnlyList<RectificationRecord> Rows { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> AgencyNames { get; private set; } = new Dictionary<Guid, string>();

    public DateOnly Today { get; private set; }

    public bool IsOverdue(RectificationRecord record) => RectificationFlow.IsOverdue(record.State, record.DueOn, Today);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = rectifications.Today;
        AgencyNames = (await scope.AgenciesAsync(cancellationToken)).ToDictionary(a => a.Id, a => a.Name);
        All = await rectifications.InScopeAsync(cancellationToken);
        Rows = Show switch
        {
            "open" => [.. All.Where(r => r.State is RectificationState.Raised or RectificationState.Returned)],
            "answered" => [.. All.Where(r => r.State == RectificationState.Answered)],
            "overdue" => [.. All.Where(IsOverdue)],
            "closed" => [.. All.Where(r => r.State == RectificationState.Closed)],
            _ => All,
        };
    }
}

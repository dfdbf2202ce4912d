using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Applications;

/// <summary>
/// Who may see and do what with applications. Agency staff read and (handlers, reviewers) act on their own agency's
/// cases only; supervisors read the cases of every agency in their agency's region subtree, never personal data and
/// never acting. Anything else is treated as not existing (404), so a record's existence is not revealed.
/// Scoped: the visible agencies are read once per request.
/// </summary>
public sealed class CaseAccess(GongkaiDbContext db, Staff staff)
{
    private CaseScope? _visible;
    private CaseScope? _supervised;

    public Guid AgencyId => staff.AgencyId;

    /// <summary>Works on its own agency's cases (may see the queue and personal data).</summary>
    public bool IsAgencyStaff => staff.IsSignedIn && staff.IsAgencyStaff;

    public bool IsSupervisor => staff.IsSignedIn && staff.IsInRole(Roles.Supervisor);

    /// <summary>
    /// The agencies whose cases this user may read: its own (agency staff) and its region subtree (supervisors; the
    /// subtree holds the supervisor's own agency), as a condition for the database, never a list of ids.
    /// </summary>
    public async Task<CaseScope> VisibleScopeAsync(CancellationToken cancellationToken = default) =>
        _visible ??= IsSupervisor ? await SupervisedScopeAsync(cancellationToken)
            : IsAgencyStaff ? CaseScope.Agency(staff.AgencyId)
            : CaseScope.Nothing;

    /// <summary>
    /// The supervisor's region subtree as a scope: a subquery on the region tree, or no condition at all when the
    /// supervisor's region is the only top of the tree (every agency is under it: a province's supervisor).
    /// </summary>
    public async Task<CaseScope> SupervisedScopeAsync(CancellationToken cancellationToken = default)
    {
        if (_supervised is not null)
        {
            return _supervised;
        }

        var root = await db.Agencies.Where(a => a.Id == staff.AgencyId).Select(a => new { a.Region!.Path, a.Region.ParentId }).SingleOrDefaultAsync(cancellationToken);
        _supervised = root is null ? CaseScope.Nothing
            : root.ParentId is null && !await db.Regions.AnyAsync(r => r.ParentId == null && r.Path != root.Path, cancellationToken) ? CaseScope.Everything
            : CaseScope.Subtree(root.Path);
        return _supervised;
    }

    /// <summary>The agencies of the supervisor's region subtree (its own region and every region below), in display order.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> SupervisedAgenciesAsync(CancellationToken cancellationToken = default)
    {
        var path = await db.Agencies.Where(a => a.Id == staff.AgencyId).Select(a => a.Region!.Path).SingleOrDefaultAsync(cancellationToken);
        if (path is null)
        {
            return [];
        }

        var agencies = await db.Agencies
            .Where(a => a.Region!.Path.StartsWith(path))
            .OrderBy(a => a.SortOrder).ThenBy(a => a.Name)
            .Select(a => new { a.Id, a.Name })
            .ToListAsync(cancellationToken);
        return [.. agencies.Select(a => (a.Id, a.Name))];
    }

    /// <summary>The applicant's identity number, phone, address and e-mail: only for the handling agency's own staff.</summary>
    public bool SeesPersonalData(Guid agencyId) => IsAgencyStaff && agencyId == staff.AgencyId;

    /// <summary>Handlers and reviewers of the handling agency act on its cases.</summary>
    public bool CanAct(Guid agencyId) =>
        staff.IsSignedIn && agencyId == staff.AgencyId && staff.CanHandleCases;

    /// <summary>Only the reviewer (the head of the disclosure office) approves an extension (条例第三十三条).</summary>
    public bool CanApproveExtension(Guid agencyId) => staff.IsSignedIn && agencyId == staff.AgencyId && staff.IsInRole(Roles.Reviewer);
}

using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Applications;

/// <summary>
/// What the pages around one application (letters, attachments, reviews) show about it: no personal data beyond the
/// applicant's name. <see cref="FindAsync"/> is also the access check of those pages: agency staff see their own
/// agency's applications; anything else is "not found".
/// </summary>
public sealed record CaseHeader(
    Guid Id, Guid AgencyId, string Number, string ApplicantName, string Description, CaseState State, Outcome? Outcome, DateOnly ReceivedOn, DateOnly? DueOn)
{
    public string StateLabel => CaseStates.Label(State);

    /// <summary>The application if the signed-in staff member's agency handles it; otherwise null (answer 404).</summary>
    public static async Task<CaseHeader?> FindAsync(GongkaiDbContext db, Staff staff, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(staff);
        if (!staff.IsAgencyStaff)
        {
            return null;
        }

        return await db.Applications.AsNoTracking()
            .Where(a => a.Id == id && a.AgencyId == staff.AgencyId)
            .Select(a => new CaseHeader(a.Id, a.AgencyId, a.Number, a.ApplicantName, a.Description, a.State, a.Outcome, a.ReceivedOn, a.DueOn))
            .SingleOrDefaultAsync(cancellationToken);
    }
}

using Gongkai.Data;
using Gongkai.Data.Audit;

namespace Gongkai.Web.Infrastructure;

/// <summary>
/// Writes audit entries into the request's DbContext: they are saved by the same SaveChanges as the change they
/// record, so a state change and its audit line are committed together or not at all.
/// </summary>
public sealed class AuditLog(GongkaiDbContext db, Staff staff, TimeProvider clock, IHttpContextAccessor http)
{
    /// <summary>The summary column's length: PostgreSQL enforces it (SQLite does not), so the log cuts, not each caller.</summary>
    private const int SummaryLength = 1000;

    public void Record(string action, string entityType, string? entityId, string summary, Guid? agencyId = null)
    {
        db.AuditLog.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = staff.IsSignedIn ? staff.UserId : null,
            UserName = staff.IsSignedIn ? staff.UserName : "（公众）",
            AgencyId = agencyId ?? (staff.IsSignedIn ? staff.AgencyId : null),
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Summary = summary.Length > SummaryLength ? summary[..(SummaryLength - 1)] + "…" : summary,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
    }
}

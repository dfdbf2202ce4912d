using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Audit;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Audit;

/// <summary>The audit log's filters, kept in the URL. Dates are China dates, both ends included.</summary>
public sealed class AuditFilter
{
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    /// <summary>The user name (exact; "（公众）" for anonymous submissions).</summary>
    public string? User { get; set; }

    public string? Action { get; set; }

    public string? Entity { get; set; }

    /// <summary>One entity's id (e.g. an application's), to read its whole trail.</summary>
    public string? EntityId { get; set; }

    public int? Page { get; set; }

    public string QueryString(int page) => Microsoft.AspNetCore.Http.QueryString.Create(new Dictionary<string, string?>
    {
        ["from"] = From is { } from ? DateText.Iso(from) : null,
        ["to"] = To is { } to ? DateText.Iso(to) : null,
        ["user"] = User,
        ["action"] = Action,
        ["entity"] = Entity,
        ["entityId"] = EntityId,
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();
}

/// <summary>The audit log for administrators: every state change and every view of personal data, newest first.</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class AuditLogModel(GongkaiDbContext db, Supervision.RegionScope scope) : PageModel
{
    public const int PageSize = 50;

    public AuditFilter Filter { get; private set; } = new();

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public IReadOnlyList<string> Actions { get; private set; } = [];

    public IReadOnlyList<string> EntityTypes { get; private set; } = [];

    public IReadOnlyList<string> UserNames { get; private set; } = [];

    public int Total { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public async Task<IActionResult> OnGetAsync([FromQuery] AuditFilter filter, CancellationToken cancellationToken)
    {
        Filter = filter;

        // An administrator reads the log of the agencies of their region subtree; entries tied to no agency only
        // when they administer the whole platform.
        var agencyIds = (await scope.AgenciesAsync(cancellationToken)).Select(a => (Guid?)a.Id).ToList();
        var wholePlatform = await scope.CoversWholePlatformAsync(cancellationToken);
        var visible = db.AuditLog.AsNoTracking().Where(e => agencyIds.Contains(e.AgencyId) || (wholePlatform && e.AgencyId == null));
        var query = visible;
        if (filter.From is { } from)
        {
            var fromUtc = ToUtc(from);
            query = query.Where(e => e.AtUtc >= fromUtc);
        }

        if (filter.To is { } to && to < DateOnly.MaxValue)
        {
            var untilUtc = ToUtc(to.AddDays(1));
            query = query.Where(e => e.AtUtc < untilUtc);
        }

        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            query = query.Where(e => e.UserName == user);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Entity))
        {
            query = query.Where(e => e.EntityType == filter.Entity);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            var entityId = filter.EntityId.Trim();
            query = query.Where(e => e.EntityId == entityId);
        }

        Total = await query.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(filter.Page ?? 1, 1, PageCount);
        Entries = await query.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        Actions = await visible.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        EntityTypes = await visible.Select(e => e.EntityType).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        UserNames = await visible.Select(e => e.UserName).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>An entry's time as China time, for display.</summary>
    public static string ChinaTimeOf(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return DateText.Second(entry.AtUtc);
    }

    // The first day's midnight in China is still the day before in UTC: it is before every entry anyway.
    private static DateTime ToUtc(DateOnly chinaDate) => chinaDate == DateOnly.MinValue
        ? DateTime.MinValue
        : new DateTimeOffset(chinaDate.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).UtcDateTime;
}

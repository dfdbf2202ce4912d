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

/// <summary>What an entry is about, as the log shows it: a name, and where it can be opened while it still exists.</summary>
public sealed record AuditObject(string Text, string? Href);

/// <summary>
/// The audit log for administrators: every state change and every view of personal data, newest first. Entries show
/// people by display name, the agency by name, the action by its Chinese name (<see cref="AuditLabels"/>) and the object
/// by a name that links to it where it still exists; login names, codes and ids only in tooltips.
/// </summary>
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

    /// <summary>Display names by login name, for the entries shown and the user filter.</summary>
    public IReadOnlyDictionary<string, string> DisplayNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<Guid, string> AgencyNames { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>The object of each entry shown, by entry id; absent when the entry names none.</summary>
    public IReadOnlyDictionary<Guid, AuditObject> Objects { get; private set; } = new Dictionary<Guid, AuditObject>();

    /// <summary>A login name as the log shows it: the display name, or the name as recorded (（公众）, a removed account).</summary>
    public string UserLabel(string userName) => DisplayNames.GetValueOrDefault(userName, userName);

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public async Task<IActionResult> OnGetAsync([FromQuery] AuditFilter filter, CancellationToken cancellationToken)
    {
        Filter = filter;

        // An administrator reads the log of the agencies of their region subtree; entries tied to no agency only
        // when they administer the whole platform. The log grows with every action, so the subtree is a condition on
        // the region tree (no condition at all for the whole platform), never its ids as parameters (ADR 0014).
        var wholePlatform = await scope.CoversWholePlatformAsync(cancellationToken);
        var root = await scope.RootAsync(cancellationToken);
        var subtree = root is null ? null : Applications.CaseScope.AgencyIdsUnder(db, root.Path).Select(id => (Guid?)id);
        var visible = wholePlatform ? db.AuditLog.AsNoTracking()
            : subtree is null ? db.AuditLog.AsNoTracking().Where(e => false)
            : db.AuditLog.AsNoTracking().Where(e => subtree.Contains(e.AgencyId));
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
        await NameAsync(cancellationToken);
        return Page();
    }

    private async Task NameAsync(CancellationToken cancellationToken)
    {
        var names = UserNames.ToList();
        DisplayNames = await db.Users.AsNoTracking().Where(u => u.UserName != null && names.Contains(u.UserName))
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, cancellationToken);
        List<Guid> Ids(string type) => [.. Entries.Where(e => e.EntityType == type && Guid.TryParse(e.EntityId, out _)).Select(e => Guid.Parse(e.EntityId!)).Distinct()];

        var agencyIds = Entries.Where(e => e.AgencyId is not null).Select(e => e.AgencyId!.Value).Concat(Ids("Agency")).Distinct().ToList();
        var applicationIds = Ids("Application");
        var userIds = Ids("User");
        var reportIds = Ids("AnnualReport");
        var itemIds = Ids("CatalogItem");
        var attachmentIds = Ids("Attachment");
        AgencyNames = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var applications = await db.Applications.AsNoTracking().Where(a => applicationIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Number, cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var reports = await db.AnnualReports.AsNoTracking().Where(r => reportIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => new { r.AgencyId, r.Year, r.Version }, cancellationToken);
        var items = await db.CatalogItems.AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Title, cancellationToken);
        var attachments = await db.Attachments.AsNoTracking().Where(a => attachmentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.FileName, cancellationToken);

        var objects = new Dictionary<Guid, AuditObject>();
        foreach (var entry in Entries)
        {
            if (entry.EntityId is not { Length: > 0 } entityId)
            {
                continue;
            }

            var id = Guid.TryParse(entityId, out var parsed) ? parsed : (Guid?)null;
            AuditObject? found = (entry.EntityType, id) switch
            {
                ("Application", { } a) when applications.TryGetValue(a, out var number) => new($"申请 {number}", $"/applications/{a}"),
                ("Agency", { } a) when AgencyNames.TryGetValue(a, out var name) => new(name, $"/admin/agencies/{a}"),
                ("User", { } u) when users.TryGetValue(u, out var name) => new(name, $"/admin/users/{u}"),
                ("CatalogItem", { } i) when items.TryGetValue(i, out var title) => new(title, $"/catalog-admin/{i}"),
                ("Attachment", { } a) when attachments.TryGetValue(a, out var fileName) => new(fileName, null),
                ("AnnualReport", { } r) when reports.TryGetValue(r, out var report) => new(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{AgencyNames.GetValueOrDefault(report.AgencyId, "")}{report.Year}年度报告第{report.Version}版"), null),
                ("Calendar", _) => new(entityId.Replace(",", "、", StringComparison.Ordinal), "/admin/calendar?year=" + entityId[..Math.Min(4, entityId.Length)]),
                (_, { }) => new("（已不存在或无法显示）", null),
                _ => new(entityId, null),
            };
            objects[entry.Id] = found;
        }

        Objects = objects;
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

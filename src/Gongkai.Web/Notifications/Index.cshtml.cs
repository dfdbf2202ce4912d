using Gongkai.Data;
using Gongkai.Data.Notifications;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Notifications;

/// <summary>One in-app notification as the list shows it.</summary>
public sealed record InAppRow(Guid Id, string Event, string Subject, string Body, string? Url, DateTime CreatedAtUtc, bool Read);

/// <summary>A staff member's in-app notifications, newest first, unread marked; marking one or all read.</summary>
[Authorize]
public sealed class IndexModel(GongkaiDbContext db, Staff staff, TimeProvider clock) : PageModel
{
    public const int PageSize = 30;

    public IReadOnlyList<InAppRow> Rows { get; private set; } = [];

    public int Unread { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public string PageUrl(int page) => "/notifications?page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        var mine = InApp.For(db, staff.UserId);
        var total = await mine.CountAsync(cancellationToken);
        Unread = await InApp.UnreadAsync(db, staff.UserId, cancellationToken);
        PageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(page ?? 1, 1, PageCount);
        Rows = await mine.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(n => new InAppRow(n.Id, n.Event, n.Subject, n.Body, n.Url, n.CreatedAtUtc, n.ReadAtUtc != null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>标为已读 of one notification (only the reader's own); back to the list, or on to what it is about when <paramref name="open"/>.</summary>
    public async Task<IActionResult> OnPostReadAsync([FromForm] Guid id, [FromForm] bool open, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await InApp.For(db, staff.UserId).Where(n => n.Id == id && n.ReadAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAtUtc, now), cancellationToken);
        var url = open ? await InApp.For(db, staff.UserId).Where(n => n.Id == id).Select(n => n.Url).SingleOrDefaultAsync(cancellationToken) : null;
        return LocalRedirect(LocalUrl.OrDefault(url, "/notifications"));
    }

    /// <summary>全部标为已读.</summary>
    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await InApp.For(db, staff.UserId).Where(n => n.ReadAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAtUtc, now), cancellationToken);
        return LocalRedirect("/notifications");
    }
}

/// <summary>A staff member's in-app notifications: the list, the navigation's unread count.</summary>
public static class InApp
{
    public static IQueryable<Notification> For(GongkaiDbContext db, Guid userId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Notifications.Where(n => n.UserId == userId && n.Channel == NotificationChannel.InApp);
    }

    /// <summary>What the navigation shows next to 通知 (one COUNT along the (UserId, ReadAtUtc) index).</summary>
    public static Task<int> UnreadAsync(GongkaiDbContext db, Guid userId, CancellationToken cancellationToken = default) =>
        For(db, userId).Where(n => n.ReadAtUtc == null).CountAsync(cancellationToken);
}

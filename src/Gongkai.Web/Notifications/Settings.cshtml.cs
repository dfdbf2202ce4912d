using System.Text.RegularExpressions;
using Gongkai.Data;
using Gongkai.Data.Notifications;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Notifications;

/// <summary>
/// A staff member's own notification settings: which events, on which channels (in the platform, and by choice by
/// e-mail or SMS to the address and mobile number given here). A bad form is shown again as typed, with the reasons.
/// </summary>
[Authorize]
public sealed partial class SettingsModel(GongkaiDbContext db, Staff staff, AuditLog audit) : PageModel
{
    /// <summary>The events a staff member can be told of (the applicant's are the applicant's).</summary>
    public static IReadOnlyList<NotificationEvent> StaffEvents { get; } = [.. NotificationEvents.All.Where(e => !e.ForApplicant)];

    /// <summary>"{event}:{channel}" of every box ticked.</summary>
    [BindProperty]
    public List<string> Chosen { get; set; } = [];

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public bool Saved { get; private set; }

    public static string Box(NotificationEvent notificationEvent, NotificationChannel channel)
    {
        ArgumentNullException.ThrowIfNull(notificationEvent);
        return notificationEvent.Key + ":" + channel;
    }

    public async Task OnGetAsync([FromQuery] bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == staff.UserId).Select(u => new { u.Email, u.PhoneNumber }).SingleAsync(cancellationToken);
        Email = user.Email;
        Phone = user.PhoneNumber;
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == staff.UserId).ToDictionaryAsync(p => p.Event, p => p.Channels, cancellationToken);
        Chosen = [.. StaffEvents.SelectMany(e => e.Channels
            .Where(c => (chosen.TryGetValue(e.Key, out var channels) ? channels : NotificationChannels.InApp).HasFlag((NotificationChannels)(1 << (int)c)))
            .Select(c => Box(e, c)))];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        var phone = string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim();
        if (email is not null && (email.Length > 200 || !EmailPattern().IsMatch(email)))
        {
            Errors[nameof(Email)] = "电子邮箱格式不正确。";
        }

        if (phone is not null && !MobilePattern().IsMatch(phone))
        {
            Errors[nameof(Phone)] = "请填写11位手机号码：短信只能发到手机。";
        }

        var choices = StaffEvents.ToDictionary(e => e.Key, e => e.Channels.Where(c => Chosen.Contains(Box(e, c))).Aggregate(NotificationChannels.None, (all, c) => all | (NotificationChannels)(1 << (int)c)));
        if (email is null && choices.Values.Any(c => c.HasFlag(NotificationChannels.Email)))
        {
            Errors.TryAdd(nameof(Email), "选择了电子邮件通知，请填写电子邮箱。");
        }

        if (phone is null && choices.Values.Any(c => c.HasFlag(NotificationChannels.Sms)))
        {
            Errors.TryAdd(nameof(Phone), "选择了短信通知，请填写手机号码。");
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var user = await db.Users.SingleAsync(u => u.Id == staff.UserId, cancellationToken);
        user.Email = email;
        user.NormalizedEmail = email?.ToUpperInvariant();
        user.PhoneNumber = phone;
        var rows = await db.NotificationPreferences.Where(p => p.UserId == staff.UserId).ToListAsync(cancellationToken);
        db.NotificationPreferences.RemoveRange(rows);
        db.NotificationPreferences.AddRange(choices.Where(c => c.Value != NotificationChannels.InApp)
            .Select(c => new NotificationPreference { UserId = staff.UserId, Event = c.Key, Channels = c.Value }));
        audit.Record("notification.settings", "User", staff.UserId.ToString(),
            "修改通知设置：" + string.Join("；", StaffEvents.Select(e => e.Name + "（" + Describe(choices[e.Key]) + "）")));
        await db.SaveChangesAsync(cancellationToken);
        return LocalRedirect("/notifications/settings?saved=true");
    }

    private static string Describe(NotificationChannels channels) => channels == NotificationChannels.None
        ? "不接收"
        : string.Join("、", Enum.GetValues<NotificationChannel>().Where(c => channels.HasFlag((NotificationChannels)(1 << (int)c))).Select(c => c.Label()));

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^1\d{10}$")]
    private static partial Regex MobilePattern();
}

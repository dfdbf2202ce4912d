using System.Globalization;
using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Applications;
using Gongkai.Data.Notifications;
using Gongkai.Web.Applications.Actions;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Letters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Notifications;

/// <summary>Configuration section <c>Notifications</c>.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Handlers are reminded when a case's due date is at most this many working days away (the case engine's calendar).</summary>
    public int RemindWorkingDays { get; set; } = 3;

    /// <summary>How many reminders one round of the reminder job makes at most per kind (the next round makes the rest).</summary>
    public int RemindBatch { get; set; } = 200;

    /// <summary>How often the reminder job looks for cases due soon or overdue.</summary>
    public TimeSpan RemindEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Start of the quiet hours (China time) in which e-mail and SMS wait; empty for none.</summary>
    public string? QuietFrom { get; set; } = "21:00";

    /// <summary>End of the quiet hours (China time).</summary>
    public string? QuietUntil { get; set; } = "08:00";

    /// <summary>
    /// The first moment at or after <paramref name="utc"/> outside the quiet hours: e-mail and SMS written at 23:00
    /// are sent at 08:00. Quiet hours may span midnight (21:00–08:00) or not (12:00–14:00).
    /// </summary>
    public DateTime NotBefore(DateTime utc)
    {
        if (!TimeOnly.TryParse(QuietFrom, CultureInfo.InvariantCulture, out var from) || !TimeOnly.TryParse(QuietUntil, CultureInfo.InvariantCulture, out var until) || from == until)
        {
            return utc;
        }

        var china = DateText.InChina(utc);
        var time = TimeOnly.FromDateTime(china.DateTime);
        var quiet = from < until ? time >= from && time < until : time >= from || time < until;
        if (!quiet)
        {
            return utc;
        }

        var day = DateOnly.FromDateTime(china.DateTime);
        var end = new DateTimeOffset(day.ToDateTime(until), ChinaTime.Offset);
        return (end <= china ? end.AddDays(1) : end).UtcDateTime;
    }
}

/// <summary>
/// Turns a platform event into notifications, in one place: who is told (<see cref="NotificationRecipients"/>), on
/// which channels (a staff member's preferences, the applicant's consent), with which words (the administrators'
/// template or the default) and when (quiet hours for e-mail and SMS). Like <see cref="AuditLog"/> it only adds rows
/// to the request's DbContext: they are committed by the SaveChanges of the change they tell of, or not at all, and
/// the outbox sender delivers them afterwards, so a failed delivery loses no event.
/// </summary>
public sealed class Notifier(GongkaiDbContext db, TimeProvider clock, Staff staff, CaseRulesProvider rulesProvider, IOptions<NotificationOptions> options)
{
    /// <summary>
    /// Received an application: the agency's handlers are told of one submitted online (staff registered the others
    /// themselves), and the applicant who agreed gets the receipt.
    /// </summary>
    public async Task ApplicationReceivedAsync(ApplicationRecord application, bool online, CancellationToken cancellationToken = default)
    {
        if (online)
        {
            await AddAsync(NotificationEvents.ApplicationReceived, application, cancellationToken: cancellationToken);
        }

        await AddAsync(NotificationEvents.ApplicantReceipt, application, cancellationToken: cancellationToken);
    }

    /// <summary>A desk action was taken on a case (<paramref name="summary"/> is its history line): those it concerns are told.</summary>
    public async Task CaseActionAsync(CaseAction action, ApplicationRecord application, string summary, CancellationToken cancellationToken = default)
    {
        switch (action)
        {
            case RequestCorrection:
                var correction = application.ToCase(await rulesProvider.GetAsync(cancellationToken)).Correction;
                await AddAsync(NotificationEvents.ApplicantCorrection, application, new Dictionary<string, string>
                {
                    ["补正期限"] = correction is null ? "" : DateText.Chinese(correction.CorrectBy),
                    ["补正事项"] = correction?.Items ?? "",
                }, cancellationToken);
                break;
            case ReceiveCorrection:
                await AddAsync(NotificationEvents.CorrectionReceived, application, cancellationToken: cancellationToken);
                break;
            case RequestExtension:
                await AddAsync(NotificationEvents.ExtensionRequested, application, new Dictionary<string, string> { ["理由"] = application.ExtensionRequestReason ?? "" }, cancellationToken);
                break;
            case RejectExtension:
                await AddAsync(NotificationEvents.ExtensionRejected, application, new Dictionary<string, string> { ["理由"] = summary }, cancellationToken);
                break;
            default:
                break;
        }
    }

    /// <summary>A letter moved in its sign-off: submitted (the reviewers), returned (the handler), issued as a reply (the applicant who agreed).</summary>
    public async Task LetterAsync(NotificationEvent notificationEvent, LetterRecord letter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var application = await db.Applications.SingleAsync(a => a.Id == letter.ApplicationId, cancellationToken);
        await AddAsync(notificationEvent, application, new Dictionary<string, string>
        {
            ["文书"] = letter.Title,
            ["理由"] = letter.ReturnReason ?? "",
        }, cancellationToken);
    }

    /// <summary>
    /// Adds the notifications of <paramref name="notificationEvent"/> about <paramref name="application"/>.
    /// <paramref name="values"/> adds or overrides placeholders (文书, 理由…) beyond those of the case.
    /// </summary>
    public async Task AddAsync(
        NotificationEvent notificationEvent, ApplicationRecord application, IReadOnlyDictionary<string, string>? values = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notificationEvent);
        ArgumentNullException.ThrowIfNull(application);
        var fields = await FieldsAsync(application, cancellationToken);
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            fields[name] = value;
        }

        var templates = await db.NotificationTemplates.AsNoTracking().Where(t => t.Event == notificationEvent.Key).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (channel, userId, address) in await RecipientsAsync(notificationEvent, application, cancellationToken))
        {
            var template = templates.FirstOrDefault(t => t.Channel == channel);
            var subject = LetterFields.Fill(template?.Subject ?? notificationEvent.Subject, fields).Text;
            var body = LetterFields.Fill(template?.Body ?? notificationEvent.Body, fields).Text;
            db.Notifications.Add(new Notification
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                Event = notificationEvent.Key,
                Channel = channel,
                UserId = userId,
                Address = address,
                Subject = Clip(subject, 200),
                Body = Clip(body, 4000),
                Url = notificationEvent.ForApplicant ? null : "/applications/" + application.Id,
                AgencyId = application.AgencyId,
                CreatedAtUtc = now,
                NotBeforeUtc = channel == NotificationChannel.InApp ? now : options.Value.NotBefore(now),
            });
        }
    }

    /// <summary>The placeholders every event of a case can use (see <see cref="NotificationEvents.Placeholders"/>).</summary>
    private async Task<Dictionary<string, string>> FieldsAsync(ApplicationRecord application, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == application.AgencyId).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["申请编号"] = application.Number,
            ["申请人"] = application.ApplicantName,
            ["机关"] = agency,
            ["答复期限"] = application.DueOn is { } due ? DateText.Chinese(due) + ProvisionalDate.Mark(application.DueIsProvisional) : "（暂停计算）",
            ["申请内容"] = LetterFields.Summary(application.Description),
            ["查询码"] = application.ReceiptCode,
            ["经办人"] = staff.IsSignedIn ? staff.DisplayName : "",
            ["理由"] = "",
            ["文书"] = "",
            ["剩余工作日"] = "",
            ["原答复期限"] = "",
            ["补正期限"] = "",
            ["补正事项"] = "",
        };
    }

    private async Task<IReadOnlyList<(NotificationChannel Channel, Guid? UserId, string? Address)>> RecipientsAsync(
        NotificationEvent notificationEvent, ApplicationRecord application, CancellationToken cancellationToken)
    {
        if (notificationEvent.ForApplicant)
        {
            var consent = application.Notify ?? ApplicantNotice.None;
            var to = new List<(NotificationChannel, Guid?, string?)>();
            if (consent.HasFlag(ApplicantNotice.Email) && !string.IsNullOrWhiteSpace(application.Email))
            {
                to.Add((NotificationChannel.Email, null, application.Email));
            }

            if (consent.HasFlag(ApplicantNotice.Sms) && !string.IsNullOrWhiteSpace(application.Phone))
            {
                to.Add((NotificationChannel.Sms, null, application.Phone));
            }

            return to;
        }

        var members = await StaffAsync(notificationEvent.Recipients, application, cancellationToken);
        var ids = members.Select(m => m.Id).ToList();
        var chosen = await db.NotificationPreferences.AsNoTracking()
            .Where(p => p.Event == notificationEvent.Key && ids.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, p => p.Channels, cancellationToken);
        var recipients = new List<(NotificationChannel, Guid?, string?)>();
        foreach (var member in members)
        {
            var channels = chosen.TryGetValue(member.Id, out var c) ? c : NotificationChannels.InApp;
            if (channels.HasFlag(NotificationChannels.InApp))
            {
                recipients.Add((NotificationChannel.InApp, member.Id, null));
            }

            if (channels.HasFlag(NotificationChannels.Email) && !string.IsNullOrWhiteSpace(member.Email))
            {
                recipients.Add((NotificationChannel.Email, member.Id, member.Email));
            }

            if (channels.HasFlag(NotificationChannels.Sms) && !string.IsNullOrWhiteSpace(member.Phone))
            {
                recipients.Add((NotificationChannel.Sms, member.Id, member.Phone));
            }
        }

        return recipients;
    }

    /// <summary>The staff members an event is for, without the one whose action it is.</summary>
    private async Task<List<(Guid Id, string? Email, string? Phone)>> StaffAsync(
        NotificationRecipients recipients, ApplicationRecord application, CancellationToken cancellationToken)
    {
        var role = recipients == NotificationRecipients.AgencyReviewers ? Roles.Reviewer : Roles.Handler;
        var users = db.Users.Where(u => u.AgencyId == application.AgencyId);
        if (recipients == NotificationRecipients.CaseHandler && application.HandlerId is { } handler)
        {
            users = users.Where(u => u.Id == handler);
        }
        else
        {
            var roleIds = db.Roles.Where(r => r.Name == role).Select(r => r.Id);
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)));
        }

        var actor = staff.IsSignedIn ? staff.UserId : Guid.Empty;
        var found = await users.Where(u => u.Id != actor)
            .OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.Email, u.PhoneNumber })
            .ToListAsync(cancellationToken);
        return [.. found.Select(u => (u.Id, u.Email, u.PhoneNumber))];
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}

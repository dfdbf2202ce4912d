using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Notifications;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Letters;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Notifications;

/// <summary>A template's place in the list: which event and channel, and whether administrators changed the default.</summary>
public sealed record TemplateRow(NotificationEvent Event, NotificationChannel Channel, bool Changed, string Subject);

/// <summary>
/// The notifications' wording for administrators: every event on every channel it uses, the default or the platform's
/// own text, editable with a preview filled from a sample case. A placeholder the platform does not know is refused
/// with the list of those it knows, and the form keeps what was typed.
/// </summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class TemplatesModel(GongkaiDbContext db, Staff staff, AuditLog audit, TimeProvider clock) : PageModel
{
    /// <summary>What the preview fills the placeholders with: a sample case, not a real applicant.</summary>
    public static IReadOnlyDictionary<string, string> Sample { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["申请编号"] = "2024-0001",
        ["申请人"] = "张三",
        ["机关"] = "示范县教育局",
        ["答复期限"] = "2024年7月15日",
        ["剩余工作日"] = "3",
        ["原答复期限"] = "2025年1月2日",
        ["申请内容"] = "示范县2023年度义务教育阶段学校名单",
        ["查询码"] = "ABCD234567",
        ["文书"] = "示范县教育局政府信息公开申请答复书",
        ["经办人"] = "张明（经办人）",
        ["理由"] = "请写明公开信息的获取方式。",
        ["补正期限"] = "2024年7月1日",
        ["补正事项"] = "请写明学校所在乡镇。",
    };

    public IReadOnlyList<TemplateRow> Rows { get; private set; } = [];

    /// <summary>The template being edited, or null on the list.</summary>
    public NotificationEvent? Editing { get; private set; }

    [BindProperty(SupportsGet = true, Name = "event")]
    public string? EventKey { get; set; }

    [BindProperty(SupportsGet = true)]
    public NotificationChannel? Channel { get; set; }

    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public (string Subject, string Body)? Preview { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] string? saved, CancellationToken cancellationToken)
    {
        Message = saved switch
        {
            "saved" => "已保存模板。",
            "reset" => "已恢复默认文本。",
            _ => null,
        };
        if (!Select())
        {
            await ListAsync(cancellationToken);
            return Page();
        }

        var stored = await db.NotificationTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Event == Editing!.Key && t.Channel == Channel, cancellationToken);
        Subject = stored?.Subject ?? Editing!.Subject;
        Body = stored?.Body ?? Editing!.Body;
        return Page();
    }

    public IActionResult OnPostPreview()
    {
        if (!Select())
        {
            return NotFound();
        }

        if (Check())
        {
            Preview = (LetterFields.Fill(Subject!, Sample).Text, LetterFields.Fill(Body!, Sample).Text);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!Select())
        {
            return NotFound();
        }

        if (!Check())
        {
            return Page();
        }

        var stored = await db.NotificationTemplates.SingleOrDefaultAsync(t => t.Event == Editing!.Key && t.Channel == Channel, cancellationToken);
        if (stored is null)
        {
            stored = new NotificationTemplate { Event = Editing!.Key, Channel = Channel!.Value, Subject = "", Body = "" };
            db.NotificationTemplates.Add(stored);
        }

        stored.Subject = Subject!.Trim();
        stored.Body = Body!.Trim();
        stored.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        stored.UpdatedByName = staff.DisplayName;
        audit.Record("notification-template.saved", "NotificationTemplate", Editing!.Key + ":" + Channel, $"修改通知模板：{Editing.Name}（{Channel!.Value.Label()}）");
        await db.SaveChangesAsync(cancellationToken);
        return LocalRedirect(EditUrl(Editing, Channel.Value) + "&saved=saved");
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken)
    {
        if (!Select())
        {
            return NotFound();
        }

        await db.NotificationTemplates.Where(t => t.Event == Editing!.Key && t.Channel == Channel).ExecuteDeleteAsync(cancellationToken);
        audit.Record("notification-template.reset", "NotificationTemplate", Editing!.Key + ":" + Channel, $"恢复默认通知模板：{Editing.Name}（{Channel!.Value.Label()}）");
        await db.SaveChangesAsync(cancellationToken);
        return LocalRedirect(EditUrl(Editing, Channel.Value) + "&saved=reset");
    }

    public static string EditUrl(NotificationEvent notificationEvent, NotificationChannel channel)
    {
        ArgumentNullException.ThrowIfNull(notificationEvent);
        return "/admin/notification-templates?event=" + Uri.EscapeDataString(notificationEvent.Key) + "&channel=" + channel;
    }

    /// <summary>The event and channel asked for, if it is one the event uses.</summary>
    private bool Select()
    {
        Editing = NotificationEvents.Find(EventKey);
        return Editing is not null && Channel is { } channel && Editing.Channels.Contains(channel);
    }

    /// <summary>Both parts written, within their lengths, with no placeholder the platform does not know.</summary>
    private bool Check()
    {
        var known = NotificationEvents.Placeholders.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        void Part(string field, string? text, int length, string name)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                Errors[field] = $"请填写{name}。";
            }
            else if (text.Trim().Length > length)
            {
                Errors[field] = $"{name}不能超过{length}个字。";
            }
            else if (LetterFields.Placeholders(text).Where(p => !known.Contains(p)).ToList() is { Count: > 0 } unknown)
            {
                Errors[field] = $"{name}中有不认识的占位符：{string.Join("、", unknown.Select(p => "{" + p + "}"))}。可用的占位符见下表。";
            }
        }

        Part(nameof(Subject), Subject, 200, "标题");
        Part(nameof(Body), Body, Channel == NotificationChannel.Sms ? 500 : 4000, "正文");
        return Errors.Count == 0;
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var stored = await db.NotificationTemplates.AsNoTracking().ToListAsync(cancellationToken);
        Rows = [.. NotificationEvents.All.SelectMany(e => e.Channels.Select(c =>
        {
            var own = stored.FirstOrDefault(t => t.Event == e.Key && t.Channel == c);
            return new TemplateRow(e, c, own is not null, own?.Subject ?? e.Subject);
        }))];
    }
}

using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Data.Interaction;
using Gongkai.Interaction;
using Gongkai.Web.Applications;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Letters;
using Gongkai.Web.Portal;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Interaction;

/// <summary>A message as the citizen writes it on the portal.</summary>
public sealed class MessageInput
{
    public Guid? AgencyId { get; set; }

    public MessageCategory Category { get; set; } = MessageCategory.Inquiry;

    public string? Title { get; set; }

    public string? Content { get; set; }

    public string? Name { get; set; }

    public string? Phone { get; set; }

    public bool MayPublish { get; set; }
}

/// <summary>
/// The state changes of 留言, each checked and audited in the same save, with a line in the message's history:
/// receiving, drafting the reply, the sign-off (<see cref="SignOff"/>, the letters' rules), issuing (the reply the
/// citizen reads), publishing question and answer masked, transferring to another agency, and the citizen's rating.
/// Callers load the message of the signed-in staff member's agency (or, for the citizen, by code and phone).
/// </summary>
public sealed class MessageDesk(GongkaiDbContext db, CaseRulesProvider rules, RatingBook ratings, AuditLog audit, Staff staff, TimeProvider clock)
{
    private const string Noun = "答复";

    /// <summary>The reply period of an agency's messages: its region's, else the nearest ancestor's, else the default.</summary>
    public async Task<int> ReplyWorkingDaysAsync(Guid agencyId, CancellationToken cancellationToken)
    {
        var path = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.Region!.Path).SingleAsync(cancellationToken);
        var ids = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();
        var configured = await db.MessageReplyPeriods.AsNoTracking().Where(p => ids.Contains(p.RegionId)).ToListAsync(cancellationToken);
        return configured.OrderByDescending(p => ids.IndexOf(p.RegionId)).Select(p => p.WorkingDays).FirstOrDefault(MessageDeadlines.DefaultWorkingDays);
    }

    /// <summary>Receives a citizen's message; errors by field name, or the message with its receipt code.</summary>
    public async Task<(Message? Message, Dictionary<string, string> Errors)> SubmitAsync(MessageInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var title = input.Title?.Trim();
        var content = input.Content?.Trim();
        var phone = input.Phone?.Trim();
        var agency = input.AgencyId is { } id
            ? await db.Agencies.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Id, a.Name }).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (agency is null)
        {
            errors[nameof(input.AgencyId)] = "请选择留言的机关。";
        }

        if (!Enum.IsDefined(input.Category))
        {
            errors[nameof(input.Category)] = "请选择留言类别。";
        }

        if (string.IsNullOrEmpty(title) || title.Length > MessageRules.MaxTitleLength)
        {
            errors[nameof(input.Title)] = $"请填写标题（不超过 {MessageRules.MaxTitleLength} 字）。";
        }

        if (string.IsNullOrEmpty(content))
        {
            errors[nameof(input.Content)] = "请填写留言内容。";
        }
        else if (content.Length > MessageRules.MaxContentLength)
        {
            errors[nameof(input.Content)] = $"留言内容不超过 {MessageRules.MaxContentLength} 字（现有 {content.Length} 字）。";
        }

        if (input.Name is { Length: > 50 })
        {
            errors[nameof(input.Name)] = "姓名不超过 50 字。";
        }

        var digits = LookupKeys.PhoneDigits(phone);
        if (string.IsNullOrEmpty(phone) || digits.Length is < 7 or > 15 || phone.Length > 30)
        {
            errors[nameof(input.Phone)] = "请填写联系电话（凭查询码和联系电话查看答复）。";
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var calendar = (await rules.GetAsync(cancellationToken)).Calendar;
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var message = new Message
        {
            Id = Guid.CreateVersion7(now),
            AgencyId = agency!.Id,
            ReceiptCode = ApplicationIntake.NewReceiptCode(),
            Category = input.Category,
            Title = title!,
            Content = content!,
            Name = string.IsNullOrWhiteSpace(input.Name) ? null : input.Name.Trim(),
            Phone = phone!,
            MayPublish = input.MayPublish,
            SubmittedAtUtc = now.UtcDateTime,
            ReceivedOn = today,
            DueOn = MessageDeadlines.DueOn(calendar, today, await ReplyWorkingDaysAsync(agency.Id, cancellationToken)),
            UpdatedAtUtc = now.UtcDateTime,
        };
        db.Messages.Add(message);
        History(message, $"收到{InteractionText.Category(message.Category)}留言，答复期限 {DateText.Iso(message.DueOn)}", "留言人");
        audit.Record("message.received", "Message", message.Id.ToString(), $"收到留言“{message.Title}”（{agency.Name}）", agency.Id);
        await db.SaveChangesAsync(cancellationToken);
        return (message, errors);
    }

    /// <summary>Saves the reply's text as a draft (a new draft, or a returned one being fixed); the problem, or null.</summary>
    public async Task<string?> SaveReplyAsync(Message message, string? reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!staff.CanHandleCases)
        {
            return "只有经办人和审核人可以起草答复。";
        }

        if (message.ReplyStatus is { } status && !SignOff.CanEdit(status))
        {
            return "答复已经提交审批，不能修改。";
        }

        var text = reply?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MessageRules.MaxReplyLength)
        {
            return $"请填写答复内容（不超过 {MessageRules.MaxReplyLength} 字）。";
        }

        var first = message.ReplyStatus is null;
        message.Reply = text;
        message.ReplyStatus ??= LetterStatus.Draft;
        message.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        if (first)
        {
            History(message, "起草答复", staff.DisplayName, isPublic: false);
            audit.Record("message.reply.drafted", "Message", message.Id.ToString(), $"起草对留言“{message.Title}”的答复", message.AgencyId);
        }

        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>提交审批; the problem, or null.</summary>
    public Task<string?> SubmitReplyAsync(Message message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!staff.CanHandleCases)
        {
            return Task.FromResult<string?>("只有经办人和审核人可以提交答复。");
        }

        if (message.ReplyStatus is not { } status || string.IsNullOrWhiteSpace(message.Reply))
        {
            return Task.FromResult<string?>("请先起草答复。");
        }

        return !SignOff.CanSubmit(status)
            ? Task.FromResult<string?>(SignOff.AlreadySubmitted(Noun))
            : MoveAsync(message, LetterStatus.Submitted, m => m.SubmittedByName = staff.DisplayName,
                "提交答复审批", "message.reply.submitted", $"提交对留言“{message.Title}”的答复审批", cancellationToken);
    }

    /// <summary>审批同意 (审核人 only); the problem, or null.</summary>
    public Task<string?> ApproveAsync(Message message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return !staff.IsInRole(Data.Accounts.Roles.Reviewer) ? Task.FromResult<string?>("只有审核人可以审批答复。")
            : message.ReplyStatus is not { } status ? Task.FromResult<string?>("请先起草答复。")
            : !SignOff.CanApprove(status) ? Task.FromResult<string?>(SignOff.NotAwaitingApproval(status, Noun))
            : MoveAsync(message, LetterStatus.Approved, m => m.ApprovedByName = staff.DisplayName,
                "审批同意答复", "message.reply.approved", $"审批同意对留言“{message.Title}”的答复", cancellationToken);
    }

    /// <summary>退回修改 (审核人 only) with the reason the handler reads; the problem, or null.</summary>
    public Task<string?> ReturnAsync(Message message, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!staff.IsInRole(Data.Accounts.Roles.Reviewer))
        {
            return Task.FromResult<string?>("只有审核人可以退回答复。");
        }

        if (message.ReplyStatus is not { } status)
        {
            return Task.FromResult<string?>("请先起草答复。");
        }

        if (!SignOff.CanReturn(status))
        {
            return Task.FromResult<string?>(SignOff.NotAwaitingApproval(status, Noun));
        }

        if (SignOff.ReturnReasonProblem(reason, Noun) is { } problem)
        {
            return Task.FromResult<string?>(problem);
        }

        var why = reason!.Trim();
        return MoveAsync(message, LetterStatus.Returned, m =>
        {
            m.ReturnReason = why;
            m.ReturnedByName = staff.DisplayName;
        }, "退回答复：" + why, "message.reply.returned", $"退回对留言“{message.Title}”的答复：{why}", cancellationToken);
    }

    /// <summary>签发: the approved reply becomes the reply the citizen reads, dated today; the problem, or null.</summary>
    public Task<string?> IssueAsync(Message message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!staff.CanHandleCases)
        {
            return Task.FromResult<string?>("只有经办人和审核人可以签发答复。");
        }

        if (message.ReplyStatus is not { } status)
        {
            return Task.FromResult<string?>("请先起草答复。");
        }

        if (!SignOff.CanIssue(status))
        {
            return Task.FromResult<string?>(SignOff.NotIssuable(status, Noun));
        }

        var today = ChinaTime.Today(clock);
        var onTime = today <= message.DueOn ? "按时答复" : $"超过答复期限（{DateText.Iso(message.DueOn)}）答复";
        return MoveAsync(message, LetterStatus.Issued, m =>
        {
            m.RepliedByName = staff.DisplayName;
            m.RepliedAtUtc = clock.GetUtcNow().UtcDateTime;
            m.RepliedOn = today;
        }, "签发答复，" + onTime, "message.replied", $"答复留言“{message.Title}”，{onTime}", cancellationToken);
    }

    /// <summary>Puts question and answer on the portal (masked when shown) if the writer agreed; the problem, or null.</summary>
    public async Task<string?> PublishAsync(Message message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.ReplyStatus != LetterStatus.Issued)
        {
            return "答复签发后才能公开。";
        }

        if (!message.MayPublish)
        {
            return "留言人不同意公开，不能公开。";
        }

        if (message.PublishedAtUtc is not null)
        {
            return "该留言已经公开。";
        }

        message.PublishedAtUtc = clock.GetUtcNow().UtcDateTime;
        message.UpdatedAtUtc = message.PublishedAtUtc.Value;
        History(message, "在门户网站公开留言和答复（个人信息已隐去）", staff.DisplayName);
        audit.Record("message.published", "Message", message.Id.ToString(), $"公开留言“{message.Title}”及答复", message.AgencyId);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// 转办: before the reply is issued, the message moves to another agency on the platform, whose reply period starts
    /// today; a draft is dropped (the new agency writes its own). Both agencies stay in the history. The problem, or null.
    /// </summary>
    public async Task<(string? Problem, string? AgencyName)> TransferAsync(Message message, Guid? toAgency, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!staff.CanHandleCases)
        {
            return ("只有经办人和审核人可以转办留言。", null);
        }

        if (message.ReplyStatus is LetterStatus.Submitted or LetterStatus.Approved or LetterStatus.Issued)
        {
            return ("答复已经提交审批或签发，不能转办。", null);
        }

        var target = toAgency is { } id && id != message.AgencyId
            ? await db.Agencies.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Id, a.Name }).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (target is null)
        {
            return ("请选择转办的机关（本平台上的其他机关）。", null);
        }

        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why) || why.Length > 500)
        {
            return ("请填写转办理由（不超过 500 字）。", null);
        }

        var from = await db.Agencies.AsNoTracking().Where(a => a.Id == message.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        var calendar = (await rules.GetAsync(cancellationToken)).Calendar;
        var today = ChinaTime.Today(clock);
        History(message, $"转办至{target.Name}：{why}", staff.DisplayName);
        var fromAgency = message.AgencyId;
        message.AgencyId = target.Id;
        message.ReceivedOn = today;
        message.DueOn = MessageDeadlines.DueOn(calendar, today, await ReplyWorkingDaysAsync(target.Id, cancellationToken));
        message.Reply = null;
        message.ReplyStatus = null;
        message.ReturnReason = null;
        message.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        History(message, $"由{from}转来，答复期限 {DateText.Iso(message.DueOn)}", staff.DisplayName);
        audit.Record("message.transferred", "Message", message.Id.ToString(), $"将留言“{message.Title}”由{from}转办至{target.Name}：{why}", fromAgency);
        await db.SaveChangesAsync(cancellationToken);
        return (null, target.Name);
    }

    /// <summary>The citizen's 好差评 of an issued reply, once; the problem, or null.</summary>
    public async Task<string?> RateAsync(Message message, Satisfaction? level, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.ReplyStatus != LetterStatus.Issued)
        {
            return "留言答复后才能评价。";
        }

        if (await ratings.AddAsync(RatedSubject.Message, message.Id, message.AgencyId, level, reason, cancellationToken) is { } problem)
        {
            return problem;
        }

        History(message, "留言人评价：" + InteractionText.Satisfaction(level!.Value), "留言人");
        audit.Record("message.rated", "Message", message.Id.ToString(), $"留言人评价对“{message.Title}”的答复：{InteractionText.Satisfaction(level!.Value)}", message.AgencyId);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Moves the reply's status if nobody moved it meanwhile (two reviewers at once: the second is told).</summary>
    private async Task<string?> MoveAsync(Message message, LetterStatus to, Action<Message> change, string history, string action, string summary, CancellationToken cancellationToken)
    {
        var original = db.Entry(message).Property(m => m.ReplyStatus).OriginalValue;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Messages.Where(m => m.Id == message.Id && m.ReplyStatus == original)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.ReplyStatus, to).SetProperty(m => m.UpdatedAtUtc, now), cancellationToken) == 0)
        {
            return "该答复已被他人处理，请刷新后查看。";
        }

        message.ReplyStatus = to;
        message.UpdatedAtUtc = now;
        change(message);
        db.Entry(message).Property(m => m.ReplyStatus).OriginalValue = to;
        db.Entry(message).Property(m => m.UpdatedAtUtc).OriginalValue = now;
        History(message, history, staff.DisplayName, isPublic: to == LetterStatus.Issued);
        audit.Record(action, "Message", message.Id.ToString(), summary, message.AgencyId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    // Lines written in one request keep their order: each is a microsecond after the previous one.
    private int _lines;

    private void History(Message message, string text, string actor, bool isPublic = true) => db.MessageEvents.Add(new MessageEvent
    {
        Id = Guid.CreateVersion7(clock.GetUtcNow()),
        MessageId = message.Id,
        AtUtc = clock.GetUtcNow().UtcDateTime.AddTicks(10 * _lines++),
        AgencyId = message.AgencyId,
        Text = text.Length > 1000 ? text[..1000] : text,
        Actor = actor.Length > 100 ? actor[..100] : actor,
        IsPublic = isPublic,
    });
}

/// <summary>The words of a message's state, the same on the desk, 工作台 and the portal.</summary>
public static class MessageStates
{
    /// <summary>For staff: 待答复, then the reply's sign-off state (答复待审批 …), then 已答复.</summary>
    public static string Label(LetterStatus? reply) => reply switch
    {
        null => "待答复",
        LetterStatus.Issued => "已答复",
        { } status => "答复" + LetterStates.Label(status),
    };

    /// <summary>For the citizen: 办理中 until the reply is issued.</summary>
    public static string PublicLabel(LetterStatus? reply) => reply == LetterStatus.Issued ? "已答复" : "办理中";

    /// <summary>A message's question and answer as the portal shows them: identity and phone numbers masked.</summary>
    public static string Masked(string text) => PersonalDataMask.Text(text);
}

using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Applications;
using Gongkai.Fees;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Applications;

/// <summary>
/// What a lifecycle action carries, from a page form or the JSON API. Which fields an action reads is documented on
/// <see cref="CaseActionCatalog"/>; the others are ignored. Dates are China dates.
/// </summary>
public sealed class CaseActionRequest
{
    /// <summary>The case version the user saw; a different current version means someone else changed it meanwhile.</summary>
    public int? Version { get; set; }

    /// <summary>The day the event happened (default today; not in the future).</summary>
    public DateOnly? Date { get; set; }

    /// <summary>Correction: what the applicant must correct.</summary>
    public string? Items { get; set; }

    /// <summary>Correction: the period given to the applicant.</summary>
    public DateOnly? CorrectBy { get; set; }

    public ConsultationKind? ConsultationKind { get; set; }

    /// <summary>Consultation: the third party or agency consulted.</summary>
    public string? Party { get; set; }

    /// <summary>Extension: working days (1–20).</summary>
    public int? WorkingDays { get; set; }

    /// <summary>Extension, reply (where the outcome needs one), withdrawal, rejection of an extension request.</summary>
    public string? Reason { get; set; }

    public FeeMethod? FeeMethod { get; set; }

    /// <summary>Fee by pages: the number of pages.</summary>
    public int? Pages { get; set; }

    /// <summary>Fee: the day the applicant received the notice.</summary>
    public DateOnly? NoticeReceivedOn { get; set; }

    public Outcome? Outcome { get; set; }

    public DeliveryMethod? Delivery { get; set; }

    /// <summary>Reply by post: the posting date (交邮日期).</summary>
    public DateOnly? PostedOn { get; set; }

    /// <summary>Assign: the handler (a handler or reviewer of the agency).</summary>
    public Guid? HandlerId { get; set; }
}

public enum CaseActionStatus
{
    Done,
    NotFound,
    Forbidden,

    /// <summary>A field is missing or malformed; <see cref="CaseActionResult.Errors"/> says which.</summary>
    Invalid,

    /// <summary>The case engine (or the extension-request rule) refused; <see cref="CaseActionResult.Code"/> is the refusal code.</summary>
    Refused,

    /// <summary>Someone else changed the case since it was read.</summary>
    Conflict,
}

/// <summary>The result of an action: a Chinese message for people, field errors keyed by request property, a refusal code.</summary>
public sealed record CaseActionResult(CaseActionStatus Status, string Message, IReadOnlyDictionary<string, string> Errors, string? Code = null)
{
    public const string ConflictMessage = "本申请已被他人修改，请刷新页面查看最新情况后再操作。";

    private static readonly Dictionary<string, string> NoErrors = [];

    public static CaseActionResult Done(string message) => new(CaseActionStatus.Done, message, NoErrors);

    public static CaseActionResult NotFound() => new(CaseActionStatus.NotFound, "找不到该申请。", NoErrors);

    public static CaseActionResult Forbidden(string message) => new(CaseActionStatus.Forbidden, message, NoErrors);

    public static CaseActionResult Invalid(Dictionary<string, string> errors) => new(CaseActionStatus.Invalid, "请按提示修改后重新提交。", errors);

    public static CaseActionResult Conflict() => new(CaseActionStatus.Conflict, ConflictMessage, NoErrors, "version-conflict");

    public static CaseActionResult Refused(string message, string code, string? field = null) =>
        new(CaseActionStatus.Refused, message, field is null ? NoErrors : new Dictionary<string, string> { [field] = message }, code);
}

/// <summary>
/// One lifecycle action of the desk: its URL key, Chinese name, what it does (for people) and which request fields it
/// reads (for API clients).
/// </summary>
public sealed record CaseActionDefinition(string Key, string Label, string Description, string Fields, bool ReviewerOnly = false);

/// <summary>The desk's actions in lifecycle order. Keys are the URL segment of <c>POST /api/applications/{id}/actions/{key}</c>.</summary>
public static class CaseActionCatalog
{
    public const string Register = "register";
    public const string Assign = "assign";
    public const string RequestCorrection = "request-correction";
    public const string CorrectionReceived = "correction-received";
    public const string CorrectionMissed = "correction-missed";
    public const string StartConsultation = "start-consultation";
    public const string FinishConsultation = "finish-consultation";
    public const string RequestExtension = "request-extension";
    public const string ApproveExtension = "approve-extension";
    public const string RejectExtension = "reject-extension";
    public const string FeeNotice = "fee-notice";
    public const string FeePaid = "fee-paid";
    public const string FeeUnpaid = "fee-unpaid";
    public const string Reply = "reply";
    public const string Deliver = "deliver";
    public const string Archive = "archive";
    public const string Withdraw = "withdraw";

    public static IReadOnlyList<CaseActionDefinition> All { get; } =
    [
        new(Register, "登记", "确认收到并登记申请，开始办理。", "date"),
        new(Assign, "分配经办人", "指定本机关的经办人（经办人或审核人）。", "handlerId"),
        new(RequestCorrection, "补正告知", "申请内容不明确的，自收到申请之日起7个工作日内一次性告知申请人补正（条例第三十条），写明补正事项和合理的补正期限。等待补正期间暂停计时。", "date, items, correctBy"),
        new(CorrectionReceived, "收到补正", "登记收到补正后的申请：答复期限自该日起重新计算。", "date"),
        new(CorrectionMissed, "逾期未补正", "补正期限届满，申请人无正当理由未补正的，视为放弃申请，终止办理（年度报告表三（六）1）。", "date"),
        new(StartConsultation, "征求意见", "征求第三方或其他机关意见；征求意见所需时间不计入答复期限（条例第三十二条至第三十四条）。", "date, consultationKind (ThirdParty | OtherAgency), party"),
        new(FinishConsultation, "收到意见", "登记被征求意见方的答复：暂停计时到此结束。", "date, party"),
        new(RequestExtension, "申请延期", "经办人提出延长答复期限（最长20个工作日），等待政府信息公开工作机构负责人批准（条例第三十三条）。", "workingDays, reason"),
        new(ApproveExtension, "批准延期", "审核人作为政府信息公开工作机构负责人批准延长答复期限，须在原答复期限届满前，且只能延长一次。", "date, workingDays, reason（缺省取待批准的延期申请）", ReviewerOnly: true),
        new(RejectExtension, "不批准延期", "审核人不批准待审批的延期申请。", "reason", ReviewerOnly: true),
        new(FeeNotice, "收费通知", "按《政府信息公开信息处理费管理办法》发出收费通知，按件或按量择一计收，须在答复期限内发出；缴费期间暂停计时。", "date, feeMethod (ByCount | ByPages), pages（按量）, noticeReceivedOn"),
        new(FeePaid, "登记缴费", "申请人已缴纳信息处理费。", "date"),
        new(FeeUnpaid, "逾期未缴费", "自收到收费通知次日起20个工作日内未缴费的，视为放弃申请，终止办理（年度报告表三（六）2）。", "date"),
        new(Reply, "答复", "作出答复：办理结果即年度报告表三的统计行；邮寄送达的以交邮日期为答复日期。", "date, outcome, reason, delivery (Direct | Entrusted | Post | Electronic), postedOn"),
        new(Deliver, "登记送达", "答复已送达申请人。", "date"),
        new(Archive, "归档", "已送达或已终止办理的申请归档。", "date"),
        new(Withdraw, "申请人撤回", "申请人撤回申请，终止办理（年度报告表三（六）3）。", "date, reason"),
    ];

    public static CaseActionDefinition? Find(string? key) => All.FirstOrDefault(a => string.Equals(a.Key, key, StringComparison.Ordinal));
}

/// <summary>
/// Performs the desk's actions on a case: checks who may act and the case version, turns the request into a case
/// event, lets the engine accept or refuse it (<see cref="CaseStore.Append"/>), and saves the event with its audit
/// line in one SaveChanges. Used by the case page and the JSON API, so both behave the same.
/// </summary>
public sealed class CaseActions(
    GongkaiDbContext db, CaseAccess access, Staff staff, AuditLog audit, CaseRulesProvider rulesProvider, TimeProvider clock)
{
    private const int SummaryLength = 1000;

    public async Task<CaseActionResult> ExecuteAsync(Guid id, string key, CaseActionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var action = CaseActionCatalog.Find(key);
        var visible = await access.VisibleAgencyIdsAsync(cancellationToken);
        var record = await db.Applications.Include(a => a.Events).SingleOrDefaultAsync(a => a.Id == id && visible.Contains(a.AgencyId), cancellationToken);
        if (record is null || action is null)
        {
            return CaseActionResult.NotFound();
        }

        if (!access.CanAct(record.AgencyId))
        {
            return CaseActionResult.Forbidden("只有承办机关的经办人和审核人可以办理申请；您可以查看，不能办理。");
        }

        if (action.ReviewerOnly && !access.CanApproveExtension(record.AgencyId))
        {
            return CaseActionResult.Forbidden("延长答复期限须经政府信息公开工作机构负责人（审核人）批准，您的账号不能审批。");
        }

        if (request.Version is { } version && version != record.Version)
        {
            return CaseActionResult.Conflict();
        }

        var rules = await rulesProvider.GetAsync(cancellationToken);
        var today = ChinaTime.Today(clock);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var date = request.Date ?? today;
        if (date > today)
        {
            errors[nameof(CaseActionRequest.Date)] = "日期不能晚于今天：只登记已经发生的事项。";
        }

        var at = ChinaTime.On(date, clock);
        var actor = new Actor(staff.DisplayName);
        var application = record.ToCase(rules);
        var nowUtc = clock.GetUtcNow().UtcDateTime;

        if (action.Key is CaseActionCatalog.Assign or CaseActionCatalog.RequestExtension or CaseActionCatalog.RejectExtension)
        {
            return await ChangeWithoutEventAsync(action, record, application, request, errors, at, rules, nowUtc, cancellationToken);
        }

        var (caseEvent, summary) = await BuildEventAsync(action, record, request, errors, at, actor, today, cancellationToken);
        if (errors.Count > 0 || caseEvent is null)
        {
            return CaseActionResult.Invalid(errors);
        }

        DisclosureApplication after;
        try
        {
            after = record.Append(caseEvent, rules, staff.UserId, Clip(summary), nowUtc);
        }
        catch (CaseRuleException exception)
        {
            return CaseActionResult.Refused(exception.Message, exception.Refusal.Code, FieldOf(exception.Refusal.Code));
        }

        if (!after.IsOpen || after.Extension is not null)
        {
            ClearExtensionRequest(record);
        }

        // Whoever registers a case nobody handles yet takes it on, as at the counter.
        if (action.Key == CaseActionCatalog.Register && record.HandlerId is null && staff.IsInRole(Roles.Handler))
        {
            record.HandlerId = staff.UserId;
        }

        audit.Record("application." + action.Key, "Application", record.Id.ToString(), Clip($"{record.Number}：{summary}"), record.AgencyId);
        return await SaveAsync(record, $"已记录：{summary}", cancellationToken);
    }

    /// <summary>
    /// Why the engine would refuse <paramref name="action"/> today, or null when it would accept it: decides which
    /// actions the case page offers first. The probe uses neutral values (a 31-page fee, the 1-day extension…).
    /// </summary>
    public static string? Refusal(CaseActionDefinition action, DisclosureApplication application, ApplicationRecord record, CaseRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(record);
        var by = new Actor("（检查）");
        var head = new Actor("（检查）", ActorRole.OfficeHead);
        var today = DateOnly.FromDateTime(now.DateTime);
        string? Check(CaseEvent caseEvent) => application.Check(caseEvent, rules)?.Message;
        return action.Key switch
        {
            CaseActionCatalog.Register => Check(new Registered(now, by)),
            CaseActionCatalog.Assign => application.IsOpen ? null : "申请已办结，无需再分配经办人。",
            CaseActionCatalog.RequestCorrection => Check(new CorrectionRequested(now, by, today.AddDays(15), "（检查）")),
            CaseActionCatalog.CorrectionReceived => Check(new CorrectionReceived(now, by)),
            CaseActionCatalog.CorrectionMissed => Check(new CorrectionDeadlineMissed(now, by)),
            CaseActionCatalog.StartConsultation => Check(new ConsultationStarted(now, by, ConsultationKind.ThirdParty, "\u0001")),
            CaseActionCatalog.FinishConsultation => application.Consultations.FirstOrDefault(c => c.AnsweredOn is null) is { } open
                ? Check(new ConsultationAnswered(now, by, open.Party))
                : application.Check(new ConsultationAnswered(now, by, ""), rules) is { Code: not "consultation-unknown" } refusal
                    ? refusal.Message
                    : "没有正在进行的征求意见。",
            CaseActionCatalog.RequestExtension => record.ExtensionRequestedDays is not null
                ? "已有延期申请等待审核人批准。"
                : Check(new ExtensionApproved(now, head, 1, "（检查）")),
            CaseActionCatalog.ApproveExtension => Check(new ExtensionApproved(now, head, record.ExtensionRequestedDays ?? 1, "（检查）")),
            CaseActionCatalog.RejectExtension => record.ExtensionRequestedDays is null ? "没有待审批的延期申请。" : null,
            CaseActionCatalog.FeeNotice => Check(new FeeNoticeSent(now, by, InformationProcessingFee.ByPages(31), today)),
            CaseActionCatalog.FeePaid => Check(new FeePaid(now, by)),
            CaseActionCatalog.FeeUnpaid => Check(new FeeUnpaid(now, by)),
            CaseActionCatalog.Reply => Check(new Replied(now, by, Outcome.Granted, null, DeliveryMethod.Direct)),
            CaseActionCatalog.Deliver => Check(new Delivered(now, by)),
            CaseActionCatalog.Archive => Check(new Archived(now, by)),
            CaseActionCatalog.Withdraw => Check(new Withdrawn(now, by)),
            _ => null,
        };
    }

    /// <summary>
    /// How many applications the same applicant made to the agency earlier in the calendar month of this one's
    /// receipt (按件计收 counts per applicant per month). The applicant is the same identity number, or, when no
    /// number was recorded, the same name without a number.
    /// </summary>
    public async Task<int> EarlierInMonthAsync(ApplicationRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var monthStart = new DateOnly(record.ReceivedOn.Year, record.ReceivedOn.Month, 1);
        var query = db.Applications.Where(a => a.AgencyId == record.AgencyId && a.Id != record.Id && a.ReceivedOn >= monthStart
            && (a.ReceivedOn < record.ReceivedOn || (a.ReceivedOn == record.ReceivedOn && a.CreatedAtUtc < record.CreatedAtUtc)));
        query = record.IdNumber is { } number
            ? query.Where(a => a.IdNumber == number)
            : query.Where(a => a.IdNumber == null && a.ApplicantName == record.ApplicantName);
        return await query.CountAsync(cancellationToken);
    }

    /// <summary>The agency's staff who can handle cases (handlers and reviewers), by name.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> HandlersAsync(Guid agencyId, CancellationToken cancellationToken = default)
    {
        var roleIds = db.Roles.Where(r => r.Name == Roles.Handler || r.Name == Roles.Reviewer).Select(r => r.Id);
        var users = await db.Users
            .Where(u => u.AgencyId == agencyId && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName })
            .ToListAsync(cancellationToken);
        return [.. users.Select(u => (u.Id, u.DisplayName))];
    }

    private async Task<(CaseEvent? Event, string Summary)> BuildEventAsync(
        CaseActionDefinition action,
        ApplicationRecord record,
        CaseActionRequest request,
        Dictionary<string, string> errors,
        DateTimeOffset at,
        Actor actor,
        DateOnly today,
        CancellationToken cancellationToken)
    {
        var items = request.Items?.Trim();
        var party = request.Party?.Trim();
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        switch (action.Key)
        {
            case CaseActionCatalog.Register:
                return (new Registered(at, actor), "登记申请，开始办理");

            case CaseActionCatalog.RequestCorrection:
                Require(errors, string.IsNullOrEmpty(items), nameof(CaseActionRequest.Items), "请写明需要补正的事项。");
                Require(errors, request.CorrectBy is null, nameof(CaseActionRequest.CorrectBy), "请填写补正期限。");
                return errors.Count > 0
                    ? (null, "")
                    : (new CorrectionRequested(at, actor, request.CorrectBy!.Value, items!), $"发出补正告知，补正期限至 {DateText.Iso(request.CorrectBy.Value)}；补正事项：{items}");

            case CaseActionCatalog.CorrectionReceived:
                return (new CorrectionReceived(at, actor), "收到补正后的申请，答复期限自该日重新计算");

            case CaseActionCatalog.CorrectionMissed:
                return (new CorrectionDeadlineMissed(at, actor), "补正期限届满，申请人未补正，视为放弃申请，终止办理");

            case CaseActionCatalog.StartConsultation:
                Require(errors, request.ConsultationKind is null, nameof(CaseActionRequest.ConsultationKind), "请选择征求第三方意见还是征求其他机关意见。");
                Require(errors, string.IsNullOrEmpty(party), nameof(CaseActionRequest.Party), "请写明被征求意见的第三方或机关。");
                return errors.Count > 0
                    ? (null, "")
                    : (new ConsultationStarted(at, actor, request.ConsultationKind!.Value, party!), $"{CaseText.Label(request.ConsultationKind.Value)}：{party}");

            case CaseActionCatalog.FinishConsultation:
                Require(errors, string.IsNullOrEmpty(party), nameof(CaseActionRequest.Party), "请选择回复意见的一方。");
                return errors.Count > 0 ? (null, "") : (new ConsultationAnswered(at, actor, party!), $"收到{party}的意见");

            case CaseActionCatalog.ApproveExtension:
                var days = request.WorkingDays ?? record.ExtensionRequestedDays;
                var why = reason ?? record.ExtensionRequestReason;
                Require(errors, days is null, nameof(CaseActionRequest.WorkingDays), "请填写延长的工作日数（1至20）。");
                Require(errors, why is null, nameof(CaseActionRequest.Reason), "请写明延长答复期限的理由。");
                return errors.Count > 0
                    ? (null, "")
                    : (new ExtensionApproved(at, new Actor(staff.DisplayName, ActorRole.OfficeHead), days!.Value, why!),
                        CaseLabels.Invariant($"{staff.DisplayName}（政府信息公开工作机构负责人）批准延长答复期限{days}个工作日；理由：{why}"));

            case CaseActionCatalog.FeeNotice:
                Require(errors, request.FeeMethod is null, nameof(CaseActionRequest.FeeMethod), "请选择按件计收或按量计收。");
                Require(errors, request.FeeMethod == FeeMethod.ByPages && request.Pages is null or < 1, nameof(CaseActionRequest.Pages), "按量计收须填写页数（正整数）。");
                Require(errors, request.NoticeReceivedOn is null, nameof(CaseActionRequest.NoticeReceivedOn), "请填写申请人收到收费通知的日期。");
                Require(errors, request.NoticeReceivedOn > today, nameof(CaseActionRequest.NoticeReceivedOn), "收到日期不能晚于今天；申请人收到通知后再登记。");
                if (errors.Count > 0)
                {
                    return (null, "");
                }

                var quote = request.FeeMethod == FeeMethod.ByCount
                    ? InformationProcessingFee.ByCount(1, await EarlierInMonthAsync(record, cancellationToken))
                    : InformationProcessingFee.ByPages(request.Pages!.Value);
                return (new FeeNoticeSent(at, actor, quote, request.NoticeReceivedOn!.Value),
                    $"发出收费通知（{CaseText.Label(quote.Method)}），应缴信息处理费 {FeeYuan(quote)} 元，申请人于 {DateText.Iso(request.NoticeReceivedOn.Value)} 收到");

            case CaseActionCatalog.FeePaid:
                return (new FeePaid(at, actor), "申请人已缴纳信息处理费");

            case CaseActionCatalog.FeeUnpaid:
                return (new FeeUnpaid(at, actor), "缴费期限届满，申请人未缴费，视为放弃申请，终止办理");

            case CaseActionCatalog.Reply:
                Require(errors, request.Outcome is null, nameof(CaseActionRequest.Outcome), "请选择办理结果。");
                Require(errors, request.Delivery is null, nameof(CaseActionRequest.Delivery), "请选择送达方式。");
                Require(errors, request.PostedOn > today, nameof(CaseActionRequest.PostedOn), "交邮日期不能晚于今天；交邮后再登记答复。");
                if (errors.Count > 0)
                {
                    return (null, "");
                }

                var outcome = Outcomes.Get(request.Outcome!.Value);
                var posted = request.PostedOn is { } p ? $"，交邮日期 {DateText.Iso(p)}" : "";
                return (new Replied(at, actor, outcome.Outcome, reason, request.Delivery!.Value, request.PostedOn),
                    $"答复：{outcome.Label}（{CaseText.Label(request.Delivery.Value)}{posted}）" + (reason is null ? "" : $"；理由：{reason}"));

            case CaseActionCatalog.Deliver:
                return (new Delivered(at, actor), "答复已送达申请人");

            case CaseActionCatalog.Archive:
                return (new Archived(at, actor), "归档");

            case CaseActionCatalog.Withdraw:
                return (new Withdrawn(at, actor, reason), "申请人撤回申请" + (reason is null ? "" : $"：{reason}"));

            default:
                return (null, "");
        }
    }

    private async Task<CaseActionResult> ChangeWithoutEventAsync(
        CaseActionDefinition action,
        ApplicationRecord record,
        DisclosureApplication application,
        CaseActionRequest request,
        Dictionary<string, string> errors,
        DateTimeOffset at,
        CaseRules rules,
        DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        string summary;
        switch (action.Key)
        {
            case CaseActionCatalog.Assign:
                if (!application.IsOpen)
                {
                    return CaseActionResult.Refused("申请已办结，无需再分配经办人。", "case-closed");
                }

                var handlers = await HandlersAsync(record.AgencyId, cancellationToken);
                var handler = handlers.FirstOrDefault(h => h.Id == request.HandlerId);
                Require(errors, handler.Id == Guid.Empty, nameof(CaseActionRequest.HandlerId), "请选择本机关的经办人或审核人。");
                if (errors.Count > 0)
                {
                    return CaseActionResult.Invalid(errors);
                }

                record.HandlerId = handler.Id;
                summary = $"分配经办人：{handler.Name}";
                break;

            case CaseActionCatalog.RequestExtension:
                var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
                Require(errors, request.WorkingDays is null, nameof(CaseActionRequest.WorkingDays), "请填写需要延长的工作日数（1至20）。");
                Require(errors, reason is null, nameof(CaseActionRequest.Reason), "请写明需要延长答复期限的理由。");
                if (errors.Count > 0)
                {
                    return CaseActionResult.Invalid(errors);
                }

                if (record.ExtensionRequestedDays is not null)
                {
                    return CaseActionResult.Refused("已有延期申请等待审核人批准，不能重复提出。", "extension-request-pending");
                }

                // The request must be one the office head could approve today: same rules as the approval itself.
                if (application.Check(new ExtensionApproved(at, new Actor("（负责人）", ActorRole.OfficeHead), request.WorkingDays!.Value, reason!), rules) is { } refusal)
                {
                    return CaseActionResult.Refused(refusal.Message, refusal.Code, FieldOf(refusal.Code));
                }

                record.ExtensionRequestedDays = request.WorkingDays;
                record.ExtensionRequestReason = Clip(reason!, 500);
                record.ExtensionRequestedById = staff.UserId;
                record.ExtensionRequestedByName = staff.DisplayName;
                record.ExtensionRequestedOn = DateOnly.FromDateTime(at.DateTime);
                summary = CaseLabels.Invariant($"申请延长答复期限{request.WorkingDays}个工作日，等待负责人批准；理由：{reason}");
                break;

            default:
                if (record.ExtensionRequestedDays is null)
                {
                    return CaseActionResult.Refused("没有待审批的延期申请。", "no-extension-request");
                }

                var rejected = record.ExtensionRequestedDays;
                var because = string.IsNullOrWhiteSpace(request.Reason) ? "" : "；理由：" + request.Reason.Trim();
                ClearExtensionRequest(record);
                summary = CaseLabels.Invariant($"不批准延长答复期限{rejected}个工作日的申请{because}");
                break;
        }

        record.Version++;
        record.UpdatedAtUtc = nowUtc;
        audit.Record("application." + action.Key, "Application", record.Id.ToString(), Clip($"{record.Number}：{summary}"), record.AgencyId);
        return await SaveAsync(record, $"已记录：{summary}", cancellationToken);
    }

    private async Task<CaseActionResult> SaveAsync(ApplicationRecord record, string message, CancellationToken cancellationToken)
    {
        var loadedVersion = db.Entry(record).Property(r => r.Version).OriginalValue;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return CaseActionResult.Done(message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CaseActionResult.Conflict();
        }
        catch (DbUpdateException)
        {
            // Two people appending at once collide on the event sequence before the version check can say so.
            db.ChangeTracker.Clear();
            var current = await db.Applications.AsNoTracking().Where(a => a.Id == record.Id).Select(a => a.Version).SingleAsync(cancellationToken);
            if (current != loadedVersion)
            {
                return CaseActionResult.Conflict();
            }

            throw;
        }
    }

    private static void ClearExtensionRequest(ApplicationRecord record)
    {
        record.ExtensionRequestedDays = null;
        record.ExtensionRequestReason = null;
        record.ExtensionRequestedById = null;
        record.ExtensionRequestedByName = null;
        record.ExtensionRequestedOn = null;
    }

    private static void Require(Dictionary<string, string> errors, bool missing, string field, string message)
    {
        if (missing && !errors.ContainsKey(field))
        {
            errors[field] = message;
        }
    }

    /// <summary>The request field a refusal is about, so the form shows the reason next to it.</summary>
    private static string? FieldOf(string code) => code switch
    {
        "reason-required" or "extension-reason-required" => nameof(CaseActionRequest.Reason),
        "posted-on-required" or "posted-before-reply" or "posted-on-not-applicable" => nameof(CaseActionRequest.PostedOn),
        "correction-period-invalid" => nameof(CaseActionRequest.CorrectBy),
        "extension-days" => nameof(CaseActionRequest.WorkingDays),
        "consultation-party-required" or "consultation-open" or "consultation-unknown" => nameof(CaseActionRequest.Party),
        "fee-received-before-sent" => nameof(CaseActionRequest.NoticeReceivedOn),
        "fee-zero" => nameof(CaseActionRequest.FeeMethod),
        "event-out-of-order" or "event-before-receipt" or "concluded-before-receipt" or "correction-too-late" or "extension-after-due"
            or "fee-not-overdue" or "fee-paid-after-due"
            or "correction-not-overdue" or "delivered-before-posting" => nameof(CaseActionRequest.Date),
        _ => null,
    };

    private static string FeeYuan(FeeQuote quote) => quote.Amount.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static string Clip(string text, int length = SummaryLength) => text.Length <= length ? text : text[..(length - 1)] + "…";
}

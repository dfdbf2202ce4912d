using Gongkai.Applications;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Applications;
using Gongkai.Web.Applications.Actions;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Applications;

public enum CaseActionStatus
{
    Done,
    NotFound,
    Forbidden,

    /// <summary>A field is missing or malformed; <see cref="CaseActionResult.Errors"/> says which.</summary>
    Invalid,

    /// <summary>The case engine (or a desk rule) refused; <see cref="CaseActionResult.Code"/> is the rule.</summary>
    Refused,

    /// <summary>Someone else changed the case since it was read.</summary>
    Conflict,
}

/// <summary>The result of an action: a Chinese message for people, field errors keyed by input property, the refused rule.</summary>
public sealed record CaseActionResult(CaseActionStatus Status, string Message, IReadOnlyDictionary<string, string> Errors, RefusalCode? Code = null)
{
    public const string ConflictMessage = "本申请已被他人修改，请刷新页面查看最新情况后再操作。";

    private static readonly Dictionary<string, string> NoErrors = [];

    public static CaseActionResult Done(string message) => new(CaseActionStatus.Done, message, NoErrors);

    public static CaseActionResult NotFound() => new(CaseActionStatus.NotFound, "找不到该申请。", NoErrors);

    public static CaseActionResult Forbidden(string message) => new(CaseActionStatus.Forbidden, message, NoErrors);

    public static CaseActionResult Invalid(IReadOnlyDictionary<string, string> errors) => new(CaseActionStatus.Invalid, "请按提示修改后重新提交。", errors);

    public static CaseActionResult Conflict() => new(CaseActionStatus.Conflict, ConflictMessage, NoErrors);

    /// <summary>A refusal, shown next to the input field of <paramref name="action"/> it concerns (if any).</summary>
    public static CaseActionResult Refused(CaseRefusal refusal, CaseAction action)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        ArgumentNullException.ThrowIfNull(action);
        return new(
            CaseActionStatus.Refused,
            refusal.Message,
            action.FieldOf(refusal.Field) is { } field ? new Dictionary<string, string> { [field] = refusal.Message } : NoErrors,
            refusal.Code);
    }
}

/// <summary>
/// One action being taken on one case: the tracked record, the case as the engine sees it, who acts and when, and the
/// field errors found so far. <see cref="AppendAsync"/> records an event; <see cref="SaveChangeAsync"/> saves a change
/// of the desk's own (handler, extension request) with its audit line.
/// </summary>
public sealed class CaseActionRun(
    CaseActions actions, ApplicationRecord record, DisclosureApplication application, CaseRules rules, DateOnly today, DateTimeOffset at, Staff staff, DateTime nowUtc)
{
    private const int SummaryLength = 1000;

    public ApplicationRecord Record => record;

    public DisclosureApplication Application => application;

    public CaseRules Rules => rules;

    public DateOnly Today => today;

    /// <summary>When the event happened (its date is the input's, default today).</summary>
    public DateTimeOffset At => at;

    public Staff Staff => staff;

    public Actor Actor { get; } = new(staff.DisplayName);

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public CaseActions Desk => actions;

    /// <summary>Adds <paramref name="message"/> for <paramref name="field"/> when <paramref name="missing"/> (one message per field).</summary>
    public void Require(bool missing, string field, string message)
    {
        if (missing && !Errors.ContainsKey(field))
        {
            Errors[field] = message;
        }
    }

    /// <summary>The engine checks and records the event; a refused one answers with the rule and the field it concerns.</summary>
    public async Task<CaseActionResult> AppendAsync(CaseAction action, CaseEvent caseEvent, string summary, Action<CaseActionRun> accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(accepted);
        DisclosureApplication after;
        try
        {
            after = record.Append(caseEvent, rules, staff.UserId, Clip(summary), nowUtc);
        }
        catch (CaseRuleException exception)
        {
            return CaseActionResult.Refused(exception.Refusal, action);
        }

        if (!after.IsOpen || after.Extension is not null)
        {
            ClearExtensionRequest();
        }

        accepted(this);
        return await actions.SaveAsync(action, record, summary, cancellationToken);
    }

    /// <summary>Saves a change that is not a case event (it still moves the case's version, so concurrent edits collide).</summary>
    public Task<CaseActionResult> SaveChangeAsync(CaseAction action, string summary, CancellationToken cancellationToken)
    {
        record.Version++;
        record.UpdatedAtUtc = nowUtc;
        return actions.SaveAsync(action, record, summary, cancellationToken);
    }

    public void ClearExtensionRequest()
    {
        record.ExtensionRequestedDays = null;
        record.ExtensionRequestReason = null;
        record.ExtensionRequestedById = null;
        record.ExtensionRequestedByName = null;
        record.ExtensionRequestedOn = null;
    }

    public static string Clip(string text, int length = SummaryLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= length ? text : text[..(length - 1)] + "…";
    }
}

/// <summary>
/// Runs the desk's actions (<see cref="CaseActionCatalog"/>) on a case: checks who may act and the case version, lets
/// the action build its event or change, and saves it with its audit line in one SaveChanges. Used by the case page
/// and the JSON API, so both behave the same.
/// </summary>
public sealed class CaseActions(
    GongkaiDbContext db, CaseAccess access, Staff staff, AuditLog audit, CaseRulesProvider rulesProvider, TimeProvider clock, Notifications.Notifier notifier)
{
    public async Task<CaseActionResult> ExecuteAsync(Guid id, CaseAction action, CaseActionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(input);
        var visible = await access.VisibleScopeAsync(cancellationToken);
        var record = await visible.Of(db.Applications.Include(a => a.Events), db).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (record is null)
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

        if (input.Version is { } version && version != record.Version)
        {
            return CaseActionResult.Conflict();
        }

        var rules = await rulesProvider.GetAsync(cancellationToken);
        var today = ChinaTime.Today(clock);
        var date = input.Date ?? today;
        var run = new CaseActionRun(this, record, record.ToCase(rules), rules, today, ChinaTime.On(date, clock), staff, clock.GetUtcNow().UtcDateTime);
        run.Require(date > today, nameof(CaseActionInput.Date), "日期不能晚于今天：只登记已经发生的事项。");
        return await action.RunAsync(run, input, cancellationToken);
    }

    /// <summary>The actions the reader may take on the case, each with the reason the engine would refuse it now.</summary>
    public static IReadOnlyList<CaseActionState> Offer(DisclosureApplication application, ApplicationRecord record, CaseRules rules, DateTimeOffset now, bool canApprove)
    {
        var probe = new CaseProbe(application, record, rules, now);
        return [.. CaseActionCatalog.All.Where(a => !a.ReviewerOnly || canApprove).Select(a => new CaseActionState(a, a.Refusal(probe)))];
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

    /// <summary>The case's scans of sealed letters (盖章文书扫描件), newest first: what a reply made outside the platform is recorded with.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> ScansAsync(ApplicationRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var files = await db.Attachments.AsNoTracking()
            .Where(a => a.OwnerId == record.Id && a.AgencyId == record.AgencyId && a.Kind == AttachmentKind.Letter)
            .OrderByDescending(a => a.UploadedAtUtc)
            .Select(a => new { a.Id, a.FileName })
            .ToListAsync(cancellationToken);
        return [.. files.Select(f => (f.Id, f.FileName))];
    }

    internal async Task<CaseActionResult> SaveAsync(CaseAction action, ApplicationRecord record, string summary, CancellationToken cancellationToken)
    {
        audit.Record("application." + action.Key, "Application", record.Id.ToString(), CaseActionRun.Clip($"{record.Number}：{summary}"), record.AgencyId);
        await notifier.CaseActionAsync(action, record, summary, cancellationToken);
        var loadedVersion = db.Entry(record).Property(r => r.Version).OriginalValue;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return CaseActionResult.Done($"已记录：{summary}");
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
}

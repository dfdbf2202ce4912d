using System.Globalization;
using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Data.Numbering;
using Gongkai.Fees;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Gongkai.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Letters;

/// <summary>
/// Drafts letters from templates and takes them through the agency's sign-off (<see cref="LetterStatus"/>): the
/// handler submits, the reviewer approves or returns with a reason, and issuing freezes a letter: its {文号} and {日期}
/// are filled, nothing may change afterwards, letters addressed to the applicant become visible on the status page,
/// and a reply letter's issue records the case's reply.
/// Callers check that the staff member may see the application; this class checks what the letter rules require.
/// </summary>
public sealed class LetterDrafts(GongkaiDbContext db, TimeProvider clock, CaseRulesProvider rulesProvider, AuditLog audit, Staff staff, Notifier notifier)
{
    /// <summary>
    /// A new draft of <paramref name="kindId"/> for an application of the staff member's agency, filled from the case.
    /// Returns the draft, or the form field and a Chinese message saying why none was made.
    /// </summary>
    public async Task<DraftResult> DraftAsync(
        Guid applicationId, string kindId, string? recipient, FeeQuote? fee, CancellationToken cancellationToken = default)
    {
        var application = await db.Applications.Include(a => a.Events)
            .SingleOrDefaultAsync(a => a.Id == applicationId && a.AgencyId == staff.AgencyId, cancellationToken);
        if (application is null)
        {
            return DraftResult.Refused("Application", "找不到该申请。");
        }

        var template = await LetterTemplates.ForAsync(db, application.AgencyId, kindId, cancellationToken);
        if (template is null)
        {
            return DraftResult.Refused("Kind", "请选择文书类型。");
        }

        var rules = await rulesProvider.GetAsync(cancellationToken);
        var current = application.ToCase(rules);
        var addressee = !string.IsNullOrWhiteSpace(recipient) ? recipient.Trim() : DefaultRecipient(template.Kind, application, current);
        if (addressee is null)
        {
            return DraftResult.Refused("Recipient", "请填写收件人（被征求意见的第三方或机关）。");
        }

        if (addressee.Length > 200)
        {
            return DraftResult.Refused("Recipient", "收件人不能超过200个字。");
        }

        var agency = await LetterAgency.LoadAsync(db, application.AgencyId, cancellationToken);
        var values = LetterFields.For(template.Kind, agency, application, current, rules, addressee, fee);
        var now = clock.GetUtcNow();
        var letter = new LetterRecord
        {
            Id = Guid.CreateVersion7(now),
            AgencyId = application.AgencyId,
            ApplicationId = application.Id,
            Kind = template.Kind.Id,
            Recipient = addressee,
            Title = LetterFields.Fill(template.Title, values).Text,
            Body = LetterFields.Fill(template.Body, values).Text,
            Status = LetterStatus.Draft,
            CreatedAtUtc = now.UtcDateTime,
            UpdatedAtUtc = now.UtcDateTime,
        };
        db.Letters.Add(letter);
        audit.Record("letter.drafted", "Letter", letter.Id.ToString(), $"起草{template.Kind.Label}（申请 {application.Number}）", application.AgencyId);
        await db.SaveChangesAsync(cancellationToken);
        return new DraftResult(letter, null, null);
    }

    /// <summary>The placeholders of a draft that staff still have to write (those filled on approval excluded).</summary>
    public static IReadOnlyList<string> Unfilled(LetterRecord letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return [.. LetterFields.Placeholders(letter.Title + "\n" + letter.Body)
            .Where(p => !LetterFields.FilledOnApproval.Contains(p, StringComparer.Ordinal))];
    }

    /// <summary>提交审批: a draft or returned letter, complete, goes to the reviewer. Returns null when done, otherwise the reason.</summary>
    public async Task<string?> SubmitAsync(LetterRecord letter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (!staff.CanHandleCases)
        {
            return "只有经办人和审核人可以提交文书。";
        }

        if (!SignOff.CanSubmit(letter.Status))
        {
            return SignOff.AlreadySubmitted(Noun);
        }

        if (await CompletenessAsync(letter, cancellationToken) is { } incomplete)
        {
            return incomplete;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var caseNumber = await CaseNumberAsync(letter, cancellationToken);
        return await MoveAsync(letter, [LetterStatus.Draft, LetterStatus.Returned], LetterStatus.Submitted, "该文书已经提交审批，不能再次提交。", l =>
        {
            l.SubmittedAtUtc = now;
            l.SubmittedByName = staff.DisplayName;
            audit.Record("letter.submitted", "Letter", l.Id.ToString(), $"提交审批{KindLabel(l)}“{l.Title}”（申请 {caseNumber}）", l.AgencyId);
        }, cancellationToken, NotificationEvents.LetterSubmitted);
    }

    /// <summary>审批同意 (审核人 only): a submitted letter that is complete and fits the case. Returns null when done, otherwise the reason.</summary>
    public async Task<string?> ApproveAsync(LetterRecord letter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (!staff.IsInRole(Data.Accounts.Roles.Reviewer))
        {
            return "只有审核人可以审批文书。";
        }

        if (!SignOff.CanApprove(letter.Status))
        {
            return SignOff.NotAwaitingApproval(letter.Status, Noun);
        }

        if (await CompletenessAsync(letter, cancellationToken) is { } incomplete)
        {
            return incomplete;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var caseNumber = await CaseNumberAsync(letter, cancellationToken);
        return await MoveAsync(letter, [LetterStatus.Submitted], LetterStatus.Approved, "该文书不在待审批状态，不能审批。", l =>
        {
            l.ApprovedById = staff.UserId;
            l.ApprovedByName = staff.DisplayName;
            l.ApprovedAtUtc = now;
            audit.Record("letter.approved", "Letter", l.Id.ToString(), $"审批同意{KindLabel(l)}“{l.Title}”（申请 {caseNumber}）", l.AgencyId);
        }, cancellationToken);
    }

    /// <summary>
    /// 退回修改 (审核人 only) with the reason the handler reads: a submitted letter, or an approved one not yet issued
    /// (its issue was refused, e.g. a typed 文号 already used). Returns null when done, otherwise the reason it was refused.
    /// </summary>
    public async Task<string?> ReturnAsync(LetterRecord letter, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (!staff.IsInRole(Data.Accounts.Roles.Reviewer))
        {
            return "只有审核人可以退回文书。";
        }

        if (!SignOff.CanReturn(letter.Status))
        {
            return SignOff.NotAwaitingApproval(letter.Status, Noun);
        }

        if (SignOff.ReturnReasonProblem(reason, Noun) is { } problem)
        {
            return problem;
        }

        var why = reason!.Trim();

        var now = clock.GetUtcNow().UtcDateTime;
        var caseNumber = await CaseNumberAsync(letter, cancellationToken);
        return await MoveAsync(letter, [LetterStatus.Submitted, LetterStatus.Approved], LetterStatus.Returned, "该文书不在待审批状态，不能退回。", l =>
        {
            l.ReturnReason = why;
            l.ReturnedByName = staff.DisplayName;
            l.ReturnedAtUtc = now;
            audit.Record("letter.returned", "Letter", l.Id.ToString(), CaseActionRunClip($"退回{KindLabel(l)}“{l.Title}”（申请 {caseNumber}）：{why}"), l.AgencyId);
        }, cancellationToken, NotificationEvents.LetterReturned);
    }

    public static readonly string ReturnReasonMissing = SignOff.ReturnReasonMissing(Noun);

    /// <summary>What <see cref="SignOff"/>'s messages call a letter.</summary>
    private const string Noun = "文书";

    /// <summary>
    /// 签发: an approved letter gets its 文号 (from the agency's counter for the series and year, docs/adr/0007) and
    /// 成文日期, is locked, and is shown to the applicant when addressed to them. Issuing a reply letter is the case's
    /// reply: the engine records 答复 with the letter's outcome and reasons, today's date and <paramref name="delivery"/>,
    /// in the same transaction, or refuses and nothing is issued. Returns null when done, otherwise the reason.
    /// </summary>
    public async Task<string?> IssueAsync(LetterRecord letter, DeliveryMethod? delivery, DateOnly? postedOn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (!staff.CanHandleCases)
        {
            return "只有经办人和审核人可以签发文书。";
        }

        if (!SignOff.CanIssue(letter.Status))
        {
            return SignOff.NotIssuable(letter.Status, Noun);
        }

        var kind = LetterCatalogue.Find(letter.Kind);
        if (RepliesWith(kind) is not null && delivery is null)
        {
            return DeliveryMissing;
        }

        var today = ChinaTime.Today(clock);
        if (postedOn > today)
        {
            return "交邮日期不能晚于今天；交邮后再签发，或先不填交邮日期改用其他送达方式。";
        }

        // A generated 文号 is taken in the transaction that stores the issue (docs/adr/0007-numbering-and-durability.md).
        // Claiming the letter first makes a second person issuing it at the same moment wait, then find it issued.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Letters.Where(l => l.Id == letter.Id && l.Status == LetterStatus.Approved)
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.UpdatedAtUtc, l => l.UpdatedAtUtc), cancellationToken) == 0)
        {
            return "该文书已经签发，不能再次签发。";
        }

        if (letter.Number is { Length: > 0 } typed)
        {
            var taken = await db.Letters.AnyAsync(l => l.AgencyId == letter.AgencyId && l.Id != letter.Id && l.Number == typed, cancellationToken);
            if (taken)
            {
                return $"文号“{typed}”已被本机关其他文书使用。";
            }
        }
        else if ((await LetterTemplates.ForAsync(db, letter.AgencyId, letter.Kind, cancellationToken))?.NumberPattern is { Length: > 0 } pattern)
        {
            var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == letter.AgencyId).Select(a => new { a.Name, a.ShortName }).SingleAsync(cancellationToken);
            var series = LetterNumbers.Series(pattern, agency.ShortName ?? agency.Name, today.Year);
            var sequence = checked((int)await NumberCounters.TakeAsync(db, letter.AgencyId, NumberSeries.Letters(series), cancellationToken: cancellationToken));
            letter.NumberSeries = series;
            letter.NumberSequence = sequence;
            letter.Number = LetterNumbers.Format(series, sequence);
        }

        var deferred = new Dictionary<string, string>(StringComparer.Ordinal) { [LetterFields.Date] = DateText.Chinese(today) };
        if (letter.Number is { Length: > 0 } number)
        {
            deferred[LetterFields.Number] = number;
        }

        letter.Title = LetterFields.Fill(letter.Title, deferred).Text;
        letter.Body = LetterFields.Fill(letter.Body, deferred).Text;
        if (LetterFields.Placeholders(letter.Title + "\n" + letter.Body).Count > 0)
        {
            return "正文引用了{文号}，但该类文书没有编号规则，请退回后填写文号再签发。";
        }

        var nowOffset = clock.GetUtcNow();
        var now = nowOffset.UtcDateTime;
        var application = await db.Applications.Include(a => a.Events).SingleAsync(a => a.Id == letter.ApplicationId, cancellationToken);
        var summary = $"签发{kind?.Label ?? letter.Kind}{(letter.Number is null ? "" : "，文号 " + letter.Number)}";
        if (RepliesWith(kind) is { } outcome && delivery is { } method)
        {
            var rules = await rulesProvider.GetAsync(cancellationToken);
            var replied = new Replied(ChinaTime.On(today, clock), new Actor(staff.DisplayName), outcome, letter.Reason, method, postedOn);
            var posted = postedOn is { } p ? $"，交邮日期 {DateText.Iso(p)}" : "";
            summary += $"；答复：{Outcomes.Get(outcome).Label}（{method.Label()}{posted}）";
            try
            {
                application.Append(replied, rules, staff.UserId, summary, now);
            }
            catch (CaseRuleException exception)
            {
                return "不能签发：" + exception.Refusal.Message;
            }
        }

        letter.Status = LetterStatus.Issued;
        letter.IssuedOn = today;
        letter.IssuedByName = staff.DisplayName;
        letter.IssuedAtUtc = now;
        letter.UpdatedAtUtc = now;
        letter.VisibleToApplicant = kind?.Audience == LetterAudience.Applicant;
        audit.Record("letter.issued", "Letter", letter.Id.ToString(), CaseActionRunClip($"{summary}（申请 {application.Number}）"), letter.AgencyId);
        if (RepliesWith(kind) is not null)
        {
            await notifier.LetterAsync(NotificationEvents.ApplicantReply, letter, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    public const string ReasonMissing = "该办理结果须说明理由：请在“答复理由”中写明理由和依据。";

    public const string DeliveryMissing = "请选择送达方式：签发答复书即作出答复，送达方式决定答复日期的计算。";

    /// <summary>Why the letter cannot go to the reviewer or be approved yet (placeholders left, a reply the case would refuse), or null.</summary>
    private async Task<string?> CompletenessAsync(LetterRecord letter, CancellationToken cancellationToken)
    {
        var outcome = RepliesWith(LetterCatalogue.Find(letter.Kind));
        if (outcome is { } needing && Outcomes.Get(needing).RequiresReason && string.IsNullOrWhiteSpace(letter.Reason))
        {
            return ReasonMissing;
        }

        if (Unfilled(letter) is { Count: > 0 } unfilled)
        {
            return "正文中仍有未填写的内容：" + string.Join("、", unfilled.Select(p => "{" + p + "}")) + "。请修改后再提交。";
        }

        if (outcome is null)
        {
            return null;
        }

        var application = await db.Applications.AsNoTracking().Include(a => a.Events).SingleAsync(a => a.Id == letter.ApplicationId, cancellationToken);
        var rules = await rulesProvider.GetAsync(cancellationToken);
        var probe = new Replied(clock.GetUtcNow(), new Actor("（检查）"), outcome.Value, letter.Reason ?? "（检查）", DeliveryMethod.Electronic);
        return application.ToCase(rules).Check(probe, rules) is { } refusal ? "本申请现在不能按此答复书答复：" + refusal.Message : null;
    }

    /// <summary>
    /// Moves the letter from one of <paramref name="from"/> to <paramref name="to"/> if nobody moved it meanwhile, with
    /// the notifications of <paramref name="notify"/> in the same SaveChanges.
    /// </summary>
    private async Task<string?> MoveAsync(
        LetterRecord letter, LetterStatus[] from, LetterStatus to, string moved, Action<LetterRecord> change, CancellationToken cancellationToken, NotificationEvent? notify = null)
    {
        var original = db.Entry(letter).Property(l => l.Status).OriginalValue;
        if (!from.Contains(original))
        {
            return moved;
        }

        // The status read is the one the update expects: two reviewers acting at once, the second finds it moved.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Letters.Where(l => l.Id == letter.Id && l.Status == original)
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.Status, to).SetProperty(l => l.UpdatedAtUtc, now), cancellationToken) == 0)
        {
            return moved;
        }

        letter.Status = to;
        letter.UpdatedAtUtc = now;
        change(letter);
        if (notify is not null)
        {
            await notifier.LetterAsync(notify, letter, cancellationToken);
        }

        db.Entry(letter).Property(l => l.Status).OriginalValue = to;
        db.Entry(letter).Property(l => l.UpdatedAtUtc).OriginalValue = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// The outcome a letter of <paramref name="kind"/> answers the application with when issued, or null: procedural
    /// notices, and letters for outcomes that come from their own event (撤回, 逾期未补正…), which the desk records.
    /// </summary>
    public static Outcome? RepliesWith(LetterKind? kind) =>
        kind?.Outcome is { } outcome && Outcomes.Get(outcome).Origin == OutcomeOrigin.Reply ? outcome : null;

    private Task<string> CaseNumberAsync(LetterRecord letter, CancellationToken cancellationToken) =>
        db.Applications.AsNoTracking().Where(a => a.Id == letter.ApplicationId).Select(a => a.Number).SingleAsync(cancellationToken);

    private static string KindLabel(LetterRecord letter) => LetterCatalogue.Find(letter.Kind)?.Label ?? letter.Kind;

    private static string CaseActionRunClip(string text) => Applications.CaseActionRun.Clip(text);

    private static string? DefaultRecipient(LetterKind kind, ApplicationRecord application, DisclosureApplication current)
    {
        var consultation = kind.Audience switch
        {
            LetterAudience.ThirdParty => ConsultationKind.ThirdParty,
            LetterAudience.OtherAgency => ConsultationKind.OtherAgency,
            _ => (ConsultationKind?)null,
        };
        return consultation is { } wanted
            ? current.Consultations.LastOrDefault(c => c.Kind == wanted)?.Party
            : application.ApplicantName;
    }
}

/// <summary>A new draft, or the field (form property name) and the Chinese reason it was refused.</summary>
public sealed record DraftResult(LetterRecord? Letter, string? Field, string? Error)
{
    public static DraftResult Refused(string field, string error) => new(null, field, error);
}

/// <summary>文号 patterns: {简称}, {年} and {序号}, e.g. "{简称}公复〔{年}〕{序号}号" → 示教公复〔2024〕3号.</summary>
public static class LetterNumbers
{
    public const string Sequence = "{序号}";

    /// <summary>The pattern with the agency and year filled in: letters of one series are numbered 1, 2, 3 …</summary>
    public static string Series(string pattern, string shortName, int year)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return pattern.Replace("{简称}", shortName, StringComparison.Ordinal)
            .Replace("{年}", year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    public static string Format(string series, int sequence)
    {
        ArgumentNullException.ThrowIfNull(series);
        return series.Replace(Sequence, sequence.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>Why a pattern cannot be used, or null when it can.</summary>
    public static string? Check(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return null;
        }

        if (!pattern.Contains(Sequence, StringComparison.Ordinal))
        {
            return "编号规则必须包含{序号}。";
        }

        var unknown = LetterFields.Placeholders(pattern).Where(p => p is not ("简称" or "年" or "序号")).ToList();
        return unknown.Count > 0 ? "编号规则只能使用{简称}、{年}、{序号}，不认识：" + string.Join("、", unknown.Select(p => "{" + p + "}")) + "。" : null;
    }
}

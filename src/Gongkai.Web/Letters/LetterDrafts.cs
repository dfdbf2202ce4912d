using System.Globalization;
using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Applications;
using Gongkai.Data.Numbering;
using Gongkai.Fees;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Letters;

/// <summary>
/// Drafts letters from templates, numbers and approves them. Approval freezes a letter: its {文号} and {日期} are
/// filled, nothing may change afterwards, and letters addressed to the applicant become visible on the status page.
/// Callers check that the staff member may see the application; this class checks what the letter rules require.
/// </summary>
public sealed class LetterDrafts(GongkaiDbContext db, TimeProvider clock, CaseRulesProvider rulesProvider, AuditLog audit, Staff staff)
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

    /// <summary>
    /// Approves a draft (审核人 only): checks it is complete and matches the case, gives it its 文号 and 成文日期, and
    /// freezes it. Returns null when approved, otherwise the Chinese reason.
    /// </summary>
    public async Task<string?> ApproveAsync(LetterRecord letter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (!staff.IsInRole(Data.Accounts.Roles.Reviewer))
        {
            return "只有审核人可以审批文书。";
        }

        if (letter.Status != LetterStatus.Draft)
        {
            return "该文书已经审批，不能再次审批。";
        }

        if (Unfilled(letter) is { Count: > 0 } unfilled)
        {
            return "正文中仍有未填写的内容：" + string.Join("、", unfilled.Select(p => "{" + p + "}")) + "。请修改后再审批。";
        }

        var kind = LetterCatalogue.Find(letter.Kind);
        var application = await db.Applications.AsNoTracking().Where(a => a.Id == letter.ApplicationId)
            .Select(a => new { a.Outcome, a.Number }).SingleAsync(cancellationToken);
        if (kind?.Outcome is { } outcome && application.Outcome is { } recorded && recorded != outcome)
        {
            return $"本申请登记的办理结果是“{Outcomes.Get(recorded).Label}”，与本答复书的类型“{Outcomes.Get(outcome).Label}”不一致。请按登记的结果起草答复书。";
        }

        var today = ChinaTime.Today(clock);

        // A generated 文号 is taken in the transaction that stores the approval (docs/adr/0007-numbering-and-durability.md).
        // Claiming the draft first makes a second reviewer approving it at the same moment wait, then find it approved.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Letters.Where(l => l.Id == letter.Id && l.Status == LetterStatus.Draft)
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.UpdatedAtUtc, l => l.UpdatedAtUtc), cancellationToken) == 0)
        {
            return "该文书已经审批，不能再次审批。";
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
            return "正文引用了{文号}，但该类文书没有编号规则，请填写文号后再审批。";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        letter.Status = LetterStatus.Approved;
        letter.IssuedOn = today;
        letter.ApprovedById = staff.UserId;
        letter.ApprovedByName = staff.DisplayName;
        letter.ApprovedAtUtc = now;
        letter.UpdatedAtUtc = now;
        letter.VisibleToApplicant = kind?.Audience == LetterAudience.Applicant;
        audit.Record("letter.approved", "Letter", letter.Id.ToString(),
            $"审批{kind?.Label ?? letter.Kind}{(letter.Number is null ? "" : "，文号 " + letter.Number)}（申请 {application.Number}）", letter.AgencyId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

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

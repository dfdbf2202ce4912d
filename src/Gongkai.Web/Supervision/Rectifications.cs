using Gongkai.AnnualReports.Validation;
using Gongkai.Calendar;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Data.Supervision;
using Gongkai.Supervision;
using Gongkai.Web.Calendar;
using Gongkai.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Supervision;

/// <summary>What a supervisor types to raise a rectification (the page and any future API bind this one type).</summary>
public sealed class RaiseRectificationInput
{
    public Guid? AgencyId { get; set; }

    public RectificationSource Source { get; set; } = RectificationSource.Manual;

    public string? SourceRef { get; set; }

    public int? ReportYear { get; set; }

    public string? Title { get; set; }

    public string? Detail { get; set; }

    public string? WorkingDays { get; set; } = RectificationFlow.DefaultWorkingDays.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>For a rectification raised from a report finding: is the finding still in the agency's latest report?</summary>
/// <param name="Cleared">True when the rule no longer fires on the latest version.</param>
/// <param name="Description">The re-check in a sentence, e.g. "第 2 版（2025-03-01 发布）已无此问题".</param>
public sealed record Recheck(bool Cleared, string Description);

/// <summary>
/// The rectification loop on the platform: raising (supervisor), answering (the agency), accepting or returning
/// (supervisor), each step checked by <see cref="RectificationFlow"/> and audited in the same save.
/// </summary>
public sealed class Rectifications(
    GongkaiDbContext db, RegionScope scope, SupervisedReports reports, CaseRulesProvider rules, AuditLog audit, Staff staff, TimeProvider clock)
{
    public DateOnly Today => ChinaTime.Today(clock);

    /// <summary>The audit action of each step, with a Chinese name for the audit page.</summary>
    public static string AuditAction(RectificationAction action) => "rectification." + action.ToString().ToLowerInvariant();

    public const string RaisedAction = "rectification.raised";

    /// <summary>Who the signed-in user is for this rectification, or null when they may not see it.</summary>
    public async Task<RectificationParty?> PartyAsync(RectificationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (staff.IsInRole(Roles.Supervisor) && record.AgencyId != staff.AgencyId && await scope.AgencyAsync(record.AgencyId, cancellationToken) is not null)
        {
            return RectificationParty.Supervisor;
        }

        return staff.IsAgencyStaff && staff.AgencyId == record.AgencyId ? RectificationParty.Agency : null;
    }

    /// <summary>The rectifications of the supervisor's subtree (newest first).</summary>
    public async Task<IReadOnlyList<RectificationRecord>> InScopeAsync(CancellationToken cancellationToken)
    {
        var ids = (await scope.AgenciesAsync(cancellationToken)).Select(a => a.Id).ToList();
        var rows = await db.Rectifications.AsNoTracking().Where(r => ids.Contains(r.AgencyId)).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.CreatedAtUtc)];
    }

    /// <summary>The rectifications an agency must still work on or has answered, oldest deadline first.</summary>
    public async Task<IReadOnlyList<RectificationRecord>> OpenForAgencyAsync(Guid agencyId, CancellationToken cancellationToken)
    {
        var rows = await db.Rectifications.AsNoTracking()
            .Where(r => r.AgencyId == agencyId && r.State != RectificationState.Closed).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.DueOn)];
    }

    /// <summary>Checks and saves a new rectification; returns the problems (empty on success) and the new id.</summary>
    public async Task<(IReadOnlyList<string> Problems, Guid? Id)> RaiseAsync(RaiseRectificationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<string>();
        var agency = input.AgencyId is { } agencyId ? await scope.AgencyAsync(agencyId, cancellationToken) : null;
        if (agency is null || agency.Id == staff.AgencyId)
        {
            problems.Add("请选择本地区内要求整改的机关。");
        }

        if (!Enum.IsDefined(input.Source))
        {
            problems.Add("请选择整改来源。");
        }

        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > 200)
        {
            problems.Add("请填写整改事项（不超过 200 字）。");
        }

        if (string.IsNullOrWhiteSpace(input.Detail) || input.Detail.Trim().Length > 4000)
        {
            problems.Add("请写明问题和整改要求（不超过 4000 字）。");
        }

        if (input.SourceRef is { Length: > 100 })
        {
            problems.Add("来源编号不超过 100 字。");
        }

        if (input.ReportYear is { } year && (year < 2000 || year > 2100))
        {
            problems.Add("报告年度不正确。");
        }

        if (!int.TryParse(input.WorkingDays, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days)
            || days < RectificationFlow.MinWorkingDays || days > RectificationFlow.MaxWorkingDays)
        {
            problems.Add($"整改期限应为 {RectificationFlow.MinWorkingDays} 到 {RectificationFlow.MaxWorkingDays} 个工作日。");
        }

        if (problems.Count > 0)
        {
            return (problems, null);
        }

        var calendar = (await rules.GetAsync(cancellationToken)).Calendar;
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new RectificationRecord
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            AgencyId = agency!.Id,
            RaisedByAgencyId = staff.AgencyId,
            Source = input.Source,
            SourceRef = string.IsNullOrWhiteSpace(input.SourceRef) ? null : input.SourceRef.Trim(),
            ReportYear = input.ReportYear,
            Title = input.Title!.Trim(),
            Detail = input.Detail!.Trim(),
            RaisedOn = Today,
            WorkingDays = days,
            DueOn = RectificationFlow.DueOn(calendar, Today, days),
            State = RectificationState.Raised,
            RaisedBy = staff.DisplayName,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        db.Rectifications.Add(record);
        audit.Record(RaisedAction, "Rectification", record.Id.ToString(),
            $"向{agency.Name}提出整改（{RectificationFlow.SourceLabel(record.Source)}）：{record.Title}，{days} 个工作日内（{DateText.Iso(record.DueOn)} 前）答复", agency.Id);
        await db.SaveChangesAsync(cancellationToken);
        return ([], record.Id);
    }

    /// <summary>
    /// Takes a step; returns the refusal (null on success). The record must be tracked by this request's context;
    /// whatever else the caller added to it (an answer's files) is saved with the step. <paramref name="auditNote"/> is
    /// added to the audit line (the files' names).
    /// </summary>
    public async Task<string?> ActAsync(RectificationRecord record, RectificationAction action, string? text, int revision, CancellationToken cancellationToken, string? auditNote = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (await PartyAsync(record, cancellationToken) is not { } party)
        {
            return "无权办理该整改事项。";
        }

        if (text is { Length: > 4000 })
        {
            return "内容不超过 4000 字。";
        }

        if (revision != record.Revision)
        {
            return "该整改事项刚被他人办理过，请查看最新状态后再操作。";
        }

        if (RectificationFlow.Refusal(record.State, action, party, text) is { } refusal)
        {
            return refusal;
        }

        record.State = RectificationFlow.Apply(record.State, action, party, text);
        var trimmed = text?.Trim();
        switch (action)
        {
            case RectificationAction.Answer:
                record.Answer = trimmed;
                record.AnsweredOn = Today;
                break;
            case RectificationAction.Return:
                record.ReturnReason = trimmed;
                break;
            default:
                record.ClosedOn = Today;
                break;
        }

        record.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        record.Revision++;
        audit.Record(AuditAction(action), "Rectification", record.Id.ToString(),
            $"{RectificationFlow.ActionLabel(action)}：{record.Title}" + (string.IsNullOrEmpty(trimmed) ? "" : $"。{trimmed}") + (auditNote is null ? "" : $"（{auditNote}）"), record.AgencyId);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return "该整改事项刚被他人办理过，请查看最新状态后再操作。";
        }

        return null;
    }

    /// <summary>
    /// Re-checks a rectification raised from a report finding against the agency's latest report for that year (the
    /// rule catalogue runs again on every read, so a newly published version is checked as soon as it exists). Null
    /// for other sources.
    /// </summary>
    public async Task<Recheck?> RecheckAsync(RectificationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Source != RectificationSource.ReportFinding || record.ReportYear is not { } year || record.SourceRef is not { } ruleId)
        {
            return null;
        }

        if (await reports.ForAgencyAsync(record.AgencyId, year, cancellationToken: cancellationToken) is not { Source: not ReportSource.None } report)
        {
            return new Recheck(false, $"{year} 年度报告尚未提交，无法复查。");
        }

        var which = report.Source == ReportSource.Platform ? $"第 {report.Version} 版" : "收集的报告";
        var remaining = report.Findings.Count(f => string.Equals(f.RuleId, ruleId, StringComparison.Ordinal));
        return remaining == 0
            ? new Recheck(true, $"已复查：最新的{which}已无 {ruleId} 问题。")
            : new Recheck(false, $"已复查：最新的{which}仍有 {remaining} 处 {ruleId} 问题。");
    }

    /// <summary>The rule a report-finding rectification names, if it is a rule of the catalogue.</summary>
    public static RuleDefinition? Rule(string? ruleId) => RuleCatalogue.All.FirstOrDefault(r => string.Equals(r.Id, ruleId, StringComparison.Ordinal));
}

using Gongkai.Applications;
using Gongkai.Calendar;

namespace Gongkai.Web.Applications.Actions;

public sealed class OfflineReplyInput : CaseActionInput
{
    public Outcome? Outcome { get; set; }

    /// <summary>The reasons the reply gives, where the outcome needs them.</summary>
    public string? Reason { get; set; }

    public DeliveryMethod? Delivery { get; set; }

    /// <summary>By post: the posting date (交邮日期), which counts as the reply date.</summary>
    public DateOnly? PostedOn { get; set; }

    /// <summary>The case's scan of the sealed reply (an attachment of kind 盖章文书扫描件).</summary>
    public Guid? ScanId { get; set; }

    /// <summary>Why the reply was made outside the platform.</summary>
    public string? Explanation { get; set; }
}

/// <summary>
/// 登记平台外答复: a reply made and sent outside the platform (a letter sealed on paper) is recorded only with its scan
/// and the reason it was not issued here. Every other reply is an issued letter (<see cref="Letters.LetterDrafts.IssueAsync"/>).
/// </summary>
public sealed class OfflineReply : EventAction<OfflineReplyInput>
{
    public override string Key => "offline-reply";

    public override string Label => "登记平台外答复";

    public override string Description => "答复书未在本平台签发（例如纸质盖章后直接送出）时，凭答复书扫描件登记答复，并说明原因；办理结果即年度报告表三的统计行。在本平台答复请起草答复书，经审批后签发。";

    public override string? FieldNote => "scanId 为本申请“盖章文书扫描件”附件的 ID（先上传附件）；explanation 为未在平台签发的原因";

    public override int Order => 14;

    protected override IReadOnlyDictionary<EventField, string> RefusalFields { get; } = new Dictionary<EventField, string>
    {
        [EventField.Date] = nameof(OfflineReplyInput.Date),
        [EventField.Reason] = nameof(OfflineReplyInput.Reason),
        [EventField.PostedOn] = nameof(OfflineReplyInput.PostedOn),
    };

    protected override CaseEvent Probe(CaseProbe probe) => new Replied(probe.Now, probe.By, Outcome.Granted, null, DeliveryMethod.Direct);

    protected override async Task<(CaseEvent Event, string Summary)?> BuildAsync(CaseActionRun run, OfflineReplyInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        var explanation = string.IsNullOrWhiteSpace(input.Explanation) ? null : input.Explanation.Trim();
        var scans = await run.Desk.ScansAsync(run.Record, cancellationToken);
        var scan = scans.FirstOrDefault(s => s.Id == input.ScanId);
        run.Require(input.Outcome is null, nameof(OfflineReplyInput.Outcome), "请选择办理结果。");
        run.Require(input.Delivery is null, nameof(OfflineReplyInput.Delivery), "请选择送达方式。");
        run.Require(input.PostedOn > run.Today, nameof(OfflineReplyInput.PostedOn), "交邮日期不能晚于今天；交邮后再登记答复。");
        run.Require(
            scan.Name is null,
            nameof(OfflineReplyInput.ScanId),
            scans.Count == 0 ? "请先在“附件”中上传盖章答复书的扫描件（类型：盖章文书扫描件），再登记平台外答复。" : "请选择本申请的盖章答复书扫描件。");
        run.Require(explanation is null, nameof(OfflineReplyInput.Explanation), "请说明答复书为什么没有在本平台签发。");
        run.Require(explanation is { Length: > 500 }, nameof(OfflineReplyInput.Explanation), "原因不能超过500个字。");
        if (run.Errors.Count > 0 || input.Outcome is not { } chosen || input.Delivery is not { } delivery)
        {
            return null;
        }

        var outcome = Outcomes.Get(chosen);
        var posted = input.PostedOn is { } p ? $"，交邮日期 {DateText.Iso(p)}" : "";
        return (new Replied(run.At, run.Actor, outcome.Outcome, reason, delivery, input.PostedOn),
            $"平台外答复：{outcome.Label}（{delivery.Label()}{posted}）" + (reason is null ? "" : $"；理由：{reason}") + $"；扫描件：{scan.Name}；未在平台签发的原因：{explanation}");
    }
}

/// <summary>登记送达.</summary>
public sealed class Deliver : EventAction<CaseActionInput>
{
    public override string Key => "deliver";

    public override string Label => "登记送达";

    public override string Description => "答复已送达申请人。";

    public override int Order => 15;

    protected override CaseEvent Probe(CaseProbe probe) => new Delivered(probe.Now, probe.By);

    protected override Task<(CaseEvent Event, string Summary)?> BuildAsync(CaseActionRun run, CaseActionInput input, CancellationToken cancellationToken) =>
        Task.FromResult<(CaseEvent, string)?>((new Delivered(run.At, run.Actor), "答复已送达申请人"));
}

/// <summary>归档.</summary>
public sealed class Archive : EventAction<CaseActionInput>
{
    public override string Key => "archive";

    public override string Label => "归档";

    public override string Description => "已送达或已终止办理的申请归档。";

    public override int Order => 16;

    protected override CaseEvent Probe(CaseProbe probe) => new Archived(probe.Now, probe.By);

    protected override Task<(CaseEvent Event, string Summary)?> BuildAsync(CaseActionRun run, CaseActionInput input, CancellationToken cancellationToken) =>
        Task.FromResult<(CaseEvent, string)?>((new Archived(run.At, run.Actor), "归档"));
}

public sealed class WithdrawInput : CaseActionInput
{
    public string? Reason { get; set; }
}

/// <summary>申请人撤回 (表三（六）3).</summary>
public sealed class Withdraw : EventAction<WithdrawInput>
{
    public override string Key => "withdraw";

    public override string Label => "申请人撤回";

    public override string Description => "申请人撤回申请，终止办理（年度报告表三（六）3）。";

    public override int Order => 17;

    protected override CaseEvent Probe(CaseProbe probe) => new Withdrawn(probe.Now, probe.By);

    protected override Task<(CaseEvent Event, string Summary)?> BuildAsync(CaseActionRun run, WithdrawInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        return Task.FromResult<(CaseEvent, string)?>((new Withdrawn(run.At, run.Actor, reason), "申请人撤回申请" + (reason is null ? "" : $"：{reason}")));
    }
}

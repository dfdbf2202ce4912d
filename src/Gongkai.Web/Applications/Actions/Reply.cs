using Gongkai.Applications;
using Gongkai.Calendar;

namespace Gongkai.Web.Applications.Actions;

public sealed class ReplyInput : CaseActionInput
{
    public Outcome? Outcome { get; set; }

    /// <summary>Required where the outcome needs one.</summary>
    public string? Reason { get; set; }

    public DeliveryMethod? Delivery { get; set; }

    /// <summary>By post: the posting date (交邮日期), which counts as the reply date.</summary>
    public DateOnly? PostedOn { get; set; }
}

/// <summary>答复: the outcome is the table 三 row the case is counted in.</summary>
public sealed class Reply : EventAction<ReplyInput>
{
    public override string Key => "reply";

    public override string Label => "答复";

    public override string Description => "作出答复：办理结果即年度报告表三的统计行；邮寄送达的以交邮日期为答复日期。";

    public override int Order => 14;

    protected override IReadOnlyDictionary<EventField, string> RefusalFields { get; } = new Dictionary<EventField, string>
    {
        [EventField.Date] = nameof(ReplyInput.Date),
        [EventField.Reason] = nameof(ReplyInput.Reason),
        [EventField.PostedOn] = nameof(ReplyInput.PostedOn),
    };

    protected override CaseEvent Probe(CaseProbe probe) => new Replied(probe.Now, probe.By, Outcome.Granted, null, DeliveryMethod.Direct);

    protected override Task<(CaseEvent Event, string Summary)?> BuildAsync(CaseActionRun run, ReplyInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        run.Require(input.Outcome is null, nameof(ReplyInput.Outcome), "请选择办理结果。");
        run.Require(input.Delivery is null, nameof(ReplyInput.Delivery), "请选择送达方式。");
        run.Require(input.PostedOn > run.Today, nameof(ReplyInput.PostedOn), "交邮日期不能晚于今天；交邮后再登记答复。");
        if (run.Errors.Count > 0 || input.Outcome is not { } chosen || input.Delivery is not { } delivery)
        {
            return Task.FromResult<(CaseEvent, string)?>(null);
        }

        var outcome = Outcomes.Get(chosen);
        var posted = input.PostedOn is { } p ? $"，交邮日期 {DateText.Iso(p)}" : "";
        return Task.FromResult<(CaseEvent, string)?>((new Replied(run.At, run.Actor, outcome.Outcome, reason, delivery, input.PostedOn),
            $"答复：{outcome.Label}（{delivery.Label()}{posted}）" + (reason is null ? "" : $"；理由：{reason}")));
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

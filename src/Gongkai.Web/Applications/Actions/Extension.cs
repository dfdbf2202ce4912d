using Gongkai.Applications;

namespace Gongkai.Web.Applications.Actions;

public sealed class ExtensionInput : CaseActionInput
{
    /// <summary>Working days (1–20).</summary>
    public int? WorkingDays { get; set; }

    public string? Reason { get; set; }
}

/// <summary>
/// 申请延期: the handler asks; the office head approves (<see cref="ApproveExtension"/>). The request is kept on the
/// record, not as an event: only the approval is one.
/// </summary>
public sealed class RequestExtension : CaseAction<ExtensionInput>
{
    public override string Key => "request-extension";

    public override string Label => "申请延期";

    public override string Description => "经办人提出延长答复期限（最长20个工作日），等待政府信息公开工作机构负责人批准（条例第三十三条）。";

    public override int Order => 8;

    protected override IReadOnlyDictionary<EventField, string> RefusalFields { get; } = new Dictionary<EventField, string>
    {
        [EventField.Date] = nameof(ExtensionInput.Date),
        [EventField.WorkingDays] = nameof(ExtensionInput.WorkingDays),
        [EventField.Reason] = nameof(ExtensionInput.Reason),
    };

    public override string? Refusal(CaseProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return probe.Record.ExtensionRequestedDays is not null
            ? CaseRefusal.ExtensionRequestPending().Message
            : probe.Check(new ExtensionApproved(probe.Now, probe.Head, 1, "（检查）"));
    }

    protected override async Task<CaseActionResult> RunAsync(CaseActionRun run, ExtensionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        run.Require(input.WorkingDays is null, nameof(ExtensionInput.WorkingDays), "请填写需要延长的工作日数（1至20）。");
        run.Require(reason is null, nameof(ExtensionInput.Reason), "请写明需要延长答复期限的理由。");
        if (run.Errors.Count > 0 || input.WorkingDays is not { } days)
        {
            return CaseActionResult.Invalid(run.Errors);
        }

        if (run.Record.ExtensionRequestedDays is not null)
        {
            return CaseActionResult.Refused(CaseRefusal.ExtensionRequestPending(), this);
        }

        // The request must be one the office head could approve today: same rules as the approval itself.
        if (run.Application.Check(new ExtensionApproved(run.At, new Actor("（负责人）", ActorRole.OfficeHead), days, reason!), run.Rules) is { } refusal)
        {
            return CaseActionResult.Refused(refusal, this);
        }

        run.Record.ExtensionRequestedDays = days;
        run.Record.ExtensionRequestReason = CaseActionRun.Clip(reason!, 500);
        run.Record.ExtensionRequestedById = run.Staff.UserId;
        run.Record.ExtensionRequestedByName = run.Staff.DisplayName;
        run.Record.ExtensionRequestedOn = DateOnly.FromDateTime(run.At.DateTime);
        return await run.SaveChangeAsync(this, CaseLabels.Invariant($"申请延长答复期限{days}个工作日，等待负责人批准；理由：{reason}"), cancellationToken);
    }
}

/// <summary>批准延期 (条例第三十三条): by the office head, before the original due date, once.</summary>
public sealed class ApproveExtension : EventAction<ExtensionInput>
{
    public override string Key => "approve-extension";

    public override string Label => "批准延期";

    public override string Description => "审核人作为政府信息公开工作机构负责人批准延长答复期限，须在原答复期限届满前，且只能延长一次。";

    public override int Order => 9;

    public override bool ReviewerOnly => true;

    public override string? FieldNote => "workingDays、reason 缺省取待批准的延期申请";

    protected override IReadOnlyDictionary<EventField, string> RefusalFields { get; } = new Dictionary<EventField, string>
    {
        [EventField.Date] = nameof(ExtensionInput.Date),
        [EventField.WorkingDays] = nameof(ExtensionInput.WorkingDays),
        [EventField.Reason] = nameof(ExtensionInput.Reason),
    };

    protected override CaseEvent Probe(CaseProbe probe) => new ExtensionApproved(probe.Now, probe.Head, probe.Record.ExtensionRequestedDays ?? 1, "（检查）");

    protected override Task<(CaseEvent Event, string Summary)?> BuildAsync(CaseActionRun run, ExtensionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        var days = input.WorkingDays ?? run.Record.ExtensionRequestedDays;
        var why = (string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim()) ?? run.Record.ExtensionRequestReason;
        run.Require(days is null, nameof(ExtensionInput.WorkingDays), "请填写延长的工作日数（1至20）。");
        run.Require(why is null, nameof(ExtensionInput.Reason), "请写明延长答复期限的理由。");
        var head = run.Staff.DisplayName;
        return Task.FromResult<(CaseEvent, string)?>(run.Errors.Count > 0 || days is not { } approved
            ? null
            : (new ExtensionApproved(run.At, new Actor(head, ActorRole.OfficeHead), approved, why!),
                CaseLabels.Invariant($"{head}（政府信息公开工作机构负责人）批准延长答复期限{approved}个工作日；理由：{why}")));
    }
}

public sealed class RejectExtensionInput : CaseActionInput
{
    public string? Reason { get; set; }
}

/// <summary>不批准延期: the waiting request is dropped.</summary>
public sealed class RejectExtension : CaseAction<RejectExtensionInput>
{
    public override string Key => "reject-extension";

    public override string Label => "不批准延期";

    public override string Description => "审核人不批准待审批的延期申请。";

    public override int Order => 10;

    public override bool ReviewerOnly => true;

    public override string? Refusal(CaseProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return probe.Record.ExtensionRequestedDays is null ? CaseRefusal.NoExtensionRequest().Message : null;
    }

    protected override async Task<CaseActionResult> RunAsync(CaseActionRun run, RejectExtensionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        if (run.Record.ExtensionRequestedDays is not { } rejected)
        {
            return CaseActionResult.Refused(CaseRefusal.NoExtensionRequest(), this);
        }

        var because = string.IsNullOrWhiteSpace(input.Reason) ? "" : "；理由：" + input.Reason.Trim();
        run.ClearExtensionRequest();
        return await run.SaveChangeAsync(this, CaseLabels.Invariant($"不批准延长答复期限{rejected}个工作日的申请{because}"), cancellationToken);
    }
}

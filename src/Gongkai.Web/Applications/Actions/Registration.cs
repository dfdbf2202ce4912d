using Gongkai.Applications;
using Gongkai.Data.Accounts;

namespace Gongkai.Web.Applications.Actions;

/// <summary>登记: the application is registered and handled from now on.</summary>
public sealed class Register : EventAction<CaseActionInput>
{
    public override string Key => "register";

    public override string Label => "登记";

    public override string Description => "确认收到并登记申请，开始办理。";

    public override int Order => 1;

    protected override CaseEvent Probe(CaseProbe probe) => new Registered(probe.Now, probe.By);

    protected override Task<(CaseEvent Event, string Summary)?> BuildAsync(CaseActionRun run, CaseActionInput input, CancellationToken cancellationToken) =>
        Task.FromResult<(CaseEvent, string)?>((new Registered(run.At, run.Actor), run.Application.Receipt.IsAwaitingConfirmation
            ? $"确认收到在线申请并登记，开始办理；{Gongkai.Calendar.DateText.Iso(DateOnly.FromDateTime(run.At.DateTime))}为收到申请之日"
            : "登记申请，开始办理"));

    /// <summary>Whoever registers a case nobody handles yet takes it on, as at the counter.</summary>
    protected override void Accepted(CaseActionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Record.HandlerId is null && run.Staff.IsInRole(Roles.Handler))
        {
            run.Record.HandlerId = run.Staff.UserId;
        }
    }
}

public sealed class AssignInput : CaseActionInput
{
    /// <summary>The handler: a handler or reviewer of the agency.</summary>
    public Guid? HandlerId { get; set; }
}

/// <summary>分配经办人: not a case event, a change of who handles it.</summary>
public sealed class Assign : CaseAction<AssignInput>
{
    public override string Key => "assign";

    public override string Label => "分配经办人";

    public override string Description => "指定本机关的经办人（经办人或审核人）。";

    public override int Order => 2;

    public override string? Refusal(CaseProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return probe.Application.IsOpen ? null : CaseRefusal.AssignClosed().Message;
    }

    protected override async Task<CaseActionResult> RunAsync(CaseActionRun run, AssignInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        if (!run.Application.IsOpen)
        {
            return CaseActionResult.Refused(CaseRefusal.AssignClosed(), this);
        }

        var handlers = await run.Desk.HandlersAsync(run.Record.AgencyId, cancellationToken);
        var handler = handlers.FirstOrDefault(h => h.Id == input.HandlerId);
        run.Require(handler.Id == Guid.Empty, nameof(AssignInput.HandlerId), "请选择本机关的经办人或审核人。");
        if (run.Errors.Count > 0)
        {
            return CaseActionResult.Invalid(run.Errors);
        }

        run.Record.HandlerId = handler.Id;
        return await run.SaveChangeAsync(this, $"分配经办人：{handler.Name}", cancellationToken);
    }
}

using Gongkai.Applications;
using Gongkai.Calendar;

namespace Gongkai.Web.Applications.Actions;

public sealed class RequestCorrectionInput : CaseActionInput
{
    /// <summary>What the applicant must correct.</summary>
    public string? Items { get; set; }

    /// <summary>The period given to the applicant.</summary>
    public DateOnly? CorrectBy { get; set; }
}

/// <summary>补正告知 (条例第三十条).</summary>
public sealed class RequestCorrection : EventAction<RequestCorrectionInput>
{
    public override string Key => "request-correction";

    public override string Label => "补正告知";

    public override string Description => "申请内容不明确的，自收到申请之日起7个工作日内一次性告知申请人补正（条例第三十条），写明补正事项和合理的补正期限。等待补正期间暂停计时。";

    public override int Order => 3;

    protected override IReadOnlyDictionary<EventField, string> RefusalFields { get; } = new Dictionary<EventField, string>
    {
        [EventField.Date] = nameof(RequestCorrectionInput.Date),
        [EventField.CorrectBy] = nameof(RequestCorrectionInput.CorrectBy),
    };

    protected override CaseEvent Probe(CaseProbe probe) => new CorrectionRequested(probe.Now, probe.By, probe.Today.AddDays(15), "（检查）");

    protected override Task<(CaseEvent Event, string Summary)?> BuildAsync(CaseActionRun run, RequestCorrectionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        var items = input.Items?.Trim();
        run.Require(string.IsNullOrEmpty(items), nameof(RequestCorrectionInput.Items), "请写明需要补正的事项。");
        run.Require(input.CorrectBy is null, nameof(RequestCorrectionInput.CorrectBy), "请填写补正期限。");
        return Task.FromResult<(CaseEvent, string)?>(run.Errors.Count > 0 || input.CorrectBy is not { } correctBy
            ? null
            : (new CorrectionRequested(run.At, run.Actor, correctBy, items!), $"发出补正告知，补正期限至 {DateText.Iso(correctBy)}；补正事项：{items}"));
    }
}

/// <summary>收到补正: the reply period starts again.</summary>
public sealed class ReceiveCorrection : EventAction<CaseActionInput>
{
    public override string Key => "correction-received";

    public override string Label => "收到补正";

    public override string Description => "登记收到补正后的申请：答复期限自该日起重新计算。";

    public override int Order => 4;

    protected override CaseEvent Probe(CaseProbe probe) => new CorrectionReceived(probe.Now, probe.By);

    protected override Task<(CaseEvent Event, string Summary)?> BuildAsync(CaseActionRun run, CaseActionInput input, CancellationToken cancellationToken) =>
        Task.FromResult<(CaseEvent, string)?>((new CorrectionReceived(run.At, run.Actor), "收到补正后的申请，答复期限自该日重新计算"));
}

/// <summary>逾期未补正 (表三（六）1).</summary>
public sealed class CorrectionMissed : EventAction<CaseActionInput>
{
    public override string Key => "correction-missed";

    public override string Label => "逾期未补正";

    public override string Description => "补正期限届满，申请人无正当理由未补正的，视为放弃申请，终止办理（年度报告表三（六）1）。";

    public override int Order => 5;

    protected override CaseEvent Probe(CaseProbe probe) => new CorrectionDeadlineMissed(probe.Now, probe.By);

    protected override Task<(CaseEvent Event, string Summary)?> BuildAsync(CaseActionRun run, CaseActionInput input, CancellationToken cancellationToken) =>
        Task.FromResult<(CaseEvent, string)?>((new CorrectionDeadlineMissed(run.At, run.Actor), "补正期限届满，申请人未补正，视为放弃申请，终止办理"));
}

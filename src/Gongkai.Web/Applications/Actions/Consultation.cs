using Gongkai.Applications;

namespace Gongkai.Web.Applications.Actions;

public sealed class StartConsultationInput : CaseActionInput
{
    public ConsultationKind? ConsultationKind { get; set; }

    /// <summary>The third party or agency consulted.</summary>
    public string? Party { get; set; }
}

/// <summary>征求意见 (条例第三十二条至第三十四条): the time it takes is not counted.</summary>
public sealed class StartConsultation : EventAction<StartConsultationInput>
{
    public override string Key => "start-consultation";

    public override string Label => "征求意见";

    public override string Description => "征求第三方或其他机关意见；征求意见所需时间不计入答复期限（条例第三十二条至第三十四条）。";

    public override int Order => 6;

    protected override IReadOnlyDictionary<EventField, string> RefusalFields { get; } = new Dictionary<EventField, string>
    {
        [EventField.Date] = nameof(StartConsultationInput.Date),
        [EventField.Party] = nameof(StartConsultationInput.Party),
    };

    protected override CaseEvent Probe(CaseProbe probe) => new ConsultationStarted(probe.Now, probe.By, ConsultationKind.ThirdParty, "\u0001");

    protected override Task<(CaseEvent Event, string Summary)?> BuildAsync(CaseActionRun run, StartConsultationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        var party = input.Party?.Trim();
        run.Require(input.ConsultationKind is null, nameof(StartConsultationInput.ConsultationKind), "请选择征求第三方意见还是征求其他机关意见。");
        run.Require(string.IsNullOrEmpty(party), nameof(StartConsultationInput.Party), "请写明被征求意见的第三方或机关。");
        return Task.FromResult<(CaseEvent, string)?>(run.Errors.Count > 0 || input.ConsultationKind is not { } kind
            ? null
            : (new ConsultationStarted(run.At, run.Actor, kind, party!), $"{kind.Label()}：{party}"));
    }
}

public sealed class FinishConsultationInput : CaseActionInput
{
    /// <summary>The party that answered (one of the open consultations).</summary>
    public string? Party { get; set; }
}

/// <summary>收到意见: the pause ends.</summary>
public sealed class FinishConsultation : EventAction<FinishConsultationInput>
{
    public override string Key => "finish-consultation";

    public override string Label => "收到意见";

    public override string Description => "登记被征求意见方的答复：暂停计时到此结束。";

    public override int Order => 7;

    protected override IReadOnlyDictionary<EventField, string> RefusalFields { get; } = new Dictionary<EventField, string>
    {
        [EventField.Date] = nameof(FinishConsultationInput.Date),
        [EventField.Party] = nameof(FinishConsultationInput.Party),
    };

    /// <summary>Offered while a consultation is open; otherwise the engine's reason, or that none is open.</summary>
    public override string? Refusal(CaseProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return probe.Application.Consultations.FirstOrDefault(c => c.AnsweredOn is null) is { } open
            ? probe.Check(new ConsultationAnswered(probe.Now, probe.By, open.Party))
            : probe.Refuse(Probe(probe)) is { Code: not RefusalCode.ConsultationUnknown } refusal
                ? refusal.Message
                : "没有正在进行的征求意见。";
    }

    protected override CaseEvent Probe(CaseProbe probe) => new ConsultationAnswered(probe.Now, probe.By, "");

    protected override Task<(CaseEvent Event, string Summary)?> BuildAsync(CaseActionRun run, FinishConsultationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        var party = input.Party?.Trim();
        run.Require(string.IsNullOrEmpty(party), nameof(FinishConsultationInput.Party), "请选择回复意见的一方。");
        return Task.FromResult<(CaseEvent, string)?>(run.Errors.Count > 0
            ? null
            : (new ConsultationAnswered(run.At, run.Actor, party!), $"收到{party}的意见"));
    }
}

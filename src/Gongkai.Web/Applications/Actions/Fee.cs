using System.Globalization;
using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Fees;

namespace Gongkai.Web.Applications.Actions;

public sealed class FeeNoticeInput : CaseActionInput
{
    public FeeMethod? FeeMethod { get; set; }

    /// <summary>By pages: the number of pages.</summary>
    public int? Pages { get; set; }

    /// <summary>The day the applicant received the notice.</summary>
    public DateOnly? NoticeReceivedOn { get; set; }
}

/// <summary>收费通知 (国办函〔2020〕109号): sent within the reply period; the payment period pauses the clock.</summary>
public sealed class FeeNotice : EventAction<FeeNoticeInput>
{
    public override string Key => "fee-notice";

    public override string Label => "收费通知";

    public override string Description => "按《政府信息公开信息处理费管理办法》发出收费通知，按件或按量择一计收，须在答复期限内发出；缴费期间暂停计时。";

    public override int Order => 11;

    public override string? FieldNote => "pages 只用于按量计收";

    protected override IReadOnlyDictionary<EventField, string> RefusalFields { get; } = new Dictionary<EventField, string>
    {
        [EventField.Date] = nameof(FeeNoticeInput.Date),
        [EventField.Fee] = nameof(FeeNoticeInput.FeeMethod),
        [EventField.FeeReceivedOn] = nameof(FeeNoticeInput.NoticeReceivedOn),
    };

    protected override CaseEvent Probe(CaseProbe probe) => new FeeNoticeSent(probe.Now, probe.By, InformationProcessingFee.ByPages(31), probe.Today);

    protected override async Task<(CaseEvent Event, string Summary)?> BuildAsync(CaseActionRun run, FeeNoticeInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(input);
        run.Require(input.FeeMethod is null, nameof(FeeNoticeInput.FeeMethod), "请选择按件计收或按量计收。");
        run.Require(input.FeeMethod == FeeMethod.ByPages && input.Pages is null or < 1, nameof(FeeNoticeInput.Pages), "按量计收须填写页数（正整数）。");
        run.Require(input.NoticeReceivedOn is null, nameof(FeeNoticeInput.NoticeReceivedOn), "请填写申请人收到收费通知的日期。");
        run.Require(input.NoticeReceivedOn > run.Today, nameof(FeeNoticeInput.NoticeReceivedOn), "收到日期不能晚于今天；申请人收到通知后再登记。");
        if (run.Errors.Count > 0 || input.NoticeReceivedOn is not { } received)
        {
            return null;
        }

        var quote = input.FeeMethod == FeeMethod.ByCount
            ? InformationProcessingFee.ByCount(1, await run.Desk.EarlierInMonthAsync(run.Record, cancellationToken))
            : InformationProcessingFee.ByPages(input.Pages!.Value);
        return (new FeeNoticeSent(run.At, run.Actor, quote, received),
            $"发出收费通知（{quote.Method.Label()}），应缴信息处理费 {quote.Amount.ToString("#,0.##", CultureInfo.InvariantCulture)} 元，申请人于 {DateText.Iso(received)} 收到");
    }
}

/// <summary>登记缴费.</summary>
public sealed class FeePayment : EventAction<CaseActionInput>
{
    public override string Key => "fee-paid";

    public override string Label => "登记缴费";

    public override string Description => "申请人已缴纳信息处理费。";

    public override int Order => 12;

    protected override CaseEvent Probe(CaseProbe probe) => new FeePaid(probe.Now, probe.By);

    protected override Task<(CaseEvent Event, string Summary)?> BuildAsync(CaseActionRun run, CaseActionInput input, CancellationToken cancellationToken) =>
        Task.FromResult<(CaseEvent, string)?>((new FeePaid(run.At, run.Actor), "申请人已缴纳信息处理费"));
}

/// <summary>逾期未缴费 (表三（六）2).</summary>
public sealed class FeeMissed : EventAction<CaseActionInput>
{
    public override string Key => "fee-unpaid";

    public override string Label => "逾期未缴费";

    public override string Description => "自收到收费通知次日起20个工作日内未缴费的，视为放弃申请，终止办理（年度报告表三（六）2）。";

    public override int Order => 13;

    protected override CaseEvent Probe(CaseProbe probe) => new FeeUnpaid(probe.Now, probe.By);

    protected override Task<(CaseEvent Event, string Summary)?> BuildAsync(CaseActionRun run, CaseActionInput input, CancellationToken cancellationToken) =>
        Task.FromResult<(CaseEvent, string)?>((new FeeUnpaid(run.At, run.Actor), "缴费期限届满，申请人未缴费，视为放弃申请，终止办理"));
}

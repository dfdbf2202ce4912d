using System.Globalization;
using Gongkai.Calendar;

namespace Gongkai.Applications;

/// <summary>
/// Why a case refused an event (or a receipt): a stable <see cref="Code"/> for programs and a Chinese
/// <see cref="Message"/> for people. Every rule of the lifecycle has its own code.
/// </summary>
public sealed record CaseRefusal(string Code, string Message)
{
    public static CaseRefusal ConfirmationRequired(ReceiptChannel channel) => new(
        "receipt-confirmation-required",
        $"{Receipt.Label(channel)}的申请{Receipt.ReceiptRule(channel)}，须填写确认日期。");

    public static CaseRefusal ConfirmationBeforeArrival(DateOnly confirmed, DateOnly arrived) => new(
        "receipt-confirmation-before-arrival",
        $"确认日期 {D(confirmed)} 早于申请到达日期 {D(arrived)}。");

    public static CaseRefusal ConfirmationNotApplicable(ReceiptChannel channel) => new(
        "receipt-confirmation-not-applicable",
        $"{Receipt.Label(channel)}的申请{Receipt.ReceiptRule(channel)}，不使用确认日期。");

    public static CaseRefusal EventBeforePrevious(DateOnly date, DateOnly previous) => new(
        "event-out-of-order",
        $"事件日期 {D(date)} 早于上一事件日期 {D(previous)}，事件须按时间顺序登记。");

    public static CaseRefusal EventBeforeArrival(DateOnly date, DateOnly arrived) => new(
        "event-before-receipt",
        $"事件日期 {D(date)} 早于申请到达日期 {D(arrived)}。");

    public static CaseRefusal ConcludedBeforeReceipt(DateOnly date, Receipt receipt) => new(
        "concluded-before-receipt",
        $"办结日期 {D(date)} 早于收到申请之日 {D(receipt.ReceiptDate)}（{Receipt.Label(receipt.Channel)}，{Receipt.ReceiptRule(receipt.Channel)}），申请不能在收到之前办结；请核对办结日期。");

    public static CaseRefusal AlreadyRegistered() => new("already-registered", "申请已经登记，不能重复登记。");

    public static CaseRefusal NotRegistered(string action) => new("not-registered", $"申请尚未登记，不能{action}。");

    public static CaseRefusal Closed(CaseState state, string action) => new(
        "case-closed", $"申请{CaseStates.Label(state)}，不能再{action}。");

    public static CaseRefusal AwaitingCorrection(string action) => new(
        "awaiting-correction", $"申请正在等待补正，不能{action}；应先登记收到补正材料，或按逾期未补正处理。");

    public static CaseRefusal CorrectionTwice() => new(
        "correction-twice", "补正应一次性告知（条例第三十条），本申请已经发出过补正告知。");

    public static CaseRefusal CorrectionTooLate(DateOnly latest, DateOnly date) => new(
        "correction-too-late",
        $"补正告知应在收到申请之日起7个工作日内发出（最迟 {D(latest)}），{D(date)} 已超过。");

    public static CaseRefusal CorrectionAfterProcessingStarted() => new(
        "correction-after-processing", "已经征求意见、延长答复期限或发出收费通知，不能再要求补正。");

    public static CaseRefusal CorrectionPeriodInvalid(DateOnly correctBy, DateOnly date) => new(
        "correction-period-invalid", $"补正期限 {D(correctBy)} 应晚于补正告知日期 {D(date)}。");

    public static CaseRefusal NoCorrectionPending(string action) => new(
        "no-correction-pending", $"没有待补正的告知，不能{action}。");

    public static CaseRefusal CorrectionNotOverdue(DateOnly correctBy) => new(
        "correction-not-overdue", $"补正期限 {D(correctBy)} 尚未届满，不能按逾期未补正处理。");

    public static CaseRefusal ConsultationAlreadyOpen(string party) => new(
        "consultation-open", $"对「{party}」的征求意见尚未结束，不能重复发起。");

    public static CaseRefusal ConsultationUnknown(string party) => new(
        "consultation-unknown", $"没有正在进行的对「{party}」的征求意见。");

    public static CaseRefusal ConsultationAfterDue(DateOnly due) => new(
        "consultation-after-due", $"答复期限已于 {D(due)} 届满，不能再以征求意见中止计时。");

    public static CaseRefusal PartyRequired() => new("consultation-party-required", "征求意见须写明被征求意见的第三方或机关。");

    public static CaseRefusal ExtensionTwice() => new(
        "extension-twice", "答复期限只能延长一次（条例第三十三条），本申请已经延长过。");

    public static CaseRefusal ExtensionAfterDue(DateOnly due, DateOnly date) => new(
        "extension-after-due", $"延长答复期限须在原答复期限 {D(due)} 届满前批准，{D(date)} 已超过。");

    public static CaseRefusal ExtensionApprover(string name) => new(
        "extension-approver", $"延长答复期限须经政府信息公开工作机构负责人同意，「{name}」不是负责人。");

    public static CaseRefusal ExtensionDays(int days, int max) => new(
        "extension-days", string.Create(CultureInfo.InvariantCulture, $"延长的期限应为1至{max}个工作日，{days}个工作日不符合。"));

    public static CaseRefusal ExtensionReasonRequired() => new("extension-reason-required", "延长答复期限须写明理由。");

    public static CaseRefusal FeeTwice() => new(
        "fee-twice", "本申请已经发出过收费通知；同一申请只能按件或按量择一计收，不能重复收费。");

    public static CaseRefusal FeeZero() => new("fee-zero", "应收信息处理费为0元，不需要发出收费通知。");

    public static CaseRefusal FeeAfterDue(DateOnly due) => new(
        "fee-after-due", $"收费通知应在答复期限内发出，答复期限已于 {D(due)} 届满。");

    public static CaseRefusal FeeNoticeReceivedBeforeSent(DateOnly received, DateOnly sent) => new(
        "fee-received-before-sent", $"申请人收到收费通知的日期 {D(received)} 早于发出日期 {D(sent)}。");

    public static CaseRefusal NoFeePending(string action) => new("no-fee-pending", $"没有待缴费的收费通知，不能{action}。");

    public static CaseRefusal FeeNotOverdue(DateOnly due) => new(
        "fee-not-overdue", $"缴费期限（自收到收费通知次日起20个工作日）至 {D(due)} 尚未届满，不能按逾期未缴费处理。");

    public static CaseRefusal FeePaidAfterDue(DateOnly due, int workingDays, DateOnly date) => new(
        "fee-paid-after-due",
        string.Create(CultureInfo.InvariantCulture,
            $"缴费期限（自收到收费通知次日起{workingDays}个工作日）已于 {D(due)} 届满，{D(date)} 不能再登记缴费。申请人在期限内已缴费的，请以实际缴费日期登记；逾期未缴费的，应按逾期未缴费处理。"));

    public static CaseRefusal FeePending() => new(
        "fee-pending", "收费通知尚未缴费，不能答复；应在缴费后答复，或在缴费期限届满后按逾期未缴费处理。");

    public static CaseRefusal ReasonRequired(OutcomeDefinition outcome) => new(
        "reason-required", $"办理结果「{outcome.Label}」须说明理由（依据：{outcome.LegalBasis}）。");

    public static CaseRefusal OutcomeNeedsEvent(OutcomeDefinition outcome) => new(
        "outcome-needs-event",
        outcome.Origin == OutcomeOrigin.FeeUnpaid
            ? $"「{outcome.Label}」只能在缴费期限届满后通过“逾期未缴费”登记，不能作为答复结果直接选择。"
            : $"「{outcome.Label}」只能在补正期限届满后通过“逾期未补正”登记，不能作为答复结果直接选择。");

    public static CaseRefusal UnclearWithoutCorrection(OutcomeDefinition outcome) => new(
        "unclear-without-correction", $"「{outcome.Label}」只适用于已经补正的申请，本申请没有补正。");

    public static CaseRefusal PostedOnRequired() => new("posted-on-required", "邮寄送达的答复须填写交邮日期。");

    public static CaseRefusal PostedBeforeReply(DateOnly posted, DateOnly replied) => new(
        "posted-before-reply", $"交邮日期 {D(posted)} 早于答复日期 {D(replied)}。");

    public static CaseRefusal PostedOnNotApplicable() => new("posted-on-not-applicable", "只有邮寄送达才填写交邮日期。");

    public static CaseRefusal NotReplied(string action) => new("not-replied", $"申请尚未答复，不能{action}。");

    public static CaseRefusal AlreadyDelivered() => new("already-delivered", "答复已经送达，不能重复登记。");

    public static CaseRefusal DeliveredBeforePosting(DateOnly date, DateOnly posted) => new(
        "delivered-before-posting", $"送达日期 {D(date)} 早于交邮日期 {D(posted)}。");

    public static CaseRefusal NotReadyToArchive(CaseState state) => new(
        "archive-not-ready", $"只有已送达、已撤回或已终止办理的申请才能归档，本申请{CaseStates.Label(state)}。");

    internal static string D(DateOnly date) => DateText.Iso(date);
}

/// <summary>Thrown when an event or a receipt breaks a lifecycle rule; carries the <see cref="CaseRefusal"/>.</summary>
public sealed class CaseRuleException : InvalidOperationException
{
    public CaseRuleException(CaseRefusal refusal)
        : base((refusal ?? throw new ArgumentNullException(nameof(refusal))).Message) => Refusal = refusal;

    public CaseRefusal Refusal { get; }
}

using System.Globalization;
using Gongkai.Calendar;

namespace Gongkai.Applications;

/// <summary>
/// Why a case refused an event (or a receipt): a stable <see cref="Code"/> for programs, a Chinese
/// <see cref="Message"/> for people, and the part of the event it concerns (<see cref="Field"/>, null when it concerns
/// the case as a whole), so a form shows the reason next to that field. Every rule of the lifecycle has its own code.
/// </summary>
public sealed record CaseRefusal(RefusalCode Code, string Message, EventField? Field = null)
{
    public static CaseRefusal ConfirmationRequired(ReceiptChannel channel) => new(
        RefusalCode.ReceiptConfirmationRequired,
        $"{Receipt.Label(channel)}的申请{Receipt.ReceiptRule(channel)}，须填写确认日期。", EventField.ConfirmedOn);

    public static CaseRefusal ConfirmationBeforeArrival(DateOnly confirmed, DateOnly arrived) => new(
        RefusalCode.ReceiptConfirmationBeforeArrival,
        $"确认日期 {D(confirmed)} 早于申请到达日期 {D(arrived)}。", EventField.ConfirmedOn);

    public static CaseRefusal ConfirmationNotApplicable(ReceiptChannel channel) => new(
        RefusalCode.ReceiptConfirmationNotApplicable,
        $"{Receipt.Label(channel)}的申请{Receipt.ReceiptRule(channel)}，不使用确认日期。", EventField.ConfirmedOn);

    public static CaseRefusal EventBeforePrevious(DateOnly date, DateOnly previous) => new(
        RefusalCode.EventOutOfOrder,
        $"事件日期 {D(date)} 早于上一事件日期 {D(previous)}，事件须按时间顺序登记。", EventField.Date);

    public static CaseRefusal EventBeforeArrival(DateOnly date, DateOnly arrived) => new(
        RefusalCode.EventBeforeReceipt,
        $"事件日期 {D(date)} 早于申请到达日期 {D(arrived)}。", EventField.Date);

    public static CaseRefusal ConcludedBeforeReceipt(DateOnly date, Receipt receipt) => new(
        RefusalCode.ConcludedBeforeReceipt,
        $"办结日期 {D(date)} 早于收到申请之日 {D(receipt.ReceiptDate ?? receipt.ArrivedOn)}（{Receipt.Label(receipt.Channel)}，{Receipt.ReceiptRule(receipt.Channel)}），申请不能在收到之前办结；请核对办结日期。", EventField.Date);

    public static CaseRefusal AlreadyRegistered() => new(RefusalCode.AlreadyRegistered, "申请已经登记，不能重复登记。");

    public static CaseRefusal NotRegistered(string action) => new(RefusalCode.NotRegistered, $"申请尚未登记，不能{action}。");

    public static CaseRefusal Closed(CaseState state, string action) => new(
        RefusalCode.CaseClosed, $"申请{CaseStates.Label(state)}，不能再{action}。");

    public static CaseRefusal AwaitingCorrection(string action) => new(
        RefusalCode.AwaitingCorrection, $"申请正在等待补正，不能{action}；应先登记收到补正材料，或按逾期未补正处理。");

    public static CaseRefusal CorrectionTwice() => new(
        RefusalCode.CorrectionTwice, "补正应一次性告知（条例第三十条），本申请已经发出过补正告知。");

    public static CaseRefusal CorrectionTooLate(DateOnly latest, DateOnly date) => new(
        RefusalCode.CorrectionTooLate,
        $"补正告知应在收到申请之日起7个工作日内发出（最迟 {D(latest)}），{D(date)} 已超过。", EventField.Date);

    public static CaseRefusal CorrectionAfterProcessingStarted() => new(
        RefusalCode.CorrectionAfterProcessing, "已经征求意见、延长答复期限或发出收费通知，不能再要求补正。");

    public static CaseRefusal CorrectionPeriodInvalid(DateOnly correctBy, DateOnly date) => new(
        RefusalCode.CorrectionPeriodInvalid, $"补正期限 {D(correctBy)} 应晚于补正告知日期 {D(date)}。", EventField.CorrectBy);

    public static CaseRefusal NoCorrectionPending(string action) => new(
        RefusalCode.NoCorrectionPending, $"没有待补正的告知，不能{action}。");

    public static CaseRefusal CorrectionNotOverdue(DateOnly correctBy) => new(
        RefusalCode.CorrectionNotOverdue, $"补正期限 {D(correctBy)} 尚未届满，不能按逾期未补正处理。", EventField.Date);

    public static CaseRefusal ConsultationAlreadyOpen(string party) => new(
        RefusalCode.ConsultationOpen, $"对「{party}」的征求意见尚未结束，不能重复发起。", EventField.Party);

    public static CaseRefusal ConsultationUnknown(string party) => new(
        RefusalCode.ConsultationUnknown, $"没有正在进行的对「{party}」的征求意见。", EventField.Party);

    public static CaseRefusal ConsultationAfterDue(DateOnly due) => new(
        RefusalCode.ConsultationAfterDue, $"答复期限已于 {D(due)} 届满，不能再以征求意见中止计时。");

    public static CaseRefusal PartyRequired() => new(RefusalCode.ConsultationPartyRequired, "征求意见须写明被征求意见的第三方或机关。", EventField.Party);

    public static CaseRefusal ExtensionTwice() => new(
        RefusalCode.ExtensionTwice, "答复期限只能延长一次（条例第三十三条），本申请已经延长过。");

    public static CaseRefusal ExtensionAfterDue(DateOnly due, DateOnly date) => new(
        RefusalCode.ExtensionAfterDue, $"延长答复期限须在原答复期限 {D(due)} 届满前批准，{D(date)} 已超过。", EventField.Date);

    public static CaseRefusal ExtensionApprover(string name) => new(
        RefusalCode.ExtensionApprover, $"延长答复期限须经政府信息公开工作机构负责人同意，「{name}」不是负责人。");

    public static CaseRefusal ExtensionDays(int days, int max) => new(
        RefusalCode.ExtensionDays, string.Create(CultureInfo.InvariantCulture, $"延长的期限应为1至{max}个工作日，{days}个工作日不符合。"), EventField.WorkingDays);

    public static CaseRefusal ExtensionReasonRequired() => new(RefusalCode.ExtensionReasonRequired, "延长答复期限须写明理由。", EventField.Reason);

    public static CaseRefusal FeeTwice() => new(
        RefusalCode.FeeTwice, "本申请已经发出过收费通知；同一申请只能按件或按量择一计收，不能重复收费。");

    public static CaseRefusal FeeZero() => new(RefusalCode.FeeZero, "应收信息处理费为0元，不需要发出收费通知。", EventField.Fee);

    public static CaseRefusal FeeAfterDue(DateOnly due) => new(
        RefusalCode.FeeAfterDue, $"收费通知应在答复期限内发出，答复期限已于 {D(due)} 届满。");

    public static CaseRefusal FeeNoticeReceivedBeforeSent(DateOnly received, DateOnly sent) => new(
        RefusalCode.FeeReceivedBeforeSent, $"申请人收到收费通知的日期 {D(received)} 早于发出日期 {D(sent)}。", EventField.FeeReceivedOn);

    public static CaseRefusal NoFeePending(string action) => new(RefusalCode.NoFeePending, $"没有待缴费的收费通知，不能{action}。");

    public static CaseRefusal FeeNotOverdue(DateOnly due) => new(
        RefusalCode.FeeNotOverdue, $"缴费期限（自收到收费通知次日起20个工作日）至 {D(due)} 尚未届满，不能按逾期未缴费处理。", EventField.Date);

    public static CaseRefusal FeePaidAfterDue(DateOnly due, int workingDays, DateOnly date) => new(
        RefusalCode.FeePaidAfterDue,
        string.Create(CultureInfo.InvariantCulture,
            $"缴费期限（自收到收费通知次日起{workingDays}个工作日）已于 {D(due)} 届满，{D(date)} 不能再登记缴费。申请人在期限内已缴费的，请以实际缴费日期登记；逾期未缴费的，应按逾期未缴费处理。"), EventField.Date);

    public static CaseRefusal FeePending() => new(
        RefusalCode.FeePending, "收费通知尚未缴费，不能答复；应在缴费后答复，或在缴费期限届满后按逾期未缴费处理。");

    public static CaseRefusal ReasonRequired(OutcomeDefinition outcome) => new(
        RefusalCode.ReasonRequired, $"办理结果「{outcome.Label}」须说明理由（依据：{outcome.LegalBasis}）。", EventField.Reason);

    public static CaseRefusal OutcomeNeedsEvent(OutcomeDefinition outcome) => new(
        RefusalCode.OutcomeNeedsEvent,
        outcome.Origin == OutcomeOrigin.FeeUnpaid
            ? $"「{outcome.Label}」只能在缴费期限届满后通过“逾期未缴费”登记，不能作为答复结果直接选择。"
            : $"「{outcome.Label}」只能在补正期限届满后通过“逾期未补正”登记，不能作为答复结果直接选择。");

    public static CaseRefusal UnclearWithoutCorrection(OutcomeDefinition outcome) => new(
        RefusalCode.UnclearWithoutCorrection, $"「{outcome.Label}」只适用于已经补正的申请，本申请没有补正。");

    public static CaseRefusal PostedOnRequired() => new(RefusalCode.PostedOnRequired, "邮寄送达的答复须填写交邮日期。", EventField.PostedOn);

    public static CaseRefusal PostedBeforeReply(DateOnly posted, DateOnly replied) => new(
        RefusalCode.PostedBeforeReply, $"交邮日期 {D(posted)} 早于答复日期 {D(replied)}。", EventField.PostedOn);

    public static CaseRefusal PostedOnNotApplicable() => new(RefusalCode.PostedOnNotApplicable, "只有邮寄送达才填写交邮日期。", EventField.PostedOn);

    public static CaseRefusal NotReplied(string action) => new(RefusalCode.NotReplied, $"申请尚未答复，不能{action}。");

    public static CaseRefusal AlreadyDelivered() => new(RefusalCode.AlreadyDelivered, "答复已经送达，不能重复登记。");

    public static CaseRefusal DeliveredBeforePosting(DateOnly date, DateOnly posted) => new(
        RefusalCode.DeliveredBeforePosting, $"送达日期 {D(date)} 早于交邮日期 {D(posted)}。", EventField.Date);

    public static CaseRefusal NotReadyToArchive(CaseState state) => new(
        RefusalCode.ArchiveNotReady, $"只有已送达、已撤回或已终止办理的申请才能归档，本申请{CaseStates.Label(state)}。");

    public static CaseRefusal ExtensionRequestPending() => new(RefusalCode.ExtensionRequestPending, "已有延期申请等待审核人批准，不能重复提出。");

    public static CaseRefusal NoExtensionRequest() => new(RefusalCode.NoExtensionRequest, "没有待审批的延期申请。");

    public static CaseRefusal AssignClosed() => new(RefusalCode.CaseClosed, "申请已办结，无需再分配经办人。");

    internal static string D(DateOnly date) => DateText.Iso(date);
}

/// <summary>The rules a case can refuse an event by; the API writes them in kebab case (<c>not-registered</c>).</summary>
public enum RefusalCode
{
    ReceiptConfirmationRequired,
    ReceiptConfirmationBeforeArrival,
    ReceiptConfirmationNotApplicable,
    EventOutOfOrder,
    EventBeforeReceipt,
    ConcludedBeforeReceipt,
    AlreadyRegistered,
    NotRegistered,
    CaseClosed,
    AwaitingCorrection,
    CorrectionTwice,
    CorrectionTooLate,
    CorrectionAfterProcessing,
    CorrectionPeriodInvalid,
    NoCorrectionPending,
    CorrectionNotOverdue,
    ConsultationOpen,
    ConsultationUnknown,
    ConsultationAfterDue,
    ConsultationPartyRequired,
    ExtensionTwice,
    ExtensionAfterDue,
    ExtensionApprover,
    ExtensionDays,
    ExtensionReasonRequired,
    FeeTwice,
    FeeZero,
    FeeAfterDue,
    FeeReceivedBeforeSent,
    NoFeePending,
    FeeNotOverdue,
    FeePaidAfterDue,
    FeePending,
    ReasonRequired,
    OutcomeNeedsEvent,
    UnclearWithoutCorrection,
    PostedOnRequired,
    PostedBeforeReply,
    PostedOnNotApplicable,
    NotReplied,
    AlreadyDelivered,
    DeliveredBeforePosting,
    ArchiveNotReady,
    ExtensionRequestPending,
    NoExtensionRequest,
}

/// <summary>The part of an event (or receipt) a refusal concerns.</summary>
public enum EventField
{
    /// <summary>The day the event happened.</summary>
    Date,

    /// <summary>The receipt's confirmation date.</summary>
    ConfirmedOn,

    /// <summary>The correction period given to the applicant.</summary>
    CorrectBy,

    /// <summary>The party consulted.</summary>
    Party,

    /// <summary>The working days of an extension.</summary>
    WorkingDays,

    /// <summary>The reason given (for an outcome or an extension).</summary>
    Reason,

    /// <summary>The fee (its method and amount).</summary>
    Fee,

    /// <summary>The day the applicant received the fee notice.</summary>
    FeeReceivedOn,

    /// <summary>The posting date of a reply by post.</summary>
    PostedOn,
}

/// <summary>Thrown when an event or a receipt breaks a lifecycle rule; carries the <see cref="CaseRefusal"/>.</summary>
public sealed class CaseRuleException : InvalidOperationException
{
    public CaseRuleException(CaseRefusal refusal)
        : base((refusal ?? throw new ArgumentNullException(nameof(refusal))).Message) => Refusal = refusal;

    public CaseRefusal Refusal { get; }
}

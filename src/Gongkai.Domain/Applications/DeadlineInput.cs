using Gongkai.Calendar;

namespace Gongkai.Applications;

/// <summary>Why the reply clock stopped.</summary>
public enum PauseKind
{
    /// <summary>征求第三方或其他机关意见: not counted (条例第三十三条第二款).</summary>
    Consultation,

    /// <summary>From the fee notice until payment, when <see cref="DeadlinePolicy.FeeStopsClock"/>.</summary>
    FeePayment,
}

/// <summary>
/// A stretch in which the reply clock stands still: the working days d with <see cref="From"/> &lt; d ≤
/// <see cref="Until"/> are not counted. The start day still counts (work was done on it); the day the answer or
/// payment arrives is excluded and the count resumes the next working day, as if that day were a new day 0.
/// <see cref="Open"/> means the pause has not ended: <see cref="Until"/> is then its latest possible end (the answer
/// or payment period), so the due date shown is the latest it can become.
/// </summary>
public sealed record ClockPause(PauseKind Kind, DateOnly From, DateOnly Until, string Description, bool Open)
{
    /// <summary>
    /// A consultation started on <paramref name="startedOn"/>. The party has
    /// <see cref="DeadlinePolicy.ConsultationWorkingDays"/> working days from that day; time beyond that is not
    /// consultation time, so the pause ends at the answer or at the end of the answer period, whichever is first.
    /// </summary>
    /// <param name="kind">Third party or other agency.</param>
    /// <param name="party">Who was consulted.</param>
    /// <param name="startedOn">The day the consultation was sent (day 0 of the answer period).</param>
    /// <param name="answeredOn">The day the answer arrived, if it has.</param>
    /// <param name="closedOn">The day the case ended while still unanswered, if it did.</param>
    /// <param name="rules">Calendar and periods.</param>
    public static ClockPause Consultation(
        ConsultationKind kind, string party, DateOnly startedOn, DateOnly? answeredOn, DateOnly? closedOn, CaseRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var answerDue = rules.Calendar.AddWorkingDays(startedOn, rules.Policy.ConsultationWorkingDays);
        var end = answeredOn ?? closedOn;
        var until = end is { } e && e < answerDue ? e : answerDue;
        var who = kind.Label();
        var description = (answeredOn, closedOn) switch
        {
            ({ } a, _) when a <= answerDue => $"{who}（{party}）：{D(startedOn)} 发出，{D(a)} 答复",
            ({ } a, _) => $"{who}（{party}）：{D(startedOn)} 发出，{D(a)} 答复，超过答复期限 {D(answerDue)}，超出部分计入答复期限",
            (null, { } c) => $"{who}（{party}）：{D(startedOn)} 发出，{D(c)} 办结时仍未答复",
            _ => $"{who}（{party}）：{D(startedOn)} 发出，尚未答复，答复期限至 {D(answerDue)}，暂按该日计算",
        };
        return new ClockPause(PauseKind.Consultation, startedOn, until, description, end is null);
    }

    /// <summary>
    /// A fee notice sent on <paramref name="sentOn"/> and received on <paramref name="receivedOn"/>: the pause runs to
    /// payment, or at the latest to the end of the payment period.
    /// </summary>
    public static ClockPause FeePayment(DateOnly sentOn, DateOnly receivedOn, DateOnly? paidOn, DateOnly? closedOn, CaseRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var payBy = rules.Calendar.AddWorkingDays(receivedOn, rules.Policy.FeePaymentWorkingDays);
        var end = paidOn ?? closedOn;
        var until = end is { } e && e < payBy ? e : payBy;
        var description = (paidOn, closedOn) switch
        {
            ({ } p, _) => $"信息处理费：{D(sentOn)} 发出收费通知，{D(p)} 缴费",
            (null, { } c) => $"信息处理费：{D(sentOn)} 发出收费通知，{D(c)} 办结时仍未缴费",
            _ => $"信息处理费：{D(sentOn)} 发出收费通知，尚未缴费，缴费期限至 {D(payBy)}，暂按该日计算",
        };
        return new ClockPause(PauseKind.FeePayment, sentOn, until, description, end is null);
    }

    public bool Excludes(DateOnly date) => date > From && date <= Until;

    private static string D(DateOnly date) => DateText.Iso(date);
}

/// <summary>A correction request (补正) and, once it came, the date the corrected application arrived.</summary>
public sealed record CorrectionPeriod(DateOnly RequestedOn, DateOnly? CorrectBy, DateOnly? ReceivedOn);

/// <summary>An approved extension of <see cref="WorkingDays"/> working days.</summary>
public sealed record DeadlineExtension(int WorkingDays, DateOnly? ApprovedOn = null, string? Approver = null);

/// <summary>
/// Everything a due date depends on, independent of how it was recorded (a case, the CLI, an import).
/// <see cref="ReceiptNote"/> says how the receipt date was determined, for the explanation.
/// </summary>
public sealed record DeadlineInput(
    DateOnly Received,
    CorrectionPeriod? Correction = null,
    IReadOnlyList<ClockPause>? Pauses = null,
    DeadlineExtension? Extension = null,
    string? ReceiptNote = null)
{
    public IReadOnlyList<ClockPause> Pauses { get; init; } = Pauses ?? [];

    /// <summary>
    /// Checks the input against the rules a case would enforce (correction within 7 working days, dates in order,
    /// extension length). Returns the problems in Chinese; empty when the input is consistent.
    /// </summary>
    public IReadOnlyList<string> Validate(CaseRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var problems = new List<string>();
        var countFrom = Received;
        if (Correction is { } correction)
        {
            var latest = rules.Calendar.AddWorkingDays(Received, rules.Policy.CorrectionNoticeWorkingDays);
            if (correction.RequestedOn < Received)
            {
                problems.Add($"补正告知日期 {D(correction.RequestedOn)} 早于收到申请日期 {D(Received)}。");
            }
            else if (correction.RequestedOn > latest)
            {
                problems.Add(CaseRefusal.CorrectionTooLate(latest, correction.RequestedOn).Message);
            }

            if (correction.ReceivedOn is { } received)
            {
                countFrom = received;
                if (received < correction.RequestedOn)
                {
                    problems.Add($"收到补正材料日期 {D(received)} 早于补正告知日期 {D(correction.RequestedOn)}。");
                }
            }
        }

        foreach (var pause in Pauses)
        {
            if (pause.Until < pause.From)
            {
                problems.Add($"{pause.Description}：结束日期早于开始日期。");
            }
            else if (pause.From < countFrom)
            {
                problems.Add($"{pause.Description}：开始日期早于答复期限的起算日 {D(countFrom)}。");
            }
        }

        if (Extension is { } extension && (extension.WorkingDays < 1 || extension.WorkingDays > rules.Policy.MaxExtensionWorkingDays))
        {
            problems.Add(CaseRefusal.ExtensionDays(extension.WorkingDays, rules.Policy.MaxExtensionWorkingDays).Message);
        }

        return problems;
    }

    private static string D(DateOnly date) => DateText.Iso(date);
}

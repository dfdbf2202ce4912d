using System.Collections.Immutable;
using Gongkai.AnnualReports;

namespace Gongkai.Applications;

/// <summary>A consultation of a third party or another agency, and when it was answered.</summary>
public sealed record Consultation(ConsultationKind Kind, string Party, DateOnly StartedOn, DateOnly? AnsweredOn);

/// <summary>
/// One disclosure application (依申请公开) from receipt to archive. Immutable: <see cref="Apply"/> returns the case
/// after an event or throws <see cref="CaseRuleException"/>; <see cref="Check"/> says why an event would be refused
/// without throwing. Events are kept in order; every other property is derived from them. Invariants: event dates
/// never go backwards and are not before <see cref="Receipt"/>'s arrival; <see cref="ConcludedOn"/> is not before
/// the receipt date (table 三 counts the case from that date to its conclusion); <see cref="Outcome"/> and
/// <see cref="ConcludedOn"/> are set exactly when the case is no longer open; a case is counted once, in the row of
/// its outcome.
/// </summary>
public sealed record DisclosureApplication
{
    private DisclosureApplication(string id, ApplicantType applicant, Receipt receipt)
    {
        Id = id;
        Applicant = applicant;
        Receipt = receipt;
        LastEventDate = receipt.ArrivedOn;
    }

    public string Id { get; }

    public ApplicantType Applicant { get; }

    public Receipt Receipt { get; private init; }

    public ImmutableList<CaseEvent> Events { get; private init; } = [];

    public CaseState State { get; private init; } = CaseState.Received;

    /// <summary>The outcome counted in table 三; set when the case concludes.</summary>
    public Outcome? Outcome { get; private init; }

    /// <summary>The day the case concluded (reply, withdrawal, closure by rule): the year it is counted in.</summary>
    public DateOnly? ConcludedOn { get; private init; }

    public DateOnly? RegisteredOn { get; private init; }

    public CorrectionRequested? Correction { get; private init; }

    public DateOnly? CorrectionReceivedOn { get; private init; }

    public ImmutableList<Consultation> Consultations { get; private init; } = [];

    public ExtensionApproved? Extension { get; private init; }

    public FeeNoticeSent? FeeNotice { get; private init; }

    public DateOnly? FeePaidOn { get; private init; }

    public Replied? Reply { get; private init; }

    public DateOnly? DeliveredOn { get; private init; }

    public DateOnly LastEventDate { get; private init; }

    public bool IsOpen => State.IsOpen();

    /// <summary>The date that counts as the reply for the deadline: posting date for post, signing date for direct or entrusted delivery (the reply date until signed), sending date otherwise.</summary>
    public DateOnly? EffectiveReplyDate => Reply switch
    {
        null => null,
        { Delivery: DeliveryMethod.Post, PostedOn: { } posted } => posted,
        { Delivery: DeliveryMethod.Direct or DeliveryMethod.Entrusted } => DeliveredOn ?? Reply.Date,
        _ => Reply.Date,
    };

    /// <summary>A new case, as it arrived.</summary>
    public static DisclosureApplication Receive(string id, ApplicantType applicant, Receipt receipt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(receipt);
        return new DisclosureApplication(id, applicant, receipt);
    }

    /// <exception cref="CaseRuleException">The event breaks a lifecycle rule; the message says which.</exception>
    public DisclosureApplication Apply(CaseEvent caseEvent, CaseRules rules)
    {
        var (refusal, next) = Transition(caseEvent, rules, recorded: false);
        return refusal is null ? next! : throw new CaseRuleException(refusal);
    }

    /// <summary>
    /// Replays an event that was accepted and stored earlier. The order of the lifecycle is checked as for a new
    /// event, but not the time limits and policies that depend on the calendar or on rules added since (a correction
    /// or payment within its period, an extension before the due date, concluding after the receipt date): the record
    /// is what happened, and a holiday notice loaded later or a stricter rule must not make a stored case unreadable.
    /// </summary>
    /// <exception cref="CaseRuleException">The stored history is out of order (corrupt data).</exception>
    public DisclosureApplication Replay(CaseEvent caseEvent, CaseRules rules)
    {
        var (refusal, next) = Transition(caseEvent, rules, recorded: true);
        return refusal is null ? next! : throw new CaseRuleException(refusal);
    }

    /// <summary>Why <paramref name="caseEvent"/> would be refused, or null when it would be accepted.</summary>
    public CaseRefusal? Check(CaseEvent caseEvent, CaseRules rules) => Transition(caseEvent, rules, recorded: false).Refusal;

    /// <summary>The last day a correction may be requested (7 working days after receipt); null while awaiting confirmation.</summary>
    public DateOnly? CorrectionNoticeDue(CaseRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return Receipt.ReceiptDate is { } received ? rules.Calendar.AddWorkingDays(received, rules.Policy.CorrectionNoticeWorkingDays) : null;
    }

    /// <summary>The last day to pay the fee (20 working days from the day after the notice was received), when a notice was sent.</summary>
    public DateOnly? FeePaymentDue(CaseRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return FeeNotice is { } notice
            ? rules.Calendar.AddWorkingDays(notice.ReceivedOn, rules.Policy.FeePaymentWorkingDays)
            : null;
    }

    /// <summary>The deadline's inputs as this case records them; null while the receipt awaits confirmation (no day 0 yet).</summary>
    public DeadlineInput? DeadlineInput(CaseRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (Receipt.ReceiptDate is not { } received)
        {
            return null;
        }

        var closedOn = IsOpen ? null : ConcludedOn;
        var pauses = new List<ClockPause>();
        foreach (var consultation in Consultations)
        {
            pauses.Add(ClockPause.Consultation(
                consultation.Kind, consultation.Party, consultation.StartedOn, consultation.AnsweredOn, closedOn, rules));
        }

        if (rules.Policy.FeeStopsClock && FeeNotice is { } notice)
        {
            pauses.Add(ClockPause.FeePayment(notice.Date, notice.ReceivedOn, FeePaidOn, closedOn, rules));
        }

        return new DeadlineInput(
            received,
            Correction is { } c ? new CorrectionPeriod(c.Date, c.CorrectBy, CorrectionReceivedOn) : null,
            pauses,
            Extension is { } e ? new DeadlineExtension(e.WorkingDays, e.Date, e.By.Name) : null,
            $"{Receipt.Label(Receipt.Channel)}，{Receipt.ReceiptRule(Receipt.Channel)}");
    }

    /// <summary>The current due date and how it was computed.</summary>
    public DeadlineComputation Deadline(CaseRules rules) => DeadlineInput(rules) is { } input
        ? DeadlineCalculator.Compute(input, rules)
        : DeadlineCalculator.AwaitingConfirmation(Receipt.ArrivedOn, rules);

    /// <summary>Where the case stands against its deadline on <paramref name="today"/>.</summary>
    public DeadlineStatus StatusOn(DateOnly today, CaseRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (EffectiveReplyDate is { } replied)
        {
            return replied <= Deadline(rules).Due ? DeadlineStatus.RepliedOnTime : DeadlineStatus.RepliedLate;
        }

        if (!IsOpen)
        {
            return DeadlineStatus.ClosedWithoutReply;
        }

        if (Receipt.IsAwaitingConfirmation)
        {
            return DeadlineStatus.AwaitingConfirmation;
        }

        if (Deadline(rules).Due is not { } due)
        {
            return DeadlineStatus.AwaitingCorrection;
        }

        if (today > due)
        {
            return DeadlineStatus.Overdue;
        }

        return rules.Calendar.WorkingDaysBetween(today, due) <= rules.Policy.DueSoonWorkingDays
            ? DeadlineStatus.DueSoon
            : DeadlineStatus.OnTrack;
    }

    /// <summary>
    /// The compact form table 三 is aggregated from. An online application not yet confirmed counts from its
    /// submission day, as the stored snapshot does: it is an application in hand, and table 三 has no row for
    /// "not yet received".
    /// </summary>
    public CaseSummary ToSummary() => new(Applicant, Receipt.ReceiptDate ?? Receipt.ArrivedOn, ConcludedOn, Outcome);

    /// <summary>The case after <paramref name="caseEvent"/> under <paramref name="rules"/>, or why the event is refused.</summary>
    /// <param name="caseEvent">The event.</param>
    /// <param name="rules">Calendar and policy.</param>
    /// <param name="recorded">A stored event being replayed: time limits and policies are not checked again.</param>
    private (CaseRefusal? Refusal, DisclosureApplication? Next) Transition(CaseEvent caseEvent, CaseRules rules, bool recorded)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);
        ArgumentNullException.ThrowIfNull(rules);
        var date = caseEvent.Date;
        if (date < Receipt.ArrivedOn)
        {
            return Refuse(CaseRefusal.EventBeforeArrival(date, Receipt.ArrivedOn));
        }

        if (date < LastEventDate)
        {
            return Refuse(CaseRefusal.EventBeforePrevious(date, LastEventDate));
        }

        var next = this with { Events = Events.Add(caseEvent), LastEventDate = date };
        (CaseRefusal? Refusal, DisclosureApplication? Next) result = caseEvent switch
        {
            Registered => OnRegistered(next, date),
            CorrectionRequested e => OnCorrectionRequested(next, e, rules, recorded),
            CorrectionReceived => OnCorrectionReceived(next, date),
            CorrectionDeadlineMissed => OnCorrectionDeadlineMissed(next, date, recorded),
            ConsultationStarted e => OnConsultationStarted(next, e, rules, recorded),
            ConsultationAnswered e => OnConsultationAnswered(next, e),
            ExtensionApproved e => OnExtensionApproved(next, e, rules, recorded),
            FeeNoticeSent e => OnFeeNoticeSent(next, e, rules, recorded),
            FeePaid => OnFeePaid(next, date, rules, recorded),
            FeeUnpaid => OnFeeUnpaid(next, date, rules, recorded),
            Replied e => OnReplied(next, e),
            Delivered => OnDelivered(next, date),
            Archived => OnArchived(next),
            Withdrawn => OnWithdrawn(next, date),
            _ => throw new ArgumentException($"Unknown case event {caseEvent.GetType().Name}.", nameof(caseEvent)),
        };

        // Events between arrival and a later confirmation (Art. 31) are fine, e.g. registering a letter the day it
        // arrives; only concluding before the receipt date is impossible, and table 三 could not count such a case.
        return !recorded && result.Refusal is null && result.Next!.ConcludedOn is { } concluded && concluded < result.Next.Receipt.ReceiptDate
            ? Refuse(CaseRefusal.ConcludedBeforeReceipt(concluded, Receipt))
            : result;
    }

    private (CaseRefusal?, DisclosureApplication?) OnRegistered(DisclosureApplication next, DateOnly date) => State switch
    {
        // Registering an online application that waits for confirmation is the confirmation: its day is the receipt date.
        CaseState.Received when Receipt.IsAwaitingConfirmation =>
            Accept(next with { State = CaseState.InProgress, RegisteredOn = date, Receipt = Receipt.Confirm(date) }),
        CaseState.Received => Accept(next with { State = CaseState.InProgress, RegisteredOn = date }),
        _ when IsOpen => Refuse(CaseRefusal.AlreadyRegistered()),
        _ => Refuse(CaseRefusal.Closed(State, "登记")),
    };

    private (CaseRefusal?, DisclosureApplication?) OnCorrectionRequested(
        DisclosureApplication next, CorrectionRequested e, CaseRules rules, bool recorded)
    {
        if (IsOpen && Correction is not null)
        {
            return Refuse(CaseRefusal.CorrectionTwice());
        }

        if (RequireInProgress("要求补正") is { } refusal)
        {
            return Refuse(refusal);
        }

        if (!recorded && (!Consultations.IsEmpty || Extension is not null || FeeNotice is not null))
        {
            return Refuse(CaseRefusal.CorrectionAfterProcessingStarted());
        }

        // In progress means registered, so an online application is confirmed and the notice period has a start.
        if (!recorded && CorrectionNoticeDue(rules) is { } latest && e.Date > latest)
        {
            return Refuse(CaseRefusal.CorrectionTooLate(latest, e.Date));
        }

        return e.CorrectBy <= e.Date
            ? Refuse(CaseRefusal.CorrectionPeriodInvalid(e.CorrectBy, e.Date))
            : Accept(next with { State = CaseState.AwaitingCorrection, Correction = e });
    }

    private (CaseRefusal?, DisclosureApplication?) OnCorrectionReceived(DisclosureApplication next, DateOnly date)
    {
        const string action = "登记收到补正材料";
        if (!IsOpen)
        {
            return Refuse(CaseRefusal.Closed(State, action));
        }

        return State == CaseState.AwaitingCorrection
            ? Accept(next with { State = CaseState.InProgress, CorrectionReceivedOn = date })
            : Refuse(CaseRefusal.NoCorrectionPending(action));
    }

    private (CaseRefusal?, DisclosureApplication?) OnCorrectionDeadlineMissed(DisclosureApplication next, DateOnly date, bool recorded)
    {
        const string action = "按逾期未补正处理";
        if (!IsOpen)
        {
            return Refuse(CaseRefusal.Closed(State, action));
        }

        if (State != CaseState.AwaitingCorrection)
        {
            return Refuse(CaseRefusal.NoCorrectionPending(action));
        }

        return !recorded && date <= Correction!.CorrectBy
            ? Refuse(CaseRefusal.CorrectionNotOverdue(Correction.CorrectBy))
            : Accept(Conclude(next, CaseState.ClosedNoCorrection, Applications.Outcome.OtherNoCorrection, date));
    }

    private (CaseRefusal?, DisclosureApplication?) OnConsultationStarted(
        DisclosureApplication next, ConsultationStarted e, CaseRules rules, bool recorded)
    {
        if (RequireInProgress("征求意见") is { } refusal)
        {
            return Refuse(refusal);
        }

        if (string.IsNullOrWhiteSpace(e.Party))
        {
            return Refuse(CaseRefusal.PartyRequired());
        }

        if (OpenConsultation(e.Party) is not null)
        {
            return Refuse(CaseRefusal.ConsultationAlreadyOpen(e.Party));
        }

        if (!recorded && Deadline(rules).Due is { } due && e.Date > due)
        {
            return Refuse(CaseRefusal.ConsultationAfterDue(due));
        }

        return Accept(next with { Consultations = Consultations.Add(new Consultation(e.Kind, e.Party, e.Date, null)) });
    }

    private (CaseRefusal?, DisclosureApplication?) OnConsultationAnswered(DisclosureApplication next, ConsultationAnswered e)
    {
        if (RequireInProgress("登记征求意见答复") is { } refusal)
        {
            return Refuse(refusal);
        }

        if (OpenConsultation(e.Party) is not { } open)
        {
            return Refuse(CaseRefusal.ConsultationUnknown(e.Party));
        }

        return Accept(next with { Consultations = Consultations.Replace(open, open with { AnsweredOn = e.Date }) });
    }

    private (CaseRefusal?, DisclosureApplication?) OnExtensionApproved(
        DisclosureApplication next, ExtensionApproved e, CaseRules rules, bool recorded)
    {
        if (IsOpen && Extension is not null)
        {
            return Refuse(CaseRefusal.ExtensionTwice());
        }

        if (RequireInProgress("延长答复期限") is { } refusal)
        {
            return Refuse(refusal);
        }

        if (e.By.Role != ActorRole.OfficeHead)
        {
            return Refuse(CaseRefusal.ExtensionApprover(e.By.Name));
        }

        if (e.WorkingDays < 1 || e.WorkingDays > rules.Policy.MaxExtensionWorkingDays)
        {
            return Refuse(CaseRefusal.ExtensionDays(e.WorkingDays, rules.Policy.MaxExtensionWorkingDays));
        }

        if (string.IsNullOrWhiteSpace(e.Reason))
        {
            return Refuse(CaseRefusal.ExtensionReasonRequired());
        }

        return !recorded && Deadline(rules).Due is { } due && e.Date > due
            ? Refuse(CaseRefusal.ExtensionAfterDue(due, e.Date))
            : Accept(next with { Extension = e });
    }

    private (CaseRefusal?, DisclosureApplication?) OnFeeNoticeSent(DisclosureApplication next, FeeNoticeSent e, CaseRules rules, bool recorded)
    {
        if (IsOpen && FeeNotice is not null)
        {
            return Refuse(CaseRefusal.FeeTwice());
        }

        if (RequireInProgress("发出收费通知") is { } refusal)
        {
            return Refuse(refusal);
        }

        if (e.Fee.Amount <= 0)
        {
            return Refuse(CaseRefusal.FeeZero());
        }

        if (e.ReceivedOn < e.Date)
        {
            return Refuse(CaseRefusal.FeeNoticeReceivedBeforeSent(e.ReceivedOn, e.Date));
        }

        return !recorded && Deadline(rules).Due is { } due && e.Date > due
            ? Refuse(CaseRefusal.FeeAfterDue(due))
            : Accept(next with { FeeNotice = e });
    }

    private (CaseRefusal?, DisclosureApplication?) OnFeePaid(DisclosureApplication next, DateOnly date, CaseRules rules, bool recorded)
    {
        const string action = "登记缴费";
        if (RequireInProgress(action) is { } refusal)
        {
            return Refuse(refusal);
        }

        if (FeeNotice is null || FeePaidOn is not null)
        {
            return Refuse(CaseRefusal.NoFeePending(action));
        }

        var payBy = FeePaymentDue(rules)!.Value;
        return !recorded && date > payBy
            ? Refuse(CaseRefusal.FeePaidAfterDue(payBy, rules.Policy.FeePaymentWorkingDays, date))
            : Accept(next with { FeePaidOn = date });
    }

    private (CaseRefusal?, DisclosureApplication?) OnFeeUnpaid(DisclosureApplication next, DateOnly date, CaseRules rules, bool recorded)
    {
        const string action = "按逾期未缴费处理";
        if (RequireInProgress(action) is { } refusal)
        {
            return Refuse(refusal);
        }

        if (FeeNotice is null || FeePaidOn is not null)
        {
            return Refuse(CaseRefusal.NoFeePending(action));
        }

        var payBy = FeePaymentDue(rules)!.Value;
        return !recorded && date <= payBy
            ? Refuse(CaseRefusal.FeeNotOverdue(payBy))
            : Accept(Conclude(next, CaseState.ClosedUnpaidFee, Applications.Outcome.OtherUnpaidFee, date));
    }

    private (CaseRefusal?, DisclosureApplication?) OnReplied(DisclosureApplication next, Replied e)
    {
        if (RequireInProgress("答复") is { } refusal)
        {
            return Refuse(refusal);
        }

        if (FeeNotice is not null && FeePaidOn is null)
        {
            return Refuse(CaseRefusal.FeePending());
        }

        var outcome = Outcomes.Get(e.Outcome);
        if (outcome.Origin != OutcomeOrigin.Reply)
        {
            return Refuse(CaseRefusal.OutcomeNeedsEvent(outcome));
        }

        if (e.Outcome == Applications.Outcome.UnableUnclearAfterCorrection && CorrectionReceivedOn is null)
        {
            return Refuse(CaseRefusal.UnclearWithoutCorrection(outcome));
        }

        if (outcome.RequiresReason && string.IsNullOrWhiteSpace(e.Reason))
        {
            return Refuse(CaseRefusal.ReasonRequired(outcome));
        }

        if (e.Delivery == DeliveryMethod.Post)
        {
            if (e.PostedOn is not { } posted)
            {
                return Refuse(CaseRefusal.PostedOnRequired());
            }

            if (posted < e.Date)
            {
                return Refuse(CaseRefusal.PostedBeforeReply(posted, e.Date));
            }
        }
        else if (e.PostedOn is not null)
        {
            return Refuse(CaseRefusal.PostedOnNotApplicable());
        }

        return Accept(Conclude(next, CaseState.Replied, e.Outcome, e.Date) with { Reply = e });
    }

    private (CaseRefusal?, DisclosureApplication?) OnDelivered(DisclosureApplication next, DateOnly date)
    {
        if (State == CaseState.Replied)
        {
            return Reply!.PostedOn is { } posted && date < posted
                ? Refuse(CaseRefusal.DeliveredBeforePosting(date, posted))
                : Accept(next with { State = CaseState.Delivered, DeliveredOn = date });
        }

        return State is CaseState.Delivered or CaseState.Archived
            ? Refuse(CaseRefusal.AlreadyDelivered())
            : Refuse(CaseRefusal.NotReplied("登记送达"));
    }

    private (CaseRefusal?, DisclosureApplication?) OnArchived(DisclosureApplication next) => State switch
    {
        CaseState.Delivered or CaseState.Withdrawn or CaseState.ClosedNoCorrection or CaseState.ClosedUnpaidFee =>
            Accept(next with { State = CaseState.Archived }),
        CaseState.Archived => Refuse(CaseRefusal.Closed(State, "归档")),
        _ => Refuse(CaseRefusal.NotReadyToArchive(State)),
    };

    private (CaseRefusal?, DisclosureApplication?) OnWithdrawn(DisclosureApplication next, DateOnly date) => IsOpen
        ? Accept(Conclude(next, CaseState.Withdrawn, Applications.Outcome.OtherOther, date))
        : Refuse(CaseRefusal.Closed(State, "撤回"));

    private CaseRefusal? RequireInProgress(string action) => State switch
    {
        CaseState.InProgress => null,
        CaseState.Received => CaseRefusal.NotRegistered(action),
        CaseState.AwaitingCorrection => CaseRefusal.AwaitingCorrection(action),
        _ => CaseRefusal.Closed(State, action),
    };

    private Consultation? OpenConsultation(string party) =>
        Consultations.Find(c => c.AnsweredOn is null && string.Equals(c.Party, party, StringComparison.Ordinal));

    private static DisclosureApplication Conclude(DisclosureApplication next, CaseState state, Outcome outcome, DateOnly date) =>
        next with { State = state, Outcome = outcome, ConcludedOn = date };

    private static (CaseRefusal?, DisclosureApplication?) Accept(DisclosureApplication next) => (null, next);

    private static (CaseRefusal?, DisclosureApplication?) Refuse(CaseRefusal refusal) => (refusal, null);
}

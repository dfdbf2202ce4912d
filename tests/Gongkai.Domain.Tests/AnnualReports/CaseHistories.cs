using FsCheck;
using FsCheck.Fluent;
using Gongkai.Applications;
using Gongkai.Fees;
using Outcome = Gongkai.Applications.Outcome;

namespace Gongkai.Tests.AnnualReports;

/// <summary>One generated case history: who applied, when, and the choices that drive its events.</summary>
internal sealed record History(int Applicant, int ReceivedOffset, int[] Choices, int ReviewChoice)
{
    public override string ToString() => $"History({Applicant}, +{ReceivedOffset}d, [{string.Join(",", Choices)}], {ReviewChoice})";
}

/// <summary>
/// Random case histories over 2023–2025, played through the real lifecycle: each choice proposes one event that
/// could make sense in the current state; the case's own rules decide whether it is accepted.
/// </summary>
internal static class CaseHistories
{
    public static readonly DateOnly FirstDay = new(2023, 1, 1);
    public const int Days = 3 * 365;

    private static readonly Actor Clerk = new("李科员");
    private static readonly Actor Head = new("王主任", ActorRole.OfficeHead);
    private static readonly Actor Applicant = new("申请人", ActorRole.Applicant);

    public static Gen<History> History { get; } =
        from applicant in Gen.Choose(0, 5)
        from offset in Gen.Choose(0, Days - 1)
        from length in Gen.Choose(0, 12)
        from choices in Gen.ArrayOf(Gen.Choose(0, 1_000_000), length)
        from review in Gen.Choose(0, 1_000_000)
        select new History(applicant, offset, choices, review);

    public static Gen<History[]> Histories { get; } = Gen.ArrayOf(History);

    public static DisclosureApplication Play(History history, string id, CaseRules rules)
    {
        var application = DisclosureApplication.Receive(id, (ApplicantType)history.Applicant,
            Receipt.Create(ReceiptChannel.InPerson, FirstDay.AddDays(history.ReceivedOffset)));
        var parties = 0;
        foreach (var choice in history.Choices)
        {
            var date = application.LastEventDate.AddDays(choice % 9);
            var candidates = Candidates(application, date, choice, ref parties, rules);
            if (candidates.Count == 0)
            {
                break;
            }

            var proposed = candidates[choice / 9 % candidates.Count];
            if (application.Check(proposed, rules) is null)
            {
                application = application.Apply(proposed, rules);
            }
        }

        return application;
    }

    /// <summary>A reconsideration or lawsuit about a concluded application, for about two cases in three.</summary>
    public static ReviewRecord? Review(DisclosureApplication application, int choice)
    {
        if (application.ConcludedOn is not { } concluded || choice % 3 == 0)
        {
            return null;
        }

        var filed = concluded.AddDays(choice % 60);
        var result = (ReviewResult)(choice / 3 % 4);
        DateOnly? decided = result == ReviewResult.Pending ? null : filed.AddDays(choice / 12 % 300);
        return new ReviewRecord("R-" + application.Id, (ReviewKind)(choice / 48 % 3), application.Id, filed, result, decided);
    }

    private static List<CaseEvent> Candidates(DisclosureApplication application, DateOnly date, int choice, ref int parties, CaseRules rules)
    {
        var at = At(date);
        switch (application.State)
        {
            case CaseState.Received:
                return [new Registered(at, Clerk), new Registered(at, Clerk), new Withdrawn(at, Applicant)];
            case CaseState.AwaitingCorrection:
                var missedOn = Later(date, application.Correction!.CorrectBy.AddDays(1));
                return [new CorrectionReceived(at, Applicant), new CorrectionDeadlineMissed(At(missedOn), Clerk), new Withdrawn(at, Applicant)];
            case CaseState.InProgress:
                var open = application.Consultations.Find(c => c.AnsweredOn is null);
                var outcome = (Outcome)(choice % Enum.GetValues<Outcome>().Length);
                var payBy = application.FeePaymentDue(rules);
                return
                [
                    new Replied(at, Clerk, outcome, "理由", choice % 2 == 0 ? DeliveryMethod.Post : DeliveryMethod.Electronic,
                        choice % 2 == 0 ? date.AddDays(choice % 2) : null),
                    new Replied(at, Clerk, Outcome.Granted, null, DeliveryMethod.Direct),
                    new Replied(at, Clerk, Outcome.UnableUnclearAfterCorrection, "补正后仍不明确", DeliveryMethod.Electronic),
                    new CorrectionRequested(at, Clerk, date.AddDays(10), "补正事项"),
                    new ConsultationStarted(at, Clerk, (ConsultationKind)(choice % 2), "第三方" + parties++),
                    new ConsultationAnswered(at, Clerk, open?.Party ?? "无"),
                    new ExtensionApproved(at, Head, 1 + (choice % 20), "情况复杂"),
                    new FeeNoticeSent(at, Clerk, InformationProcessingFee.ByPages(31 + (choice % 200)), date.AddDays(choice % 3)),
                    new FeePaid(at, Applicant),
                    new FeeUnpaid(At(Later(date, (payBy ?? date).AddDays(1))), Clerk),
                    new Withdrawn(at, Applicant),
                ];
            case CaseState.Replied:
                return [new Delivered(At(Later(date, application.Reply!.PostedOn ?? date)), Clerk)];
            case CaseState.Delivered or CaseState.Withdrawn or CaseState.ClosedNoCorrection or CaseState.ClosedUnpaidFee:
                return [new Archived(at, Clerk)];
            default:
                return [];
        }
    }

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateTimeOffset At(DateOnly date) => new(date.ToDateTime(new TimeOnly(9, 30)), TimeSpan.FromHours(8));
}

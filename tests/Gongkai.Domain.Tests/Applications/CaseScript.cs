using Gongkai.Applications;
using Gongkai.Tests.Calendar;

namespace Gongkai.Tests.Applications;

/// <summary>Short names for writing case histories in tests.</summary>
internal static class CaseScript
{
    public static readonly Actor Clerk = new("李科员");
    public static readonly Actor Head = new("王主任", ActorRole.OfficeHead);
    public static readonly Actor Applicant = new("张三", ActorRole.Applicant);
    public static readonly CaseRules Rules = CaseRules.Default;

    public static DateTimeOffset At(string iso) => At(Day.Of(iso));

    public static DateTimeOffset At(DateOnly date) => new(date.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));

    public static DisclosureApplication Received(string iso, ApplicantType applicant = ApplicantType.NaturalPerson, string id = "2023-001") =>
        DisclosureApplication.Receive(id, applicant, Receipt.Create(ReceiptChannel.InPerson, Day.Of(iso)));

    /// <summary>Received and registered the same day.</summary>
    public static DisclosureApplication Registered(string iso, ApplicantType applicant = ApplicantType.NaturalPerson, string id = "2023-001") =>
        Received(iso, applicant, id).Apply(new Registered(At(iso), Clerk), Rules);

    public static DisclosureApplication Then(this DisclosureApplication application, CaseEvent caseEvent, CaseRules? rules = null) =>
        application.Apply(caseEvent, rules ?? Rules);

    public static Replied Reply(string iso, Outcome outcome = Outcome.Granted, string? reason = null, DeliveryMethod delivery = DeliveryMethod.Electronic, string? posted = null) =>
        new(At(iso), Clerk, outcome, reason, delivery, posted is null ? null : Day.Of(posted));

    /// <summary>The refusal an event gets, asserting that it is refused.</summary>
    public static CaseRefusal Refusal(this DisclosureApplication application, CaseEvent caseEvent, CaseRules? rules = null)
    {
        var refusal = application.Check(caseEvent, rules ?? Rules);
        refusal.ShouldNotBeNull($"{caseEvent.GetType().Name} should have been refused");
        Should.Throw<CaseRuleException>(() => application.Apply(caseEvent, rules ?? Rules)).Refusal.ShouldBe(refusal);
        return refusal;
    }
}

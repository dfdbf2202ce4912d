using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Interaction;
using Gongkai.Supervision;
using Gongkai.Tests.Calendar;

namespace Gongkai.Tests.Supervision;

public class IndicatorTests
{
    private static readonly AssessmentPeriod Q1 = AssessmentPeriod.OfQuarter(2025, 1);
    private static readonly DateOnly AfterQ1 = Day.Of("2025-05-01");

    private static Guid Id(int n) => new(n, 0, 0, [0, 0, 0, 0, 0, 0, 0, 0]);

    private static IndicatorValue Compute(IndicatorKind kind, AgencyFacts facts, DateOnly? today = null) =>
        Indicators.Compute(kind, facts, Q1, today ?? AfterQ1, WorkingCalendar.Default);

    private static AgencyFacts Cases(params CaseFact[] cases) => AgencyFacts.Empty with { Cases = cases };

    [Fact]
    public void On_time_reply_rate_counts_cases_concluded_in_the_period_by_their_due_date()
    {
        var facts = Cases(
            new CaseFact(Id(1), Day.Of("2025-01-02"), Day.Of("2025-02-10"), Day.Of("2025-02-10"), false, false),
            new CaseFact(Id(2), Day.Of("2025-01-02"), Day.Of("2025-02-10"), Day.Of("2025-02-11"), false, false),
            new CaseFact(Id(3), Day.Of("2025-01-06"), Day.Of("2025-02-14"), Day.Of("2025-01-20"), false, false),
            new CaseFact(Id(4), Day.Of("2025-03-20"), Day.Of("2025-04-21"), Day.Of("2025-04-01"), false, false),
            new CaseFact(Id(5), Day.Of("2025-03-25"), Day.Of("2025-04-24"), null, false, false));

        var value = Compute(IndicatorKind.OnTimeReplyRate, facts);

        value.Value.ShouldBe(66.67m);
        (value.Numerator, value.Denominator).ShouldBe((2, 3));
        value.Base.ShouldBe([Id(1), Id(2), Id(3)]);
        value.Counted.ShouldBe([Id(1), Id(3)]);
    }

    [Fact]
    public void Every_computed_indicator_is_not_applicable_without_data_never_a_silent_full_score()
    {
        foreach (var definition in IndicatorCatalogue.All)
        {
            var value = Compute(definition.Kind, AgencyFacts.Empty);
            value.NotApplicable.ShouldBeTrue(definition.Name);
            value.Value.ShouldBeNull(definition.Name);
        }
    }

    [Fact]
    public void Overdue_cases_are_those_due_in_the_period_concluded_late_or_still_open_after_the_due_date()
    {
        var facts = Cases(
            new CaseFact(Id(1), Day.Of("2025-01-02"), Day.Of("2025-02-10"), Day.Of("2025-02-11"), false, false),
            new CaseFact(Id(2), Day.Of("2025-01-02"), Day.Of("2025-02-10"), Day.Of("2025-02-10"), false, false),
            new CaseFact(Id(3), Day.Of("2025-02-10"), Day.Of("2025-03-14"), null, false, false),
            new CaseFact(Id(4), Day.Of("2025-03-10"), Day.Of("2025-04-10"), null, false, false),
            new CaseFact(Id(5), Day.Of("2024-11-10"), Day.Of("2024-12-10"), null, false, false));

        var value = Compute(IndicatorKind.OverdueCases, facts);

        value.Value.ShouldBe(2m);
        value.Base.ShouldBe([Id(1), Id(2), Id(3)], "due in Q1; case 4 is due in Q2, case 5 before Q1");
        value.Counted.ShouldBe([Id(1), Id(3)]);
    }

    [Fact]
    public void In_a_running_period_only_what_is_already_due_counts()
    {
        var facts = Cases(
            new CaseFact(Id(1), Day.Of("2025-01-02"), Day.Of("2025-02-10"), null, false, false),
            new CaseFact(Id(2), Day.Of("2025-02-10"), Day.Of("2025-03-14"), null, false, false));

        var value = Compute(IndicatorKind.OverdueCases, facts, today: Day.Of("2025-03-01"));

        value.Base.ShouldBe([Id(1)]);
        value.Value.ShouldBe(1m);
        Compute(IndicatorKind.OverdueCases, facts, today: Day.Of("2025-02-10")).Value.ShouldBe(0m, "due today is not yet late");
    }

    [Fact]
    public void Extension_and_correction_rates_are_shares_of_applications_received_in_the_period()
    {
        var facts = Cases(
            new CaseFact(Id(1), Day.Of("2025-01-02"), null, null, true, false),
            new CaseFact(Id(2), Day.Of("2025-02-02"), null, null, false, true),
            new CaseFact(Id(3), Day.Of("2025-03-02"), null, null, false, true),
            new CaseFact(Id(4), Day.Of("2025-03-31"), null, null, false, false),
            new CaseFact(Id(5), Day.Of("2025-04-01"), null, null, true, true));

        var extension = Compute(IndicatorKind.ExtensionRate, facts);
        var correction = Compute(IndicatorKind.CorrectionRate, facts);

        extension.Value.ShouldBe(25m);
        extension.Counted.ShouldBe([Id(1)]);
        correction.Value.ShouldBe(50m);
        correction.Counted.ShouldBe([Id(2), Id(3)]);
        correction.Denominator.ShouldBe(4);
    }

    [Fact]
    public void The_review_correction_rate_divides_corrected_by_decided_and_ignores_pending_ones()
    {
        var facts = AgencyFacts.Empty with
        {
            Reviews =
            [
                new ReviewFact(Id(1), Day.Of("2025-01-15"), ReviewResult.Upheld),
                new ReviewFact(Id(2), Day.Of("2025-02-15"), ReviewResult.Corrected),
                new ReviewFact(Id(3), Day.Of("2025-03-15"), ReviewResult.Other),
                new ReviewFact(Id(4), null, ReviewResult.Pending),
                new ReviewFact(Id(5), Day.Of("2025-04-15"), ReviewResult.Corrected),
            ],
        };

        var value = Compute(IndicatorKind.ReviewCorrectionRate, facts);

        value.Value.ShouldBe(33.33m);
        value.Base.ShouldBe([Id(1), Id(2), Id(3)]);
        value.Counted.ShouldBe([Id(2)]);
    }

    [Fact]
    public void Catalogue_items_count_as_on_time_within_twenty_working_days_of_the_holiday_calendar()
    {
        // Formed 2025-01-20 (Monday): with the Spring Festival (28 Jan–4 Feb off, Sunday 26 Jan and Saturday 8 Feb
        // worked) the 20th working day after it is 2025-02-21; a plain count of weekdays would have ended on 2025-02-17.
        var facts = AgencyFacts.Empty with
        {
            Catalogue =
            [
                new CatalogueFact(Id(1), Day.Of("2025-01-20"), Day.Of("2025-02-21")),
                new CatalogueFact(Id(2), Day.Of("2025-01-20"), Day.Of("2025-02-24")),
                new CatalogueFact(Id(3), Day.Of("2024-12-01"), Day.Of("2024-12-05")),
            ],
        };

        var value = Compute(IndicatorKind.CatalogueOnTimeRate, facts);

        value.Value.ShouldBe(50m);
        value.Base.ShouldBe([Id(1), Id(2)]);
        value.Counted.ShouldBe([Id(1)]);
    }

    [Fact]
    public void The_annual_report_due_in_the_period_is_on_time_late_missing_or_not_yet_due()
    {
        static AgencyFacts Report(DateOnly? published, int errors = 0) =>
            AgencyFacts.Empty with { Reports = [new ReportFact(2024, Day.Of("2025-01-31"), published, errors)] };

        Compute(IndicatorKind.AnnualReportOnTime, Report(Day.Of("2025-01-31"))).Value.ShouldBe(100m);
        Compute(IndicatorKind.AnnualReportOnTime, Report(Day.Of("2025-02-01"))).Value.ShouldBe(0m);
        Compute(IndicatorKind.AnnualReportOnTime, Report(null)).Value.ShouldBe(0m, "the deadline passed with nothing published");
        Compute(IndicatorKind.AnnualReportOnTime, Report(null), today: Day.Of("2025-01-20")).NotApplicable.ShouldBeTrue("not yet due");
        Indicators.Compute(IndicatorKind.AnnualReportOnTime, Report(null), AssessmentPeriod.OfQuarter(2025, 2), Day.Of("2025-07-01"), WorkingCalendar.Default)
            .NotApplicable.ShouldBeTrue("no report is due in the second quarter");
        Compute(IndicatorKind.AnnualReportErrors, Report(Day.Of("2025-01-20"), errors: 3)).Value.ShouldBe(3m);
        Compute(IndicatorKind.AnnualReportErrors, Report(null)).NotApplicable.ShouldBeTrue("no report, no errors to count: the on-time line loses instead");
    }

    [Fact]
    public void Rectifications_count_as_on_time_when_answered_by_the_due_date_and_accepted()
    {
        var facts = AgencyFacts.Empty with
        {
            Rectifications =
            [
                new RectificationFact(Id(1), Day.Of("2025-02-10"), Day.Of("2025-02-10"), true),
                new RectificationFact(Id(2), Day.Of("2025-02-10"), Day.Of("2025-02-11"), true),
                new RectificationFact(Id(3), Day.Of("2025-02-10"), Day.Of("2025-02-07"), false),
                new RectificationFact(Id(4), Day.Of("2025-03-10"), null, false),
                new RectificationFact(Id(5), Day.Of("2025-04-10"), null, false),
            ],
        };

        var value = Compute(IndicatorKind.RectificationOnTimeRate, facts);

        value.Value.ShouldBe(25m);
        value.Base.ShouldBe([Id(1), Id(2), Id(3), Id(4)]);
        value.Counted.ShouldBe([Id(1)]);
    }

    [Fact]
    public void Spot_check_problems_are_counted_per_item_checked()
    {
        var facts = AgencyFacts.Empty with
        {
            SpotChecks =
            [
                new SpotCheckFact(Id(1), Day.Of("2025-03-01"), 0),
                new SpotCheckFact(Id(2), Day.Of("2025-03-01"), 2),
                new SpotCheckFact(Id(3), Day.Of("2025-03-01"), 1),
                new SpotCheckFact(Id(4), Day.Of("2025-04-01"), 5),
            ],
        };

        var value = Compute(IndicatorKind.SpotCheckProblemRate, facts);

        value.Value.ShouldBe(1m, "3 problems in 3 items");
        value.Counted.ShouldBe([Id(2), Id(3)]);
        value.Base.Count.ShouldBe(3);
    }

    [Fact]
    public void Every_indicator_has_a_name_a_written_definition_and_a_version()
    {
        IndicatorCatalogue.All.Select(d => d.Kind).ShouldBe(Enum.GetValues<IndicatorKind>(), ignoreOrder: true);
        IndicatorCatalogue.All[^1].Kind.ShouldBe(IndicatorKind.Manual, "the scheme form lists the computed lines, then the manual ones");
        IndicatorCatalogue.All.ShouldAllBe(d => d.Name.Length > 0 && d.Definition.Length > 20 && d.Version >= 1);
        IndicatorCatalogue.All.Select(d => d.Name).Distinct().Count().ShouldBe(IndicatorCatalogue.All.Count);
    }

    private static MessageFact Message(int n, string received, string due, string? replied, Satisfaction? rating) =>
        new(Id(n), new MessageFacts(Day.Of(received), Day.Of(due), replied is null ? null : Day.Of(replied), rating));

    private static readonly AgencyFacts Messages = AgencyFacts.Empty with
    {
        Messages =
        [
            Message(1, "2025-01-06", "2025-01-16", "2025-01-15", Satisfaction.VerySatisfied),
            Message(2, "2025-02-03", "2025-02-13", "2025-02-20", Satisfaction.Dissatisfied),
            Message(3, "2025-03-03", "2025-03-13", null, null),
            Message(4, "2025-03-28", "2025-04-10", null, null),
            Message(5, "2025-03-10", "2025-03-20", "2025-03-18", Satisfaction.Basic),
            Message(6, "2024-12-20", "2025-01-06", "2025-01-06", Satisfaction.VeryDissatisfied),
        ],
    };

    [Fact]
    public void Message_replies_on_time_count_replied_and_overdue_messages_received_in_the_period_and_not_those_still_within_their_period()
    {
        var value = Compute(IndicatorKind.MessageOnTimeRate, Messages);

        value.Value.ShouldBe(40m, "2 of 5: one replied late, two unanswered after their period (the fourth's ended after the quarter)");
        (value.Numerator, value.Denominator).ShouldBe((2, 5));
        value.Base.ShouldBe([Id(1), Id(2), Id(3), Id(4), Id(5)]);
        value.Counted.ShouldBe([Id(1), Id(5)]);

        var firstFour = Messages with { Messages = Messages.Messages.Take(4).ToList() };
        Compute(IndicatorKind.MessageOnTimeRate, firstFour, Day.Of("2025-03-13")).Base.ShouldBe([Id(1), Id(2)], "on its last day the third message is still within its period");
        Compute(IndicatorKind.MessageOnTimeRate, firstFour, Day.Of("2025-03-14")).Base.ShouldBe([Id(1), Id(2), Id(3)], "the day after, unanswered, it counts against");

        var pending = AgencyFacts.Empty with { Messages = [Message(7, "2025-03-28", "2025-04-10", null, null)] };
        Compute(IndicatorKind.MessageOnTimeRate, pending, Day.Of("2025-04-10")).NotApplicable.ShouldBeTrue("nothing replied nor past its period: 不适用, not 100%");
        Compute(IndicatorKind.MessageOnTimeRate, pending, Day.Of("2025-04-11")).Value.ShouldBe(0m);
    }

    [Fact]
    public void Message_satisfaction_is_the_share_rated_basic_or_above_of_the_rated_messages_received_in_the_period()
    {
        var value = Compute(IndicatorKind.MessageSatisfaction, Messages);

        value.Value.ShouldBe(66.67m);
        (value.Numerator, value.Denominator).ShouldBe((2, 3));
        value.Base.ShouldBe([Id(1), Id(2), Id(5)]);
        value.Counted.ShouldBe([Id(1), Id(5)]);
        var unrated = AgencyFacts.Empty with { Messages = [Message(1, "2025-01-06", "2025-01-16", "2025-01-15", null)] };
        Compute(IndicatorKind.MessageSatisfaction, unrated).NotApplicable.ShouldBeTrue("replied but not rated: 不适用");

        // The same messages counted by the interaction statistics give the same satisfied share, to its one decimal.
        var statistics = MessageStatistics.Of(WorkingCalendar.Default, Messages.Messages.Where(m => Q1.Contains(m.Facts.ReceivedOn)).Select(m => m.Facts));
        (statistics.Rated, statistics.RepliedOnTime, statistics.SatisfiedPercent).ShouldBe((3, 2, 66.7m));
    }
}

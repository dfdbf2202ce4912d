using Gongkai.Calendar;
using Gongkai.Supervision;
using Gongkai.Tests.Calendar;

namespace Gongkai.Tests.Supervision;

public class AssessmentSchemeTests
{
    private static Guid Id(int n) => new(n, 0, 0, [0, 0, 0, 0, 0, 0, 0, 0]);

    private static readonly AssessmentSchemeVersion Scheme = new(1, PeriodKind.Quarter, AssessmentPeriod.OfQuarter(2025, 1),
    [
        new SchemeIndicator(IndicatorKind.OnTimeReplyRate, 60m, new ScoringRule(100m, 80m)),
        new SchemeIndicator(IndicatorKind.OverdueCases, 20m, new ScoringRule(0m, 4m)),
        new SchemeIndicator(IndicatorKind.Manual, 20m, new ScoringRule(100m, 0m), "政务公开专栏建设"),
    ]);

    [Theory]
    [InlineData("2025", 2025, null, "2025-01-01", "2025-12-31", "2025年度", "2024")]
    [InlineData("2025Q1", 2025, 1, "2025-01-01", "2025-03-31", "2025年第一季度", "2024Q4")]
    [InlineData("2024q4", 2024, 4, "2024-10-01", "2024-12-31", "2024年第四季度", "2024Q3")]
    public void Periods_are_read_from_their_keys_with_their_dates_labels_and_predecessors(
        string key, int year, int? quarter, string start, string end, string label, string previous)
    {
        AssessmentPeriod.TryParse(key, out var period).ShouldBeTrue();
        (period.Year, period.Quarter).ShouldBe((year, quarter));
        (period.Start, period.End).ShouldBe((Day.Of(start), Day.Of(end)));
        period.Label.ShouldBe(label);
        period.Previous.Key.ShouldBe(previous);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2025Q5")]
    [InlineData("2025Q0")]
    [InlineData("1999")]
    [InlineData("2025-1")]
    [InlineData("２０２５")]
    [InlineData("2025Q1 ")]
    public void Anything_else_is_not_a_period(string? key) => AssessmentPeriod.TryParse(key, out _).ShouldBeFalse();

    [Fact]
    public void Points_run_in_proportion_between_the_two_points_of_the_rule_and_the_total_is_out_of_100()
    {
        var facts = AgencyFacts.Empty with
        {
            Cases =
            [
                new CaseFact(Id(1), Day.Of("2025-01-02"), Day.Of("2025-02-10"), Day.Of("2025-02-10"), false, false),
                new CaseFact(Id(2), Day.Of("2025-01-02"), Day.Of("2025-02-10"), Day.Of("2025-02-12"), false, false),
                new CaseFact(Id(3), Day.Of("2025-01-03"), Day.Of("2025-02-11"), Day.Of("2025-02-01"), false, false),
                new CaseFact(Id(4), Day.Of("2025-01-03"), Day.Of("2025-02-11"), Day.Of("2025-02-01"), false, false),
                new CaseFact(Id(5), Day.Of("2025-01-03"), Day.Of("2025-02-11"), Day.Of("2025-02-01"), false, false),
                new CaseFact(Id(6), Day.Of("2025-01-03"), Day.Of("2025-02-11"), Day.Of("2025-02-01"), false, false),
                new CaseFact(Id(7), Day.Of("2025-01-03"), Day.Of("2025-02-11"), Day.Of("2025-02-01"), false, false),
                new CaseFact(Id(8), Day.Of("2025-01-03"), Day.Of("2025-02-11"), Day.Of("2025-02-01"), false, false),
                new CaseFact(Id(9), Day.Of("2025-01-03"), Day.Of("2025-02-11"), Day.Of("2025-02-01"), false, false),
                new CaseFact(Id(10), Day.Of("2025-01-03"), Day.Of("2025-02-11"), Day.Of("2025-02-01"), false, false),
            ],
        };

        var score = AssessmentSchemes.Score(Id(100), Scheme, facts, AssessmentPeriod.OfQuarter(2025, 1), Day.Of("2025-04-10"), WorkingCalendar.Default,
            new Dictionary<int, decimal> { [2] = 75m });

        score.Lines[0].Value.Value.ShouldBe(90m);
        score.Lines[0].Points.ShouldBe(30m, "90% is half way from 80% (nothing) to 100% (all 60 points)");
        score.Lines[1].Value.Value.ShouldBe(1m);
        score.Lines[1].Points.ShouldBe(15m, "one overdue case of four that take all 20 points");
        score.Lines[2].Points.ShouldBe(15m);
        score.Total.ShouldBe(60m);
    }

    [Fact]
    public void Lines_that_do_not_apply_are_left_out_and_the_total_is_scaled_to_the_applicable_weight()
    {
        var score = AssessmentSchemes.Score(Id(100), Scheme, AgencyFacts.Empty, AssessmentPeriod.OfQuarter(2025, 1), Day.Of("2025-04-10"), WorkingCalendar.Default,
            new Dictionary<int, decimal> { [2] = 50m });

        score.Lines[0].Points.ShouldBeNull();
        score.Lines[1].Points.ShouldBeNull();
        score.Lines[2].Points.ShouldBe(10m);
        score.Total.ShouldBe(50m, "10 of the 20 applicable points");

        AssessmentSchemes.Score(Id(100), Scheme, AgencyFacts.Empty, AssessmentPeriod.OfQuarter(2025, 1), Day.Of("2025-04-10"), WorkingCalendar.Default)
            .Total.ShouldBeNull("nothing applies: 不适用, not 100");
    }

    [Fact]
    public void Rankings_share_places_on_equal_totals_leave_unscored_agencies_unranked_and_show_the_change()
    {
        AgencyScore S(int n, decimal? total) => new(Id(n), [], total);

        var ranked = AssessmentSchemes.Rank([S(1, 80m), S(2, 95m), S(3, null), S(4, 80m), S(5, 70m)],
            new Dictionary<Guid, decimal?> { [Id(1)] = 99m, [Id(2)] = 60m, [Id(5)] = 70m });

        ranked.Select(r => (r.Score.AgencyId, r.Rank)).ShouldBe([(Id(2), (int?)1), (Id(1), 2), (Id(4), 2), (Id(5), 4), (Id(3), null)]);
        ranked[0].RankChange.ShouldBe(2, "from third to first");
        ranked[1].RankChange.ShouldBe(-1, "from first to second");
        ranked[2].RankChange.ShouldBeNull("not ranked before");
        ranked[3].PreviousTotal.ShouldBe(70m);
    }

    [Fact]
    public void A_scheme_is_checked_line_by_line_and_its_weights_must_make_100()
    {
        AssessmentSchemes.Problems(AssessmentSchemes.DefaultIndicators).ShouldBeEmpty();
        AssessmentSchemes.Problems(Scheme.Indicators).ShouldBeEmpty();

        AssessmentSchemes.Problems(
        [
            new SchemeIndicator(IndicatorKind.OnTimeReplyRate, 50m, new ScoringRule(100m, 100m)),
            new SchemeIndicator(IndicatorKind.OnTimeReplyRate, 0m, new ScoringRule(100m, 80m)),
            new SchemeIndicator(IndicatorKind.Manual, 30m, new ScoringRule(100m, 0m), " "),
            new SchemeIndicator((IndicatorKind)99, 10m, new ScoringRule(100m, 0m)),
        ]).ShouldBe(
        [
            "第 1 项（按时答复率）：满分点和零分点不能相同。",
            "第 2 项（按时答复率）：分值应大于 0、不超过 100。",
            "第 3 项（人工评分）：人工评分项须写明评分内容。",
            "第 4 项：指标不存在。",
            "指标“按时答复率”重复。",
            "各项分值合计应为 100，现为 90。",
        ]);
        AssessmentSchemes.Problems([]).ShouldBe(["考核方案至少要有一项指标。"]);
    }

    [Fact]
    public void The_version_in_force_is_the_latest_effective_one_and_a_new_version_cannot_reach_into_a_closed_period()
    {
        var v1 = Scheme;
        var v2 = Scheme with { Version = 2, EffectiveFrom = AssessmentPeriod.OfQuarter(2025, 3) };
        var v3 = Scheme with { Version = 3, EffectiveFrom = AssessmentPeriod.OfQuarter(2025, 3) };

        AssessmentSchemes.InForce([v1, v2, v3], AssessmentPeriod.OfQuarter(2025, 2))!.Version.ShouldBe(1);
        AssessmentSchemes.InForce([v1, v2, v3], AssessmentPeriod.OfQuarter(2025, 3))!.Version.ShouldBe(3);
        AssessmentSchemes.InForce([v1, v2, v3], AssessmentPeriod.OfQuarter(2026, 1))!.Version.ShouldBe(3);
        AssessmentSchemes.InForce([v1, v2], AssessmentPeriod.OfQuarter(2024, 4)).ShouldBeNull();
        AssessmentSchemes.InForce([v1], AssessmentPeriod.OfYear(2025)).ShouldBeNull("a quarterly scheme does not assess years");

        AssessmentSchemes.NewVersionRefusal(AssessmentPeriod.OfQuarter(2025, 2), [AssessmentPeriod.OfQuarter(2025, 1), AssessmentPeriod.OfQuarter(2025, 2)])
            .ShouldBe("2025年第二季度的考核结果已经确定，新版本只能从之后的考核期起施行。");
        AssessmentSchemes.NewVersionRefusal(AssessmentPeriod.OfQuarter(2025, 3), [AssessmentPeriod.OfQuarter(2025, 1), AssessmentPeriod.OfQuarter(2025, 2)]).ShouldBeNull();
        AssessmentSchemes.NewVersionRefusal(AssessmentPeriod.OfQuarter(2025, 1), [AssessmentPeriod.OfYear(2025)]).ShouldBeNull("a closed year does not bind the quarterly scheme");
    }

    [Fact]
    public void Scoring_rules_describe_themselves_in_both_directions()
    {
        new ScoringRule(100m, 80m).Describe(IndicatorUnit.Percent).ShouldBe("100% 及以上得满分，80% 及以下不得分，其间按比例");
        new ScoringRule(0m, 5m).Describe(IndicatorUnit.Count).ShouldBe("0 件 及以下得满分，5 件 及以上不得分，其间按比例");
    }
}

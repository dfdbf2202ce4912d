using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Tests.Calendar;
using static Gongkai.Tests.Applications.CaseScript;

namespace Gongkai.Tests.Applications;

public class DeadlineRecalculationTests
{
    [Fact]
    public void Loading_a_new_year_recomputes_the_open_cases_that_reach_into_it()
    {
        const string notice = "国办发明电〔2026〕99号";
        var with2027 = WorkingCalendar.From([
            .. HolidayArrangements.Embedded,
            new HolidayArrangement(2027, notice, [new CalendarDay(Day.Of("2027-01-01"), CalendarDayKind.Off, "元旦", notice)]),
        ]);
        var before = Rules;
        var after = new CaseRules(with2027, DeadlinePolicy.Default);
        var reachingInto2027 = Registered("2026-12-15", id: "A");
        var closedReachingInto2027 = Registered("2026-12-15", id: "B").Then(Reply("2026-12-20"));
        var withinLoadedYears = Registered("2026-11-02", id: "C");

        var changes = DeadlineRecalculation.Recompute([reachingInto2027, closedReachingInto2027, withinLoadedYears], before, after);

        var change = changes.ShouldHaveSingleItem();
        change.CaseId.ShouldBe("A");
        (change.Before, change.After).ShouldBe((Day.Of("2027-01-12"), Day.Of("2027-01-13")));
        (change.WasProvisional, change.IsProvisional).ShouldBe((true, false));
        change.Computation.HolidaysSkipped.ShouldContain(d => d.Date == Day.Of("2027-01-01") && d.Note == "元旦");
    }

    [Fact]
    public void A_corrected_holiday_moves_the_due_date_of_open_cases()
    {
        // Pretend the 2023 notice had not been loaded: the case would have been due on 2023-10-23.
        var weekendsOnly = new CaseRules(WorkingCalendar.Empty, DeadlinePolicy.Default);

        var changes = DeadlineRecalculation.Recompute([Registered("2023-09-25")], weekendsOnly, Rules);

        var change = changes.ShouldHaveSingleItem();
        (change.Before, change.After).ShouldBe((Day.Of("2023-10-23"), Day.Of("2023-10-27")));
    }
}

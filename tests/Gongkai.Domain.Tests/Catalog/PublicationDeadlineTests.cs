using Gongkai.Calendar;
using Gongkai.Catalog;
using Gongkai.Tests.Calendar;

namespace Gongkai.Tests.Catalog;

public class PublicationDeadlineTests
{
    // Formed on Monday 30 September 2024: the National Day holiday (1–7 October) does not count and Saturday
    // 12 October is a make-up working day, so the 20th working day is Friday 1 November.
    private static readonly DateOnly Formed = Day.Of("2024-09-30");

    [Fact]
    public void The_period_is_twenty_working_days_on_the_holiday_calendar()
    {
        var deadline = PublicationDeadline.Compute(WorkingCalendar.Default, Formed, Day.Of("2024-11-01"), Day.Of("2024-12-01"));

        deadline.DueOn.ShouldBe(Day.Of("2024-11-01"));
        deadline.Timeliness.ShouldBe(PublicationTimeliness.Met);
        deadline.WorkingDays.ShouldBe(20);
        deadline.IsProvisional.ShouldBeFalse();
        deadline.ToChinese().ShouldBe("2024-09-30 形成或变更，依条例第二十六条应于 2024-11-01 前（20 个工作日内）公开；2024-11-01 公开（第 20 个工作日），按时公开。");
    }

    [Fact]
    public void Publishing_the_next_working_day_misses_it()
    {
        var deadline = PublicationDeadline.Compute(WorkingCalendar.Default, Formed, Day.Of("2024-11-04"), Day.Of("2024-12-01"));

        deadline.Timeliness.ShouldBe(PublicationTimeliness.Missed);
        deadline.WorkingDays.ShouldBe(21);
        deadline.Label.ShouldBe("超期公开");
    }

    [Fact]
    public void An_unpublished_item_is_pending_until_the_due_date_and_overdue_after()
    {
        var pending = PublicationDeadline.Compute(WorkingCalendar.Default, Formed, null, Day.Of("2024-11-01"));
        pending.Timeliness.ShouldBe(PublicationTimeliness.Pending);
        pending.ToChinese().ShouldEndWith("尚未公开，已过 20 个工作日。");

        var overdue = PublicationDeadline.Compute(WorkingCalendar.Default, Formed, null, Day.Of("2024-11-02"));
        overdue.Timeliness.ShouldBe(PublicationTimeliness.Overdue);
        overdue.Label.ShouldBe("已超期未公开");
    }

    [Fact]
    public void A_period_in_a_year_without_a_holiday_notice_is_provisional()
    {
        var deadline = PublicationDeadline.Compute(WorkingCalendar.Default, Day.Of("2030-03-01"), null, Day.Of("2030-03-01"));

        deadline.DueOn.ShouldBe(Day.Of("2030-03-29"));
        deadline.IsProvisional.ShouldBeTrue();
        deadline.ToChinese().ShouldEndWith("（所涉年度的节假日安排尚未载入，按周末推算，仅供参考。）");
    }
}

using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Interaction;
using Gongkai.Tests.Calendar;

namespace Gongkai.Tests.Interaction;

public class MessageTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Default;

    [Theory]
    // An ordinary week: Monday 2024-06-03 + 5 working days, but Monday 06-10 is 端午节, so the fifth is Tuesday 06-11.
    [InlineData("2024-06-03", 5, "2024-06-11")]
    // Received on Saturday 2024-06-15: the weekend does not count, the fifth working day is Friday 06-21.
    [InlineData("2024-06-15", 5, "2024-06-21")]
    // Friday 2024-09-27: Sunday 09-29 is a working day (调休), 10-01 to 10-07 are not, so the fifth is Thursday 10-10.
    [InlineData("2024-09-27", 5, "2024-10-10")]
    // Thursday 2024-02-08: 除夕 02-09 is worked, 02-10 to 02-17 are 春节, Sunday 02-18 is worked (调休): the fifth is 02-21.
    [InlineData("2024-02-08", 5, "2024-02-21")]
    // A region's own period: 3 working days from Friday 2024-06-07 skip the weekend and 端午节 (06-10): Thursday 06-13.
    [InlineData("2024-06-07", 3, "2024-06-13")]
    public void The_reply_is_due_after_the_regions_working_days_on_the_holiday_calendar(string received, int days, string due) =>
        MessageDeadlines.DueOn(Calendar, Day.Of(received), days).ShouldBe(Day.Of(due));

    [Fact]
    public void A_period_outside_one_to_sixty_working_days_is_refused()
    {
        MessageDeadlines.Problem(0).ShouldBe("留言答复期限应为 1 至 60 个工作日。");
        MessageDeadlines.Problem(61).ShouldBe("留言答复期限应为 1 至 60 个工作日。");
        MessageDeadlines.Problem(5).ShouldBeNull();
        Should.Throw<ArgumentOutOfRangeException>(() => MessageDeadlines.DueOn(Calendar, Day.Of("2024-06-17"), 0));
    }

    [Fact]
    public void The_working_days_a_reply_took_skip_holidays_and_count_adjusted_working_days()
    {
        // 09-29 (调休), 09-30, 10-08: three working days between Friday 09-27 and 10-08.
        MessageDeadlines.WorkingDaysTaken(Calendar, Day.Of("2024-09-27"), Day.Of("2024-10-08")).ShouldBe(3);
        MessageDeadlines.WorkingDaysTaken(Calendar, Day.Of("2024-06-17"), Day.Of("2024-06-17")).ShouldBe(0);
    }

    [Theory]
    [InlineData("2024-06-17", "2024-06-18", null, DeadlineStatus.DueSoon)]
    [InlineData("2024-06-17", "2024-06-17", null, DeadlineStatus.DueSoon)]
    [InlineData("2024-06-17", "2024-06-19", null, DeadlineStatus.OnTrack)]
    // Friday 06-07 with the reply due on Tuesday 06-11: only Tuesday is a working day in between (06-10 is 端午节).
    [InlineData("2024-06-07", "2024-06-11", null, DeadlineStatus.DueSoon)]
    [InlineData("2024-06-18", "2024-06-17", null, DeadlineStatus.Overdue)]
    [InlineData("2024-06-20", "2024-06-17", "2024-06-17", DeadlineStatus.RepliedOnTime)]
    [InlineData("2024-06-20", "2024-06-17", "2024-06-18", DeadlineStatus.RepliedLate)]
    public void A_message_is_marked_as_the_queue_marks_cases(string today, string due, string? replied, DeadlineStatus expected) =>
        MessageDeadlines.Status(Calendar, Day.Of(today), Day.Of(due), replied is null ? null : Day.Of(replied)).ShouldBe(expected);

    [Fact]
    public void The_two_lowest_ratings_need_a_reason()
    {
        MessageRules.RatingProblem(null, null).ShouldBe("请选择评价。");
        MessageRules.RatingProblem((Satisfaction)9, null).ShouldBe("请选择评价。");
        MessageRules.RatingProblem(Satisfaction.Dissatisfied, null).ShouldBe("选择“不满意”时请写明理由。");
        MessageRules.RatingProblem(Satisfaction.VeryDissatisfied, "  ").ShouldBe("选择“非常不满意”时请写明理由。");
        MessageRules.RatingProblem(Satisfaction.VeryDissatisfied, "答非所问").ShouldBeNull();
        MessageRules.RatingProblem(Satisfaction.Basic, null).ShouldBeNull();
        MessageRules.RatingProblem(Satisfaction.VerySatisfied, new string('好', 501)).ShouldBe("理由不超过 500 字。");
        Enum.GetValues<Satisfaction>().Select(InteractionText.Satisfaction).ShouldBe(["非常不满意", "不满意", "基本满意", "满意", "非常满意"]);
    }

    [Fact]
    public void Statistics_count_received_replied_on_time_working_days_and_satisfaction()
    {
        MessageFacts[] messages =
        [
            // Replied in 3 working days (09-29, 09-30, 10-08), on time; 非常满意.
            new(Day.Of("2024-09-27"), Day.Of("2024-10-10"), Day.Of("2024-10-08"), Satisfaction.VerySatisfied),
            // Replied a day late after 6 working days (06-11 … 06-14, 06-17, 06-18); 不满意.
            new(Day.Of("2024-06-07"), Day.Of("2024-06-17"), Day.Of("2024-06-18"), Satisfaction.Dissatisfied),
            // Not replied yet.
            new(Day.Of("2024-06-17"), Day.Of("2024-06-24"), null, null),
            // Replied in 2 working days; 基本满意.
            new(Day.Of("2024-06-03"), Day.Of("2024-06-11"), Day.Of("2024-06-05"), Satisfaction.Basic),
        ];

        // (3 + 6 + 2) / 3 = 3.67 → 3.7 days; 2 of 3 ratings at 基本满意 or above → 66.7 %; (5 + 2 + 3) / 3 → 3.3.
        MessageStatistics.Of(Calendar, messages).ShouldBe(new MessageStatistics(4, 3, 2, 3.7m, 3, 66.7m, 3.3m));
        MessageStatistics.Of(Calendar, []).ShouldBe(new MessageStatistics(0, 0, 0, null, 0, null, null));
    }
}

using Gongkai.Applications;
using Gongkai.Calendar;
using Gongkai.Tests.Calendar;

namespace Gongkai.Tests.Applications;

public class DeadlineCalculatorTests
{
    private static readonly CaseRules Rules = CaseRules.Default;

    private static DeadlineComputation Compute(string received, CorrectionPeriod? correction = null,
        IReadOnlyList<ClockPause>? pauses = null, DeadlineExtension? extension = null, CaseRules? rules = null) =>
        DeadlineCalculator.Compute(new DeadlineInput(Day.Of(received), correction, pauses, extension), rules ?? Rules);

    // Each expectation was counted by hand on a paper calendar from rules.md §4: day of receipt = day 0.
    [Theory]
    [InlineData("2023-09-25", "2023-10-27")] // 中秋节、国庆节 2023 and its two weekend make-up days
    [InlineData("2024-02-01", "2024-03-05")] // 春节 2024: Sunday 02-04 and 02-18 worked, 除夕 02-09 an ordinary working day
    [InlineData("2025-01-20", "2025-02-21")] // 春节 2025 (8 days from 除夕), Sunday 01-26 and Saturday 02-08 worked
    [InlineData("2026-02-10", "2026-03-16")] // 春节 2026 (9 days), Saturdays 02-14 and 02-28 worked
    [InlineData("2023-12-20", "2024-01-18")] // year end, 元旦 2024
    [InlineData("2025-12-22", "2026-01-20")] // year end, 元旦 2026 (3 days) and Sunday 01-04 worked
    [InlineData("2024-09-12", "2024-10-16")] // 中秋节 2024 with Saturday 09-14, 国庆节 2024 with Sunday 09-29 and Saturday 10-12
    [InlineData("2025-04-25", "2025-05-27")] // 劳动节 2025 with Sunday 04-27
    public void Twenty_working_days_after_receipt(string received, string due)
    {
        var computation = Compute(received);

        computation.Due.ShouldBe(Day.Of(due));
        computation.OriginalDue.ShouldBe(Day.Of(due));
        computation.WorkingDaysCounted.ShouldBe(20);
        computation.IsProvisional.ShouldBeFalse();
        computation.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void The_issue_example_explains_which_holidays_were_skipped_and_which_make_up_days_counted()
    {
        var computation = Compute("2023-09-25");

        computation.HolidaysSkipped.Select(d => d.Date).ShouldBe(Dates("2023-09-29", "2023-10-06"));
        computation.HolidaysSkipped.ShouldAllBe(d => d.Note == "中秋节、国庆节");
        computation.MakeUpDaysCounted.Select(d => (d.Date, d.Ordinal)).ShouldBe([(Day.Of("2023-10-07"), (int?)4), (Day.Of("2023-10-08"), 5)]);
        computation.Days.Where(d => d.Ordinal is not null).Select(d => d.Ordinal!.Value).ShouldBe(Enumerable.Range(1, 20));
        computation.ToChinese().ShouldBe("""
            收到申请：2023-09-25（星期一），当日为第0日，答复期限为20个工作日
            答复期限届满日：2023-10-27（星期五），即第20个工作日
            计入的工作日：共20个（2023-09-26 至 2023-10-27，收到之日不计入）
            跳过的法定节假日：中秋节、国庆节 2023-09-29 至 2023-10-06（8天）
            计入的调休上班日：2023-10-07（星期六，中秋节、国庆节调休上班，第4个工作日）、2023-10-08（星期日，中秋节、国庆节调休上班，第5个工作日）
            """);
    }

    [Fact]
    public void A_correction_restarts_the_count_from_the_corrected_application()
    {
        var computation = Compute("2023-09-25", new CorrectionPeriod(Day.Of("2023-09-27"), Day.Of("2023-10-20"), Day.Of("2023-10-09")));

        computation.CountFrom.ShouldBe(Day.Of("2023-10-09"));
        computation.Due.ShouldBe(Day.Of("2023-11-06"));
        computation.Days[0].Date.ShouldBe(Day.Of("2023-10-10"));
        computation.Steps.Select(s => s.Kind).ShouldBe(
            [DeadlineStepKind.Received, DeadlineStepKind.CorrectionRequested, DeadlineStepKind.CorrectionReceived, DeadlineStepKind.Due]);
    }

    [Fact]
    public void While_waiting_for_a_correction_there_is_no_due_date()
    {
        var computation = Compute("2023-09-25", new CorrectionPeriod(Day.Of("2023-09-27"), Day.Of("2023-10-20"), null));

        computation.AwaitingCorrection.ShouldBeTrue();
        computation.Due.ShouldBeNull();
        computation.Days.ShouldBeEmpty();
        computation.Steps[^1].Text.ShouldBe("等待补正：答复期限自收到补正后的申请之日起重新计算20个工作日，目前暂停计时");
    }

    // Convention: the working days d with start < d ≤ answer are not counted.
    [Theory]
    [InlineData("2023-10-09", "2023-10-13", "2023-11-02", 4)] // 10-09 counted (6th day), 10-10..10-13 excluded
    [InlineData("2023-10-09", "2023-10-09", "2023-10-27", 0)] // answered the day it was sent: nothing excluded
    [InlineData("2023-10-08", "2023-10-09", "2023-10-30", 1)] // sent on a make-up Sunday: only 10-09 excluded
    [InlineData("2023-09-28", "2023-10-09", "2023-11-01", 3)] // holidays inside a pause stay holidays; 10-07, 10-08, 10-09 are the pause days
    public void Consultation_days_after_the_start_up_to_the_answer_are_not_counted(string from, string until, string due, int paused)
    {
        var pause = ClockPause.Consultation(ConsultationKind.ThirdParty, "某公司", Day.Of(from), Day.Of(until), null, Rules);

        var computation = Compute("2023-09-25", pauses: [pause]);

        computation.Due.ShouldBe(Day.Of(due));
        computation.PausedDays.Count().ShouldBe(paused);
        computation.WorkingDaysCounted.ShouldBe(20);
    }

    [Fact]
    public void A_consultation_pauses_the_clock_at_most_for_the_15_working_day_answer_period()
    {
        // Sent Friday 2024-03-01; the answer period ends 2024-03-22; a late answer on 04-01 does not stop the clock longer.
        var late = ClockPause.Consultation(ConsultationKind.OtherAgency, "市财政局", Day.Of("2024-03-01"), Day.Of("2024-04-01"), null, Rules);
        var open = ClockPause.Consultation(ConsultationKind.OtherAgency, "市财政局", Day.Of("2024-03-01"), null, null, Rules);

        late.Until.ShouldBe(Day.Of("2024-03-22"));
        late.Description.ShouldBe("征求其他机关意见（市财政局）：2024-03-01 发出，2024-04-01 答复，超过答复期限 2024-03-22，超出部分计入答复期限");
        open.Until.ShouldBe(Day.Of("2024-03-22"));
        open.Open.ShouldBeTrue();

        var computation = Compute("2024-02-26", pauses: [open]);

        computation.PausedDays.Count().ShouldBe(15);
        computation.HasOpenPause.ShouldBeTrue();
        computation.Due.ShouldBe(Rules.Calendar.AddWorkingDays(Day.Of("2024-02-26"), 35));
        computation.Warnings.ShouldContain("有尚未结束的暂停计时事项，期限按其最迟结束日计算；提前结束的，期限相应提前。");
    }

    [Fact]
    public void An_extension_adds_working_days_after_the_original_due_date()
    {
        var computation = Compute("2023-09-25", extension: new DeadlineExtension(20, Day.Of("2023-10-20"), "王主任"));

        computation.OriginalDue.ShouldBe(Day.Of("2023-10-27"));
        computation.Due.ShouldBe(Day.Of("2023-11-24"));
        computation.WorkingDaysAllowed.ShouldBe(40);
        computation.Steps.Select(s => s.Text).ShouldContain(
            "延长答复期限：2023-10-20 经王主任（政府信息公开工作机构负责人）批准，在原答复期限 2023-10-27 届满前延长20个工作日");
    }

    [Fact]
    public void A_deadline_running_into_a_year_without_an_arrangement_is_provisional_and_says_which_notice_is_missing()
    {
        var computation = Compute("2026-12-15");

        // 2027-01-01 is a Friday and, with no 2027 notice loaded, counted as a working day.
        computation.Due.ShouldBe(Day.Of("2027-01-12"));
        computation.IsProvisional.ShouldBeTrue();
        computation.MissingYears.ShouldBe([2027]);
        computation.Warnings.ShouldBe(["2027年的节假日安排（国务院办公厅通知）尚未载入，2027年的日期仅按周末计算，期限为暂定；载入后将重新计算。"]);
        computation.ToChinese().ShouldEndWith("注意：" + computation.Warnings[0]);
    }

    [Fact]
    public void Counting_back_into_a_year_before_the_loaded_ones_is_provisional_too()
    {
        var computation = Compute("2022-12-20");

        computation.Due.ShouldBe(Day.Of("2023-01-18"));
        computation.MissingYears.ShouldBe([2022]);
        computation.HolidaysSkipped.Select(d => d.Date).ShouldBe(Dates("2022-12-31", "2023-01-02"));
    }

    [Fact]
    public void Input_that_breaks_the_lifecycle_rules_is_reported()
    {
        var input = new DeadlineInput(
            Day.Of("2023-09-25"),
            new CorrectionPeriod(Day.Of("2023-10-12"), null, Day.Of("2023-10-11")),
            [new ClockPause(PauseKind.Consultation, Day.Of("2023-10-20"), Day.Of("2023-10-19"), "征求意见", false)],
            new DeadlineExtension(25));

        input.Validate(Rules).ShouldBe([
            "补正告知应在收到申请之日起7个工作日内发出（最迟 2023-10-10），2023-10-12 已超过。",
            "收到补正材料日期 2023-10-11 早于补正告知日期 2023-10-12。",
            "征求意见：结束日期早于开始日期。",
            "延长的期限应为1至20个工作日，25个工作日不符合。",
        ]);
        new DeadlineInput(Day.Of("2023-09-25")).Validate(Rules).ShouldBeEmpty();
    }

    [Fact]
    public void A_calendar_with_hardly_any_working_days_is_reported_as_a_data_error()
    {
        var allOff = new WorkingCalendar(
            Enumerable.Range(0, 4000).Select(i => new CalendarDay(new DateOnly(2030, 1, 1).AddDays(i), CalendarDayKind.Off, "错误", "错误")),
            []);

        Should.Throw<InvalidOperationException>(() => Compute("2030-01-01", rules: new CaseRules(allOff, DeadlinePolicy.Default)))
            .Message.ShouldBe("自 2030-01-01 起十年内找不到足够的工作日，节假日数据有误。");
    }

    private static IEnumerable<DateOnly> Dates(string first, string last)
    {
        for (var date = Day.Of(first); date <= Day.Of(last); date = date.AddDays(1))
        {
            yield return date;
        }
    }
}

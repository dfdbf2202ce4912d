using Gongkai.Calendar;

namespace Gongkai.Tests.Calendar;

public class WorkingCalendarTests
{
    // Written from the notices as restated in rules.md §4, independently of Calendar/Data/holidays.csv:
    // (arrangement year, holiday, first day off, last day off, make-up working days).
    public static readonly TheoryData<int, string, string, string, string[]> Blocks = new()
    {
        { 2023, "元旦", "2022-12-31", "2023-01-02", [] },
        { 2023, "春节", "2023-01-21", "2023-01-27", ["2023-01-28", "2023-01-29"] },
        { 2023, "清明节", "2023-04-05", "2023-04-05", [] },
        { 2023, "劳动节", "2023-04-29", "2023-05-03", ["2023-04-23", "2023-05-06"] },
        { 2023, "端午节", "2023-06-22", "2023-06-24", ["2023-06-25"] },
        { 2023, "中秋节、国庆节", "2023-09-29", "2023-10-06", ["2023-10-07", "2023-10-08"] },
        { 2024, "元旦", "2024-01-01", "2024-01-01", [] },
        { 2024, "春节", "2024-02-10", "2024-02-17", ["2024-02-04", "2024-02-18"] },
        { 2024, "清明节", "2024-04-04", "2024-04-06", ["2024-04-07"] },
        { 2024, "劳动节", "2024-05-01", "2024-05-05", ["2024-04-28", "2024-05-11"] },
        { 2024, "端午节", "2024-06-10", "2024-06-10", [] },
        { 2024, "中秋节", "2024-09-15", "2024-09-17", ["2024-09-14"] },
        { 2024, "国庆节", "2024-10-01", "2024-10-07", ["2024-09-29", "2024-10-12"] },
        { 2025, "元旦", "2025-01-01", "2025-01-01", [] },
        { 2025, "春节", "2025-01-28", "2025-02-04", ["2025-01-26", "2025-02-08"] },
        { 2025, "清明节", "2025-04-04", "2025-04-06", [] },
        { 2025, "劳动节", "2025-05-01", "2025-05-05", ["2025-04-27"] },
        { 2025, "端午节", "2025-05-31", "2025-06-02", [] },
        { 2025, "国庆节、中秋节", "2025-10-01", "2025-10-08", ["2025-09-28", "2025-10-11"] },
        { 2026, "元旦", "2026-01-01", "2026-01-03", ["2026-01-04"] },
        { 2026, "春节", "2026-02-15", "2026-02-23", ["2026-02-14", "2026-02-28"] },
        { 2026, "清明节", "2026-04-04", "2026-04-06", [] },
        { 2026, "劳动节", "2026-05-01", "2026-05-05", ["2026-05-09"] },
        { 2026, "端午节", "2026-06-19", "2026-06-21", [] },
        { 2026, "中秋节", "2026-09-25", "2026-09-27", [] },
        { 2026, "国庆节", "2026-10-01", "2026-10-07", ["2026-09-20", "2026-10-10"] },
    };

    private static readonly Dictionary<int, string> Notices = new()
    {
        [2023] = "国办发明电〔2022〕16号",
        [2024] = "国办发明电〔2023〕7号",
        [2025] = "国办发明电〔2024〕12号",
        [2026] = "国办发明电〔2025〕7号",
    };

    private readonly WorkingCalendar _calendar = WorkingCalendar.Default;

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Every_day_of_a_holiday_block_is_off_and_every_make_up_day_is_a_working_day(
        int year, string name, string first, string last, string[] makeUpDays)
    {
        for (var date = Day.Of(first); date <= Day.Of(last); date = date.AddDays(1))
        {
            _calendar.IsWorkingDay(date).ShouldBeFalse($"{date} ({name})");
            _calendar.Entry(date).ShouldBe(new CalendarDay(date, CalendarDayKind.Off, name, Notices[year]));
        }

        foreach (var text in makeUpDays)
        {
            var date = Day.Of(text);
            WorkingCalendar.IsWeekend(date).ShouldBeTrue($"{date} is a make-up day, so a weekend day");
            _calendar.IsWorkingDay(date).ShouldBeTrue($"{date} ({name} 调休上班)");
            _calendar.Entry(date).ShouldBe(new CalendarDay(date, CalendarDayKind.Work, name, Notices[year]));
        }
    }

    [Fact]
    public void Every_date_from_2023_to_2026_is_a_working_day_exactly_when_the_notices_say_so()
    {
        var off = new HashSet<DateOnly>();
        var work = new HashSet<DateOnly>();
        foreach (var row in Blocks)
        {
            var (first, last, makeUp) = (Day.Of((string)row[2]), Day.Of((string)row[3]), (string[])row[4]);
            for (var date = first; date <= last; date = date.AddDays(1))
            {
                off.Add(date);
            }

            work.UnionWith(makeUp.Select(Day.Of));
        }

        var mismatches = new List<DateOnly>();
        for (var date = new DateOnly(2023, 1, 1); date.Year <= 2026; date = date.AddDays(1))
        {
            var expected = work.Contains(date) || (!off.Contains(date) && !WorkingCalendar.IsWeekend(date));
            if (_calendar.IsWorkingDay(date) != expected)
            {
                mismatches.Add(date);
            }
        }

        mismatches.ShouldBeEmpty();
        _calendar.Days.Count.ShouldBe(off.Count + work.Count, "the data holds no date the notices do not mention");
    }

    [Fact]
    public void The_shipped_calendar_loads_2023_to_2026_and_keeps_the_2022_new_year_eve_of_the_2023_notice()
    {
        _calendar.LoadedYears.ShouldBe([2023, 2024, 2025, 2026]);
        _calendar.IsLoaded(2022).ShouldBeFalse();
        _calendar.IsLoaded(2027).ShouldBeFalse();
        _calendar.Entry(new DateOnly(2022, 12, 31))!.Notice.ShouldBe("国办发明电〔2022〕16号");
        HolidayArrangements.Embedded.Select(a => (a.Year, a.Notice)).ShouldBe(Notices.Select(n => (n.Key, n.Value)));
    }

    [Fact]
    public void Years_without_an_arrangement_are_judged_by_the_weekend_alone()
    {
        var friday = new DateOnly(2027, 10, 1);
        _calendar.IsWorkingDay(friday).ShouldBeTrue("2027's National Day is not loaded");
        _calendar.IsWorkingDay(friday.AddDays(1)).ShouldBeFalse();
        WorkingCalendar.Empty.IsWorkingDay(new DateOnly(2024, 10, 1)).ShouldBeTrue();
    }

    [Fact]
    public void Working_days_are_counted_after_day_zero()
    {
        var dayZero = new DateOnly(2024, 2, 8); // Thursday before Spring Festival 2024
        _calendar.AddWorkingDays(dayZero, 0).ShouldBe(dayZero);
        _calendar.AddWorkingDays(dayZero, 1).ShouldBe(new DateOnly(2024, 2, 9), "除夕 2024 was an ordinary working day");
        _calendar.AddWorkingDays(dayZero, 2).ShouldBe(new DateOnly(2024, 2, 18), "Sunday 02-18 is a make-up day");
        _calendar.WorkingDaysBetween(dayZero, new DateOnly(2024, 2, 18)).ShouldBe(2);
        _calendar.WorkingDaysBetween(new DateOnly(2024, 2, 18), dayZero).ShouldBe(0);
    }

    [Fact]
    public void A_calendar_can_be_built_from_other_data_and_rejects_inconsistent_entries()
    {
        var notice = "测试通知";
        var calendar = new WorkingCalendar(
            [new CalendarDay(new DateOnly(2027, 10, 1), CalendarDayKind.Off, "国庆节", notice),
             new CalendarDay(new DateOnly(2027, 10, 9), CalendarDayKind.Work, "国庆节", notice)],
            [2027]);

        calendar.IsLoaded(2027).ShouldBeTrue();
        calendar.IsWorkingDay(new DateOnly(2027, 10, 1)).ShouldBeFalse();
        calendar.IsWorkingDay(new DateOnly(2027, 10, 9)).ShouldBeTrue();

        Should.Throw<ArgumentException>(() => new WorkingCalendar(
            [new CalendarDay(new DateOnly(2027, 10, 8), CalendarDayKind.Work, "国庆节", notice)], [2027]))
            .Message.ShouldStartWith("2027-10-08不是周末，不能登记为调休上班日。");
        Should.Throw<ArgumentException>(() => new WorkingCalendar(
            [new CalendarDay(new DateOnly(2027, 10, 1), CalendarDayKind.Off, "国庆节", notice),
             new CalendarDay(new DateOnly(2027, 10, 1), CalendarDayKind.Off, "国庆节", notice)], [2027]))
            .Message.ShouldStartWith("2027-10-01在节假日数据中出现了两次。");
        Should.Throw<ArgumentException>(() => new WorkingCalendar(
            [new CalendarDay(new DateOnly(2027, 10, 1), CalendarDayKind.Off, " ", notice)], [2027]));
    }

    [Fact]
    public void Loading_a_new_year_is_adding_rows()
    {
        const string csv = """
            # a future notice
            year,date,kind,name,notice
            2027,2027-10-01,off,国庆节,国办发明电〔2026〕1号
            2027,2027-10-09,work,国庆节,国办发明电〔2026〕1号
            """;

        var arrangements = HolidayArrangements.Parse(new StringReader(csv));

        arrangements.ShouldHaveSingleItem().Year.ShouldBe(2027);
        var calendar = WorkingCalendar.From([.. HolidayArrangements.Embedded, .. arrangements]);
        calendar.LoadedYears.ShouldBe([2023, 2024, 2025, 2026, 2027]);
        calendar.IsWorkingDay(new DateOnly(2027, 10, 1)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("date,kind\n", "节假日数据第1行：表头应为「年度,日期,类型,名称,通知文号」。")]
    [InlineData("year,date,kind,name,notice\n2027,2027-13-01,off,国庆节,通知\n", "节假日数据第2行：日期「2027-13-01」不是有效日期（格式为 YYYY-MM-DD）。")]
    [InlineData("year,date,kind,name,notice\n2027,2027-10-01,rest,国庆节,通知\n", "节假日数据第2行：类型「rest」应为休息或上班。")]
    [InlineData("year,date,kind,name,notice\n2027,2027-10-01,off,国庆节\n", "节假日数据第2行：应有5列：年度,日期,类型,名称,通知文号。")]
    [InlineData("year,date,kind,name,notice\n2027,2027-10-01,off,国庆节,甲\n2027,2027-10-02,off,国庆节,乙\n", "节假日数据第3行：2027年的安排已注明通知「甲」，本行却为「乙」。")]
    [InlineData("", "节假日数据为空，缺少表头「年度,日期,类型,名称,通知文号」。")]
    public void Bad_calendar_data_is_refused_with_the_line(string csv, string message)
    {
        Should.Throw<FormatException>(() => HolidayArrangements.Parse(new StringReader(csv))).Message.ShouldBe(message);
    }

    [Fact]
    public void The_chinese_header_and_values_are_read_and_written_and_the_shipped_words_still_read()
    {
        const string csv = """
            年度,日期,类型,名称,通知文号
            2027,2027-10-01,休息,国庆节,国办发明电〔2026〕1号
            2027,2027-10-02,off,国庆节,国办发明电〔2026〕1号
            2027,2027-10-09,上班,国庆节,国办发明电〔2026〕1号
            2027,2027-10-10,WORK,国庆节,国办发明电〔2026〕1号
            """;

        var arrangement = HolidayArrangements.Parse(new StringReader(csv)).ShouldHaveSingleItem();
        arrangement.Days.Select(d => d.Kind).ShouldBe([CalendarDayKind.Off, CalendarDayKind.Off, CalendarDayKind.Work, CalendarDayKind.Work]);

        using var written = new StringWriter();
        HolidayArrangements.Write(written, [arrangement]);
        written.ToString().ShouldBe("""
            年度,日期,类型,名称,通知文号
            2027,2027-10-01,休息,国庆节,国办发明电〔2026〕1号
            2027,2027-10-02,休息,国庆节,国办发明电〔2026〕1号
            2027,2027-10-09,上班,国庆节,国办发明电〔2026〕1号
            2027,2027-10-10,上班,国庆节,国办发明电〔2026〕1号

            """.ReplaceLineEndings("\n"));
        HolidayArrangements.Parse(new StringReader(written.ToString())).ShouldHaveSingleItem().Days.ShouldBe(arrangement.Days);
        (CalendarDayKindText.Label(CalendarDayKind.Off), CalendarDayKindText.Label(CalendarDayKind.Work)).ShouldBe(("休息日", "调休上班日"));
    }

    [Fact]
    public void Every_bad_line_is_named_in_line_order_and_nothing_is_returned()
    {
        const string csv = """
            year,date,kind,name,notice
            2027,2027-10-01,off,国庆节,甲
            x,2027-10-02,off,国庆节,甲
            2027,2027/10/03,holiday,国庆节,甲
            2027,2027-10-01,off,国庆节,乙
            2027,2027-10-04,off,国庆节
            2027,2027-10-05,off,国庆节,甲
            """;

        var problems = Should.Throw<HolidayDataException>(() => HolidayArrangements.Parse(new StringReader(csv))).Problems;

        problems.ShouldBe([
            "节假日数据第3行：年度「x」不是整数。",
            "节假日数据第4行：日期「2027/10/03」不是有效日期（格式为 YYYY-MM-DD）。",
            "节假日数据第4行：类型「holiday」应为休息或上班。",
            "节假日数据第5行：日期「2027-10-01」与第2行重复。",
            "节假日数据第5行：2027年的安排已注明通知「甲」，本行却为「乙」。",
            "节假日数据第6行：应有5列：年度,日期,类型,名称,通知文号。",
        ]);
    }
}

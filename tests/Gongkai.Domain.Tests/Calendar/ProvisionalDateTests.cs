using Gongkai.Calendar;

namespace Gongkai.Tests.Calendar;

/// <summary>How a date counted on a year without its holiday notice is written: 暂定 and why, the same words everywhere.</summary>
public class ProvisionalDateTests
{
    private static readonly WorkingCalendar Loaded2026 = WorkingCalendar.From(HolidayArrangements.Embedded.Where(a => a.Year == 2026));

    [Fact]
    public void A_date_in_a_year_without_its_notice_says_provisional_and_why()
    {
        var missing = ProvisionalDate.MissingYears(Loaded2026, new DateOnly(2026, 12, 4), new DateOnly(2027, 1, 1));

        missing.ShouldBe([2027]);
        ProvisionalDate.Chinese(new DateOnly(2027, 1, 1), missing).ShouldBe("2027年1月1日（暂定：2027年的节假日安排尚未载入，暂按周末推算，载入后可能调整）");
        ProvisionalDate.Iso(new DateOnly(2027, 1, 1), missing).ShouldBe("2027-01-01（暂定：2027年的节假日安排尚未载入，暂按周末推算，载入后可能调整）");
        ProvisionalDate.Mark(true).ShouldBe("（暂定）");
    }

    [Fact]
    public void A_date_within_loaded_years_is_written_plainly()
    {
        var missing = ProvisionalDate.MissingYears(Loaded2026, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 31));

        missing.ShouldBeEmpty();
        ProvisionalDate.Chinese(new DateOnly(2026, 12, 31), missing).ShouldBe("2026年12月31日");
        ProvisionalDate.Mark(false).ShouldBe("");
        ProvisionalDate.Reason([]).ShouldBe("");
    }

    [Fact]
    public void Several_missing_years_are_named_in_order()
    {
        var missing = ProvisionalDate.MissingYears(WorkingCalendar.Empty, new DateOnly(2027, 12, 20), new DateOnly(2028, 1, 20));

        missing.ShouldBe([2027, 2028]);
        ProvisionalDate.Reason([2028, 2027]).ShouldBe("2027年、2028年的节假日安排尚未载入，暂按周末推算，载入后可能调整");
        ProvisionalDate.MissingYears(WorkingCalendar.Empty, new DateOnly(2028, 1, 2), new DateOnly(2028, 1, 1)).ShouldBeEmpty();
    }
}

using Gongkai.Interaction;
using Gongkai.Tests.Calendar;

namespace Gongkai.Tests.Interaction;

public class ChannelRulesTests
{
    [Theory]
    // 14 calendar days after the last update the account is still current; on the 15th it is stale.
    [InlineData(ChannelKind.WeChat, "2024-06-03", "2024-06-17", false)]
    [InlineData(ChannelKind.WeChat, "2024-06-02", "2024-06-17", true)]
    [InlineData(ChannelKind.Weibo, "2024-06-02", "2024-06-17", true)]
    [InlineData(ChannelKind.App, "2024-06-17", "2024-06-17", false)]
    // Calendar days, not working days: the 2024 National Day week counts like any other.
    [InlineData(ChannelKind.App, "2024-09-30", "2024-10-15", true)]
    // A reading room or the service centre's 专区 is not new media and is never stale.
    [InlineData(ChannelKind.ReadingRoom, "2020-01-01", "2024-06-17", false)]
    [InlineData(ChannelKind.ServiceCentre, null, "2024-06-17", false)]
    // An account without a date entered is stale.
    [InlineData(ChannelKind.WeChat, null, "2024-06-17", true)]
    public void A_new_media_account_is_stale_past_the_threshold_in_calendar_days(ChannelKind kind, string? last, string today, bool stale) =>
        ChannelRules.IsStale(kind, last is null ? null : Day.Of(last), Day.Of(today), ChannelRules.DefaultStaleAfterDays).ShouldBe(stale);

    [Fact]
    public void The_stale_text_counts_the_days_since_the_update_or_says_none_was_entered()
    {
        ChannelRules.StaleText(Day.Of("2024-06-02"), Day.Of("2024-06-17")).ShouldBe("15 天未更新");
        ChannelRules.StaleText(null, Day.Of("2024-06-17")).ShouldBe("未登记更新日期");
    }

    [Fact]
    public void An_entry_needs_a_registrable_kind_its_texts_and_no_future_date()
    {
        ChannelRules.Problems(ChannelKind.Portal, " ", "x", new string('王', 101), Day.Of("2024-06-18"), Day.Of("2024-06-17")).ShouldBe(new Dictionary<string, string>
        {
            ["Kind"] = "请选择渠道类型（政府网站栏目已自动列出，无需登记）。",
            ["Name"] = "请填写渠道名称。",
            ["Responsible"] = "责任人不能超过 100 个字（现有 101 个）。",
            ["LastUpdatedOn"] = "最近更新日期不能晚于今天（2024-06-17）。",
        });
        ChannelRules.Problems(ChannelKind.Weibo, "示范县教育局", "weibo.com/sfxjy", "王芳", null, Day.Of("2024-06-17")).ShouldBeEmpty();
    }

    [Fact]
    public void A_month_count_needs_a_month_already_begun_a_count_and_its_source()
    {
        var today = Day.Of("2024-06-17");
        ChannelRules.CountProblems(2024, 6, 0, "后台导出", today).ShouldBeEmpty();
        ChannelRules.CountProblems(2024, 7, -1, " ", today).ShouldBe(new Dictionary<string, string>
        {
            ["Month"] = "请选择已经开始的月份。",
            ["Count"] = "请填写发布条数（0 至 1000000 之间的整数）。",
            ["Source"] = "请填写数据来源。",
        });
        ChannelRules.CountProblems(0, 0, null, "x", today).Keys.ShouldBe(["Month", "Count"]);
    }
}

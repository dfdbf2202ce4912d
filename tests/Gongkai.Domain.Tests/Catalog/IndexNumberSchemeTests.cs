using Gongkai.Catalog;
using Gongkai.Tests.Calendar;

namespace Gongkai.Tests.Catalog;

public class IndexNumberSchemeTests
{
    [Fact]
    public void The_default_scheme_is_prefix_slash_year_dash_five_digit_serial()
    {
        IndexNumberScheme.Default.Format("000014349", Day.Of("2018-03-02"), 222).ShouldBe("000014349/2018-00222");
    }

    [Fact]
    public void An_eighteen_character_credit_code_is_the_prefix_as_registered_or_gives_its_organisation_code()
    {
        IndexNumberScheme.Prefix("11410799MB0000002X", IndexPrefixSource.AsRegistered).ShouldBe("11410799MB0000002X");
        IndexNumberScheme.Prefix("11410799MB0000002X", IndexPrefixSource.OrganizationCode).ShouldBe("MB0000002");
        IndexNumberScheme.Prefix("01427688-5 ", IndexPrefixSource.OrganizationCode).ShouldBe("014276885");
        IndexNumberScheme.Prefix("11341702486344515h", IndexPrefixSource.AsRegistered).ShouldBe("11341702486344515H");
    }

    [Theory]
    [InlineData(null, "本机关尚未登记统一社会信用代码或组织机构代码，无法生成索引号；请管理员在机关信息中填写。")]
    [InlineData("1234", "机关代码“1234”既不是 18 位统一社会信用代码，也不是 9 位组织机构代码。")]
    [InlineData("11410799MB00000#2X", "机关代码“11410799MB00000#2X”既不是 18 位统一社会信用代码，也不是 9 位组织机构代码。")]
    public void An_unusable_code_is_refused_in_chinese(string? code, string message)
    {
        Should.Throw<FormatException>(() => IndexNumberScheme.Prefix(code, IndexPrefixSource.AsRegistered)).Message.ShouldBe(message);
    }

    [Fact]
    public void A_pattern_may_use_the_month_and_another_serial_width()
    {
        var scheme = IndexNumberScheme.Parse("{prefix}/{year}{month:00}-{serial:0000}");

        scheme.Format("11341702486344515H", Day.Of("2021-10-05"), 13).ShouldBe("11341702486344515H/202110-0013");
        scheme.Format("11341702486344515H", Day.Of("2021-10-05"), 123456).ShouldBe("11341702486344515H/202110-123456");
    }

    [Theory]
    [InlineData("{year}-{serial:00000}", "索引号规则必须包含 {prefix}（机关代码）和 {serial}（流水号）。")]
    [InlineData("{prefix}/{year}", "索引号规则必须包含 {prefix}（机关代码）和 {serial}（流水号）。")]
    [InlineData("{prefix}/{day}-{serial}", "索引号规则中的“{day}”无法识别；可用 {prefix}、{year}、{month:00}、{serial:00000}。")]
    [InlineData("{prefix}/{serial:#####}", "索引号规则中“{serial:#####}”的位数只能写成若干个 0，例如 {serial:00000}。")]
    [InlineData("{prefix}/{year-{serial}", "索引号规则“{prefix}/{year-{serial}”中有无法识别的占位符。")]
    [InlineData(" ", "索引号规则不能为空。")]
    public void A_wrong_pattern_is_refused_in_chinese(string pattern, string message)
    {
        Should.Throw<FormatException>(() => IndexNumberScheme.Parse(pattern)).Message.ShouldBe(message);
    }
}

using System.Text.Json;
using Gongkai.Cli;

namespace Gongkai.Tests.Cli;

public class FeeCommandTests
{
    private static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = GongkaiCommand.Run(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void By_count_prints_each_band_and_the_total()
    {
        var (exitCode, output, _) = Run("fee", "--by-count", "35");

        exitCode.ShouldBe(0);
        output.ShouldContain("第31至35件：5件 × 200元 = 1,000元");
        output.ShouldContain("合计：3,000元");
    }

    [Fact]
    public void By_count_continues_the_applicants_month()
    {
        var (_, output, _) = Run("fee", "--by-count", "5", "--earlier", "28", "--format", "json");

        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("amountYuan").GetDecimal().ShouldBe(800m);
        json.RootElement.GetProperty("firstUnit").GetInt32().ShouldBe(29);
    }

    [Fact]
    public void By_pages_as_json()
    {
        var (exitCode, output, _) = Run("fee", "--by-pages", "150", "--format", "json");

        exitCode.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("method").GetString().ShouldBe("byPages");
        json.RootElement.GetProperty("amountYuan").GetDecimal().ShouldBe(1700m);
        json.RootElement.GetProperty("bands").GetArrayLength().ShouldBe(3);
    }

    [Theory]
    [InlineData(new[] { "fee" }, "gongkai fee: 请指定 --by-count（件数）或 --by-pages（页数）之一。")]
    [InlineData(new[] { "fee", "--by-count", "3", "--by-pages", "40" }, "gongkai fee: 同一申请只能按件或按量择一计收，--by-count 与 --by-pages 不能同时使用。")]
    [InlineData(new[] { "fee", "--by-count", "0" }, "gongkai fee: --by-count 的值「0」应为不小于1的整数。")]
    [InlineData(new[] { "fee", "--by-pages", "十" }, "gongkai fee: --by-pages 的值「十」应为不小于0的整数。")]
    [InlineData(new[] { "fee", "--by-pages", "40", "--format", "xml" }, "gongkai fee: --format 的值「xml」无效，应为 text 或 json。")]
    [InlineData(new[] { "fee", "--by-pages", "40", "--earlier", "3" }, "gongkai fee: --earlier 只用于按件计收（--by-count）。")]
    public void Bad_input_gets_a_chinese_message_and_exit_code_2(string[] args, string message)
    {
        var (exitCode, _, error) = Run(args);

        exitCode.ShouldBe(2);
        error.Trim().ShouldBe(message);
    }
}

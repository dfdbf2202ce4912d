using System.Text.Json;
using Gongkai.Cli;

namespace Gongkai.Tests.Cli;

public class DeadlineCommandTests
{
    private static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = GongkaiCommand.Run(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void The_issue_example_is_due_on_2023_10_27_with_the_computation()
    {
        var (exitCode, output, _) = Run("deadline", "--received", "2023-09-25");

        exitCode.ShouldBe(0);
        output.ShouldContain("答复期限届满日：2023-10-27（星期五），即第20个工作日");
        output.ShouldContain("跳过的法定节假日：中秋节、国庆节 2023-09-29 至 2023-10-06（8天）");
        output.ShouldContain("2023-10-07（星期六，中秋节、国庆节调休上班，第4个工作日）");
    }

    [Fact]
    public void Json_output_is_one_object_with_the_due_date_and_every_day()
    {
        var (exitCode, output, _) = Run("deadline", "--received", "2023-09-25", "--channel", "online", "--format", "json");

        exitCode.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("due").GetString().ShouldBe("2023-10-27");
        root.GetProperty("provisional").GetBoolean().ShouldBeFalse();
        root.GetProperty("days").EnumerateArray().Count(d => d.GetProperty("treatment").GetString() == "holiday").ShouldBe(8);
        root.GetProperty("steps")[0].GetProperty("text").GetString()!.ShouldContain("互联网渠道，以双方确认之日为收到申请之日（未填写确认日期，按到达当日确认）");
    }

    [Fact]
    public void Correction_consultation_and_extension_combine()
    {
        // Count restarts on 2023-10-09; 10-17 and 10-18 are paused; 20 working days end 2023-11-08; +20 → 2023-12-06.
        var (exitCode, output, _) = Run("deadline", "--received", "2023-09-25",
            "--correction-requested", "2023-09-27", "--correction-received", "2023-10-09",
            "--consultation", "2023-10-16..2023-10-18", "--extended", "--format", "json");

        exitCode.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("countFrom").GetString().ShouldBe("2023-10-09");
        json.RootElement.GetProperty("originalDue").GetString().ShouldBe("2023-11-08");
        json.RootElement.GetProperty("due").GetString().ShouldBe("2023-12-06");
        json.RootElement.GetProperty("workingDays").GetInt32().ShouldBe(40);
    }

    [Fact]
    public void A_deadline_into_2027_is_provisional_and_says_so()
    {
        var (exitCode, output, _) = Run("deadline", "--received", "2026-12-15");

        exitCode.ShouldBe(0);
        output.ShouldContain("答复期限届满日：2027-01-12");
        output.ShouldContain("注意：2027年的节假日安排（国务院办公厅通知）尚未载入");
    }

    [Theory]
    [InlineData(new[] { "deadline", "--received", "2023-13-01" }, "gongkai deadline: --received 的值「2023-13-01」不是有效日期，应为 YYYY-MM-DD，例如 2023-09-25。")]
    [InlineData(new[] { "deadline", "--received", "2023-09-25", "--format", "yaml" }, "gongkai deadline: --format 的值「yaml」无效，应为 text 或 json。")]
    [InlineData(new[] { "deadline" }, "gongkai deadline: 缺少 --received（收到申请的日期，YYYY-MM-DD）。")]
    [InlineData(new[] { "deadline", "--received", "2023-09-25", "--consultation", "2023-10-18..2023-10-16" }, "gongkai deadline: --consultation 的期间「2023-10-18..2023-10-16」结束日期早于开始日期。")]
    [InlineData(new[] { "deadline", "--received", "2023-09-25", "--consultation", "2023-10-18" }, "gongkai deadline: --consultation 的值「2023-10-18」应为 FROM..TO，例如 2023-10-09..2023-10-13。")]
    [InlineData(new[] { "deadline", "--received", "2023-09-25", "--channel", "pigeon" }, "gongkai deadline: --channel 的值「pigeon」无效，应为 in-person、post、letter、online、email、fax 之一。")]
    [InlineData(new[] { "deadline", "--received", "2023-09-25", "--correction-received", "2023-10-09" }, "gongkai deadline: --correction-received 须与 --correction-requested 一起使用。")]
    [InlineData(new[] { "deadline", "--received", "2023-09-25", "--correction-requested", "2023-10-11" }, "gongkai deadline: 补正告知应在收到申请之日起7个工作日内发出（最迟 2023-10-10），2023-10-11 已超过。")]
    [InlineData(new[] { "deadline", "--received", "2023-09-25", "--extended", "--extension-days", "21" }, "gongkai deadline: 延长的期限应为1至20个工作日，21个工作日不符合。")]
    [InlineData(new[] { "deadline", "--received", "2023-09-25", "--confirmed", "2023-09-26" }, "gongkai deadline: 当面提交的申请以提交之日为收到申请之日，不使用确认日期。")]
    public void Bad_input_gets_a_chinese_message_and_exit_code_2(string[] args, string message)
    {
        var (exitCode, output, error) = Run(args);

        exitCode.ShouldBe(2);
        output.ShouldBeEmpty();
        error.Trim().ShouldBe(message);
    }
}

using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Parsing;
using Gongkai.Cli;
using Gongkai.Fuzz;

namespace Gongkai.Tests.Cli;

/// <summary>
/// `gongkai report` on the hostile inputs of issue 9: each is reported as unreadable with its message, the rest of
/// the batch is still checked, and the process goes on (the tests run it in-process: a crash would end the test host).
/// </summary>
public sealed class ReportReadLimitCommandTests : IDisposable
{
    private static readonly string SamplesFolder = Path.Combine(AppContext.BaseDirectory, "Samples");
    private readonly string _work = Directory.CreateTempSubdirectory("gongkai-cli-hostile-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    public static TheoryData<string, string> Hostile() => new()
    {
        { "docx-nested-tables-50000", "中的表格、段落或其他 XML 元素嵌套超过 256 层的上限" },
        { "docx-zip-bomb", "压缩比超过 100:1 的上限" },
        { "html-huge-spans", "中的表格单元格和段落超过 50,000 个的上限" },
        { "html-nested-b-2100", "中的网页标记嵌套超过 256 层的上限" },
        { "html-nested-div-60000", "中的网页标记嵌套超过 256 层的上限" },
        { "html-nested-p-60000", "没有找到国家格式的表二、表三或表四" },
        { "html-formatting-amplification", "的元素超过 100,000 个的上限" },
        { "html-utf-7", "没有找到国家格式的表二、表三或表四" },
        { "json-lone-surrogate", "字符串中有无效的 Unicode 转义" },
        { "json-nested-100000", "中的JSON 对象和数组嵌套超过 256 层的上限" },
        { "text-5000000-tabs", "中的表格单元格和段落超过 50,000 个的上限" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_file_is_reported_unreadable_with_exit_2_and_the_batch_goes_on(string name, string says)
    {
        var input = Build(name);
        var bad = Path.Combine(_work, input.FileName);
        File.WriteAllBytes(bad, input.Bytes);

        var (exit, output, _) = Run("report", "check", bad, Path.Combine(SamplesFolder, "002_c7e8a190f12de047.txt"));

        exit.ShouldBe(2);
        output.ShouldContain(bad + Environment.NewLine + "  无法读取：");
        output.ShouldContain(says);
        output.ShouldContain("延津县人民政府办公室 · 2023年度");
        output.ShouldContain("共检查 2 份报告：");
        output.ShouldContain("1 份无法读取。");
    }

    [Fact]
    public void A_report_with_control_characters_is_checked_and_rendered_as_word()
    {
        var input = HostileInputs.ControlCharacterReport(File.ReadAllText(Path.Combine(SamplesFolder, "001_c3a7b8f5e1f943e7.txt")));
        var path = Path.Combine(_work, input.FileName);
        File.WriteAllBytes(path, input.Bytes);
        var docx = Path.Combine(_work, "control.docx");

        var (checkExit, output, _) = Run("report", "check", path);
        var (renderExit, _, _) = Run("report", "render", path, "--to", "docx", "-o", docx);

        checkExit.ShouldBe(0);
        output.ShouldContain("开封市政务服务和大数据管理局 · 2023年度");
        renderExit.ShouldBe(0);
        Run("report", "check", docx).Output.ShouldContain("开封市政务服务和大数据管理局 · 2023年度");
    }

    [Fact]
    public void The_size_and_time_limits_can_be_set_for_a_batch()
    {
        var big = Path.Combine(_work, "big.txt");
        File.WriteAllBytes(big, HostileInputs.ManyLines(1_500_000).Bytes);

        var (exit, output, _) = Run("report", "check", big, "--max-size", "2");
        var (slowExit, slowOutput, _) = Run("report", "stats", big, "--max-size", "2", "--time-limit", "1");
        var (badExit, _, error) = Run("report", "check", big, "--time-limit", "0");

        exit.ShouldBe(2);
        output.ShouldContain("文件“big.txt”有 2.9 MB，超过了 2 MB 的上限，不像是年度报告。");
        slowExit.ShouldBe(2);
        slowOutput.ShouldContain("合计");
        badExit.ShouldBe(2);
        error.ShouldContain("--time-limit 的值「0」应为不小于1的整数。");
    }

    private static FuzzInput Build(string name)
    {
        var text = File.ReadAllText(Path.Combine(SamplesFolder, "001_c3a7b8f5e1f943e7.txt"));
        var json = ReportJson.Serialize(ReportParser.ParseText(text).Report);
        return HostileInputs.All(text, json).Select(build => build()).First(input => input.Name == name);
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = GongkaiCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}

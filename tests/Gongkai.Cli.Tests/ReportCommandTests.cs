using System.Text;
using System.Text.Json;
using Gongkai.Cli;

namespace Gongkai.Tests.Cli;

/// <summary>`gongkai report …` run in-process against captured output, on the real sample reports.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private static readonly string SamplesFolder = Path.Combine(AppContext.BaseDirectory, "Samples");
    private readonly string _work = Directory.CreateTempSubdirectory("gongkai-cli-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Checking_the_sample_folder_finds_only_warnings_and_exits_0()
    {
        var (exit, output, _) = Run("report", "check", SamplesFolder);

        exit.ShouldBe(0);
        output.ShouldContain("获嘉县政务服务和大数据管理局 · 2023年度 · 2021年版格式");
        output.ShouldContain("警告 FMT-HEADER 第20行第13列：表二中的「本年度止件数」与国家格式「本年废止件数」不一致。");
        output.ShouldContain("警告 SEC5-EMPTY 第82行第1列");
        output.ShouldContain("共检查 5 份报告：0 份有错误，2 份只有警告，3 份未发现问题，0 份无法读取。");
    }

    [Fact]
    public void Json_output_has_the_documented_shape()
    {
        var (exit, output, _) = Run("report", "check", SamplesFolder, "--format", "json");

        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        var reports = json.RootElement.GetProperty("reports");
        reports.GetArrayLength().ShouldBe(5);
        var first = reports[0];
        first.GetProperty("file").GetString()!.ShouldEndWith("000_81a26273262094ca.txt");
        first.GetProperty("organization").GetString().ShouldBe("获嘉县政务服务和大数据管理局");
        first.GetProperty("year").GetInt32().ShouldBe(2023);
        first.GetProperty("format").GetString().ShouldBe("2021");
        var finding = first.GetProperty("findings")[0];
        finding.GetProperty("rule").GetString().ShouldBe("FMT-HEADER");
        finding.GetProperty("severity").GetString().ShouldBe("warning");
        finding.GetProperty("location").GetString().ShouldBe("第20行第13列");
        finding.GetProperty("expected").GetString().ShouldBe("本年废止件数");
        finding.GetProperty("actual").GetString().ShouldBe("本年度止件数");
        var summary = json.RootElement.GetProperty("summary");
        summary.GetProperty("reports").GetInt32().ShouldBe(5);
        summary.GetProperty("errors").GetInt32().ShouldBe(0);
        summary.GetProperty("warnings").GetInt32().ShouldBe(3);
        summary.GetProperty("byRule").GetProperty("SEC6-FEE").GetInt32().ShouldBe(1);
    }

    [Fact]
    public void A_report_whose_tables_do_not_balance_exits_1_and_names_the_cell()
    {
        var broken = Write("broken.txt", Sample("001").Replace("(七) 总计\t1\t0", "(七) 总计\t2\t0", StringComparison.Ordinal));

        var (exit, output, _) = Run("report", "check", broken);

        exit.ShouldBe(1);
        output.ShouldContain("错误 T3-BALANCE 第51行第19列：表三自然人列");
        output.ShouldContain("错误 T3-PROCESSED-TOTAL 第74行第8列");
    }

    public static TheoryData<string, byte[], string> BadInputs() => new()
    {
        { "empty.txt", [], "空" },
        { "binary.dat", [0x00, 0x01, 0x02, 0xFF, 0x00, 0x7F, 0x00, 0x10, 0x00, 0x00], "" },
        { "truncated.html", Encoding.UTF8.GetBytes("<html><body><h1>某局2023年政府信息公开工作年度报告</h1><table><tr><td>一、本年新收政府信息公开申请数量</td><td>1"), "截断" },
        { "not-a-docx.docx", Encoding.UTF8.GetBytes("this is not a zip file"), "DOCX" },
        { "notice.txt", Encoding.UTF8.GetBytes("关于做好政务公开工作的通知\n各单位：请按要求报送。"), "没有找到国家格式的表二、表三或表四" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Unreadable_input_exits_2_with_a_message_and_the_rest_of_the_batch_is_still_checked(string name, byte[] content, string says)
    {
        var bad = Path.Combine(_work, name);
        File.WriteAllBytes(bad, content);
        var good = Write("good.txt", Sample("002"));

        var (exit, output, _) = Run("report", "check", bad, good);

        exit.ShouldBe(2);
        output.ShouldContain(bad + Environment.NewLine + "  无法读取：");
        output.ShouldContain(says);
        output.ShouldContain("延津县人民政府办公室 · 2023年度");
        output.ShouldContain("1 份无法读取");
    }

    [Fact]
    public void A_missing_file_is_reported_and_the_batch_goes_on()
    {
        var (exit, output, _) = Run("report", "check", Path.Combine(_work, "nowhere.txt"), Path.Combine(SamplesFolder, "002_c7e8a190f12de047.txt"));

        exit.ShouldBe(2);
        output.ShouldContain("找不到文件");
        output.ShouldContain("延津县人民政府办公室");
    }

    [Fact]
    public void The_previous_years_report_is_checked_across_years()
    {
        var lastYear = Write("2022.txt", Sample("001")
            .Replace("2023 年政府信息公开工作年度报告", "2022 年政府信息公开工作年度报告", StringComparison.Ordinal)
            .Replace("四、结转下年度继续办理\t\t0\t0", "四、结转下年度继续办理\t\t2\t0", StringComparison.Ordinal));

        var (exit, output, _) = Run("report", "check", Path.Combine(SamplesFolder, "001_c3a7b8f5e1f943e7.txt"), "--previous", lastYear);

        exit.ShouldBe(1);
        output.ShouldContain("错误 XYEAR-CARRY");
    }

    [Fact]
    public void Reports_of_one_organisation_for_consecutive_years_in_a_batch_are_paired_automatically()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_work, "batch")).FullName;
        File.WriteAllText(Path.Combine(folder, "2023.txt"), Sample("001"));
        File.WriteAllText(Path.Combine(folder, "2022.txt"), Sample("001")
            .Replace("2023 年政府信息公开工作年度报告", "2022 年政府信息公开工作年度报告", StringComparison.Ordinal)
            .Replace("四、结转下年度继续办理\t\t0\t0", "四、结转下年度继续办理\t\t2\t0", StringComparison.Ordinal));

        var (exit, output, _) = Run("report", "check", folder);

        exit.ShouldBe(1);
        output.ShouldContain("错误 XYEAR-CARRY");
    }

    [Fact]
    public void An_unreadable_previous_report_is_an_input_error()
    {
        var (exit, _, error) = Run("report", "check", SamplesFolder, "--previous", Path.Combine(_work, "missing.txt"));

        exit.ShouldBe(2);
        error.ShouldContain("无法读取 --previous 指定的上年报告");
    }

    [Theory]
    [InlineData("html", "<!DOCTYPE html>")]
    [InlineData("md", "# 开封市政务服务和大数据管理局")]
    [InlineData("json", "\"schema\": \"gongkai-annual-report/v1\"")]
    public void Render_writes_the_national_format_and_reads_back_as_the_same_report(string format, string starts)
    {
        var target = Path.Combine(_work, "out." + format);

        var (exit, _, _) = Run("report", "render", Path.Combine(SamplesFolder, "001_c3a7b8f5e1f943e7.txt"), "--to", format, "-o", target);

        exit.ShouldBe(0);
        File.ReadAllText(target).ShouldContain(starts);
        var (checkExit, output, _) = Run("report", "check", target);
        checkExit.ShouldBe(0);
        output.ShouldContain("开封市政务服务和大数据管理局 · 2023年度 · 2021年版格式");
    }

    [Fact]
    public void Render_to_docx_needs_an_output_file()
    {
        var (exit, _, error) = Run("report", "render", Path.Combine(SamplesFolder, "001_c3a7b8f5e1f943e7.txt"), "--to", "docx");

        exit.ShouldBe(2);
        error.ShouldContain("请用 -o 指定文件");

        var target = Path.Combine(_work, "out.docx");
        Run("report", "render", Path.Combine(SamplesFolder, "001_c3a7b8f5e1f943e7.txt"), "--to", "docx", "-o", target).Exit.ShouldBe(0);
        File.ReadAllBytes(target)[..2].ShouldBe("PK"u8.ToArray());
    }

    [Fact]
    public void Stats_puts_the_reports_side_by_side_and_sums_them()
    {
        var csv = Path.Combine(_work, "stats.csv");

        var (exit, output, _) = Run("report", "stats", SamplesFolder, "--csv", csv);

        exit.ShouldBe(0);
        output.ShouldContain("开封市政务服务和大数据管理局\t2023\t1\t0\t1\t0\t0\t0\t0");
        output.ShouldContain("合计\t\t1\t0\t1\t0\t0\t0\t0");
        var lines = File.ReadAllLines(csv);
        lines.Length.ShouldBe(7);
        var header = lines[0].Split(',');
        header[0].ShouldBe("file");
        File.ReadAllBytes(csv)[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "a BOM so that Excel opens the UTF-8 CSV correctly");
        var normative = Array.IndexOf(header, "table2.normativeDocuments.inForce");
        var fees = Array.IndexOf(header, "table2.feesWanYuan");
        lines[6].Split(',')[normative].ShouldBe("120", "1 (获嘉) + 119 (延津)");
        lines[6].Split(',')[fees].ShouldBe("110.139");
        lines[3].Split(',')[1].ShouldBe("延津县人民政府办公室");
    }

    private static string Sample(string number) =>
        File.ReadAllText(Directory.GetFiles(SamplesFolder, number + "_*.txt").Single());

    private string Write(string name, string text)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = GongkaiCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}

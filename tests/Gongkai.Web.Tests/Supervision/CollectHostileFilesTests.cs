using System.Net;
using System.Text;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Parsing;
using Gongkai.AnnualReports.Rendering;
using Gongkai.Fuzz;
using Gongkai.Data;
using Gongkai.Tests.Data;
using Gongkai.Tests.Web.AnnualReports;

namespace Gongkai.Tests.Web.Supervision;

/// <summary>
/// The hostile files of issue 9 uploaded at /supervision/collect: each gets the page (200) with its own message, the
/// platform keeps answering, and the good file of the same batch is read.
/// </summary>
public class CollectHostileFilesTests
{
    private static readonly DateTimeOffset February2025 = new(2025, 2, 20, 2, 0, 0, TimeSpan.Zero);

    private static readonly string SampleText = File.ReadAllText(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "FuzzSeeds"), "001_*.txt").Single());

    public static TheoryData<string, string> Hostile() => new()
    {
        { "docx-nested-tables-50000", "中的表格、段落或其他 XML 元素嵌套超过 256 层的上限" },
        { "docx-zip-bomb", "压缩比超过 100:1 的上限" },
        { "zip-100000-entries", "超过了 10,000 个的上限" },
        { "html-huge-spans", "中的表格单元格和段落超过 50,000 个的上限" },
        { "html-nested-b-2100", "中的网页标记嵌套超过 256 层的上限" },
        { "html-formatting-amplification", "的元素超过 100,000 个的上限" },
        { "html-utf-7", "没有找到国家格式的表二、表三或表四" },
        { "json-lone-surrogate", "字符串中有无效的 Unicode 转义" },
        { "json-nested-100000", "中的JSON 对象和数组嵌套超过 256 层的上限" },
        { "text-10000000-lines", "中的表格单元格和段落超过 50,000 个的上限" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_file_gets_its_message_and_the_platform_keeps_answering(string name, string says)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(February2025), demoCases: false, demoCatalog: false);
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        var input = Build(name);

        var upload = await SupervisionTests.UploadAsync(supervisor,
            (input.FileName, input.Bytes),
            ("自然资源局2024年报.html", Encoding.UTF8.GetBytes(HtmlReportRenderer.Render(SupervisionTests.NaturalResources()))));

        upload.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = (await upload.PageAsync()).QuerySelectorAll("#upload-results tbody tr").Select(r => r.TextContent).ToList();
        rows.Count.ShouldBe(2);
        rows[0].ShouldContain("未读取");
        rows[0].ShouldContain(says);
        rows[1].ShouldContain("示范县自然资源局 · 2024 年度");
        (await supervisor.GetAsync(new Uri("/supervision/collect", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_report_with_control_characters_is_collected_and_exported_as_word()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(February2025), demoCases: false, demoCatalog: false);
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");
        var input = HostileInputs.ControlCharacterReport(SampleText);

        var upload = await SupervisionTests.UploadAsync(supervisor, (input.FileName, input.Bytes));

        (await upload.PageAsync()).QuerySelector("#upload-results tbody tr")!.TextContent.ShouldContain("开封市政务服务和大数据管理局 · 2023 年度");
    }

    [Fact]
    public async Task The_limits_come_from_the_report_reading_configuration()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var app = new GongkaiApp(database, clock: new TestClock(February2025), demoCases: false, demoCatalog: false);
        app.Settings["ReportReading:MaxInputBytes"] = "4096";
        using var supervisor = app.CreateBrowserClient();
        await supervisor.LoginAsync("supervisor");

        var upload = await SupervisionTests.UploadAsync(supervisor, ("report.txt", Encoding.UTF8.GetBytes(SampleText)));

        (await upload.PageAsync()).QuerySelector("#upload-results tbody tr")!.TextContent
            .ShouldContain("文件“report.txt”有 5.7 KB，超过了 4 KB 的上限，不像是年度报告。");
    }

    private static FuzzInput Build(string name)
    {
        var json = ReportJson.Serialize(ReportParser.ParseText(SampleText).Report);
        return HostileInputs.All(SampleText, json).Select(build => build()).First(input => input.Name == name);
    }
}

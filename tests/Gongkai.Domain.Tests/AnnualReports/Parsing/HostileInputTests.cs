using System.Text;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Parsing;
using Gongkai.AnnualReports.Rendering;
using Gongkai.Fuzz;

namespace Gongkai.Tests.AnnualReports.Parsing;

/// <summary>
/// The hostile inputs of issue 9, built in code by the fuzz harness's <see cref="HostileInputs"/>: each ends in the
/// documented <see cref="ReportReadException"/> with a message that names the file and the limit, or in a report that
/// every renderer can write. (Their time and memory are measured by `Gongkai.Fuzz --hostile`, not asserted here.)
/// </summary>
public class HostileInputTests
{
    private static async Task<ReportReadException> RefusedAsync(FuzzInput input)
    {
        var exception = await Should.ThrowAsync<ReportReadException>(() => ReportParser.ParseBytesAsync(input.Bytes, input.FileName));
        exception.IsUnexpected.ShouldBeFalse(exception.InnerException?.ToString());
        return exception;
    }

    [Theory]
    [InlineData(50_000)]
    [InlineData(10_000)]
    public async Task Word_tables_nested_thousands_deep_are_refused_at_the_depth_limit(int depth)
    {
        var input = HostileInputs.NestedDocxTables(depth);

        var exception = await RefusedAsync(input);

        input.Bytes.Length.ShouldBeLessThan(64 * 1024);
        exception.Message.ShouldBe(
            "文件“nested.docx”中的表格、段落或其他 XML 元素嵌套超过 256 层的上限，无法读取；正常的年度报告只嵌套几层到几十层，文件可能已损坏或是特意构造的。请用 Word、WPS 或浏览器打开原文件，另存为新文件后再导入。");
    }

    [Fact]
    public async Task A_word_document_that_inflates_a_thousand_times_is_stopped_while_inflating()
    {
        var input = HostileInputs.DocxZipBomb();

        var exception = await RefusedAsync(input);

        input.Bytes.Length.ShouldBeLessThan(1_200_000);
        exception.Message.ShouldBe(
            "文件“bomb.docx”其中的“word/document.xml”压缩比超过 100:1 的上限，不像是正常的 Word 文档，可能是特意构造的压缩文件（“压缩炸弹”），已停止读取。请用 Word 或 WPS 打开原文件，另存为“Word 文档（.docx）”后再导入。");
    }

    [Fact]
    public async Task A_zip_bomb_whose_headers_understate_its_size_is_refused_too()
    {
        var exception = await RefusedAsync(HostileInputs.DocxZipBomb(lyingHeader: true));

        exception.Message.ShouldStartWith("不是有效的 DOCX 文件");
    }

    [Fact]
    public async Task Entities_declared_in_a_document_part_are_not_expanded()
    {
        var exception = await RefusedAsync(HostileInputs.DocxEntityExpansion());

        exception.Message.ShouldStartWith("不是有效的 DOCX 文件");
    }

    [Fact]
    public async Task An_archive_listing_a_hundred_thousand_entries_is_refused_before_they_are_listed()
    {
        var exception = await RefusedAsync(HostileInputs.ManyZipEntries(100_000));

        exception.Message.ShouldBe(
            "文件“entries.docx”是一个含有 100,000 个条目的压缩包，超过了 10,000 个的上限，不像是 Word 文档。请用 Word 或 WPS 打开原文件，另存为“Word 文档（.docx）”后再导入。");
    }

    [Fact]
    public async Task A_small_page_of_huge_spans_is_refused_at_the_cell_limit()
    {
        var input = HostileInputs.SpanPage();

        var exception = await RefusedAsync(input);

        input.Bytes.Length.ShouldBeLessThan(30_000);
        exception.Message.ShouldBe(
            "文件“spans.html”中的表格单元格和段落超过 50,000 个的上限，无法读取。年度报告只有几百个单元格：请确认上传的是报告本身，或把报告部分另存为单独的文件后再导入。");
    }

    [Fact]
    public async Task Nested_tables_with_huge_spans_end_in_the_documented_error()
    {
        var exception = await RefusedAsync(HostileInputs.NestedSpanTables());

        exception.Message.ShouldStartWith("没有找到国家格式的表二、表三或表四。");
    }

    [Theory]
    [InlineData("b", 2_100)]
    [InlineData("div", 60_000)]
    public async Task Thousands_of_nested_tags_are_refused_at_the_depth_limit(string tag, int count)
    {
        var exception = await RefusedAsync(HostileInputs.NestedHtml(tag, count));

        exception.Message.ShouldStartWith($"文件“nested-{tag}.html”中的网页标记嵌套超过 256 层的上限，无法读取；");
    }

    [Fact]
    public async Task Sixty_thousand_paragraph_tags_do_not_nest_and_read_as_a_page_without_tables()
    {
        var exception = await RefusedAsync(HostileInputs.NestedHtml("p", 60_000));

        exception.Message.ShouldStartWith("没有找到国家格式的表二、表三或表四。");
    }

    [Fact]
    public async Task Formatting_tags_left_open_before_many_paragraphs_are_refused_at_the_element_limit()
    {
        var exception = await RefusedAsync(HostileInputs.FormattingAmplification());

        exception.Message.ShouldStartWith("网页“formatting.html”的元素超过 100,000 个的上限（未结束的 <b>、<font> 等格式标记会在之后每一段里被重复补出，也计算在内），无法读取。");
    }

    [Fact]
    public async Task Comment_openings_that_never_close_end_in_the_documented_error()
    {
        var exception = await RefusedAsync(HostileInputs.UnclosedComments(1_000_000));

        exception.Message.ShouldBe("文件中没有文字内容。请确认文件不是空白页或扫描图片。");
    }

    [Fact]
    public async Task A_page_that_declares_utf_7_is_read_as_gb18030_like_any_page_whose_charset_dotnet_cannot_decode()
    {
        var html = HtmlReportRenderer.Render(ReportParser.ParseText(Samples.Text("001")).Report)
            .Replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-7\">", StringComparison.Ordinal);
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding("GB18030")!.GetBytes(html);

        SourceDecoding.DecodeHtml(bytes, "utf7.html").ShouldBe(html);
        var parsed = await ReportParser.ParseBytesAsync(bytes, "utf7.html");

        parsed.Report.Organization.ShouldBe("开封市政务服务和大数据管理局");
        (await RefusedAsync(HostileInputs.Utf7Page())).Message.ShouldStartWith("没有找到国家格式的表二、表三或表四。");
    }

    [Fact]
    public async Task Half_a_surrogate_pair_in_the_json_form_is_refused_naming_the_path()
    {
        var json = ReportJson.Serialize(ReportParser.ParseText(Samples.Text("001")).Report);
        var input = HostileInputs.LoneSurrogateJson(json);
        const string Expected = "报告 JSON 有误：$.title：字符串中有无效的 Unicode 转义（单独的半个代理对，如 \\ud800），文件可能已损坏。请用生成它的程序重新导出。";

        Should.Throw<ReportReadException>(() => ReportJson.Deserialize(Encoding.UTF8.GetString(input.Bytes))).Message.ShouldBe(Expected);
        (await RefusedAsync(input)).Message.ShouldBe(Expected);
    }

    [Fact]
    public async Task Json_nested_a_hundred_thousand_deep_is_refused_at_the_depth_limit()
    {
        var exception = await RefusedAsync(HostileInputs.DeepJson(100_000));

        exception.Message.ShouldStartWith("文件“deep.json”中的JSON 对象和数组嵌套超过 256 层的上限，无法读取；");
    }

    [Fact]
    public async Task Control_characters_in_cells_are_read_as_spaces_and_the_word_export_writes_the_report()
    {
        var input = HostileInputs.ControlCharacterReport(Samples.Text("001"));

        var parsed = await ReportParser.ParseBytesAsync(input.Bytes, input.FileName);
        using var docx = new MemoryStream();
        DocxReportRenderer.Render(parsed.Report, docx);

        parsed.Report.Title.ShouldBe(ReportParser.ParseText(Samples.Text("001")).Report.Title);
        var restored = await ReportParser.ParseBytesAsync(docx.ToArray(), "control.docx");
        ReportComparison.Differences(parsed.Report, restored.Report).ShouldBeEmpty();
        ReportComparison.Differences(parsed.Report, ReportParser.ParseText(Samples.Text("001")).Report)
            .ShouldAllBe(difference => difference.StartsWith("「一、总体情况」正文不同", StringComparison.Ordinal), "only the padding paragraph differs");
    }

    [Fact]
    public void Control_characters_kept_by_the_json_form_are_cleaned_by_every_renderer()
    {
        var report = ReportParser.ParseText(Samples.Text("001")).Report;
        report.Title = "示范县\u0000教育局\u001A2023年政府信息公开工作年度报告\uD800";
        report.Sections[0] = report.Sections[0] with { Text = "第一段\u000B\u0001\f第二段" };
        var restored = ReportJson.Deserialize(ReportJson.Serialize(report));

        using var docx = new MemoryStream();
        DocxReportRenderer.Render(restored, docx);

        restored.Title.ShouldBe("示范县\u0000教育局\u001A2023年政府信息公开工作年度报告\uFFFD");
        HtmlReportRenderer.Render(restored).ShouldContain("<h1>示范县 教育局 2023年政府信息公开工作年度报告\uFFFD</h1>");
        MarkdownReportRenderer.Render(restored).ShouldContain("第一段\n\n第二段");
        docx.Length.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData(5_000_000, "tabs.txt")]
    [InlineData(10_000_000, "lines.txt")]
    public async Task Millions_of_cells_are_refused_at_the_cell_limit(int count, string name)
    {
        var input = name == "tabs.txt" ? HostileInputs.ManyTabs(count) : HostileInputs.ManyLines(count);

        var exception = await RefusedAsync(input);

        exception.Message.ShouldStartWith($"文件“{name}”中的表格单元格和段落超过 50,000 个的上限，无法读取。");
    }
}

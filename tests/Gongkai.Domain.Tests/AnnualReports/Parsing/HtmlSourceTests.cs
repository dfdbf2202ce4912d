using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Parsing;
using static Gongkai.Tests.AnnualReports.Parsing.ParsingFixtures;

namespace Gongkai.Tests.AnnualReports.Parsing;

public class HtmlSourceTests
{
    private static SourceDocument ReadFixture(string name) =>
        HtmlSource.Read(SourceDecoding.DecodeHtml(Bytes(name), name));

    [Fact]
    public void A_saved_government_page_gives_its_title_first_then_navigation_as_paragraphs()
    {
        var document = ReadFixture("report-001.html");

        document.Lines[0].IsParagraph.ShouldBeTrue();
        document.Lines[0].Text.ShouldBe("开封市政务服务和大数据管理局2023年政府信息公开工作年度报告-开封市政务服务和大数据管理局");
        document.Lines.Take(9).Skip(1).Select(line => line.Text).ShouldBe(
        [
            "搜索", "首页", "机构概况", "政务公开", "政务服务", "互动交流",
            "当前位置：首页 > 政务公开 > 政府信息公开年报",
            "开封市政务服务和大数据管理局 2023 年政府信息公开工作年度报告",
        ]);
        document.Lines.Take(9).ShouldAllBe(line => line.IsParagraph);
    }

    [Fact]
    public void Scripts_hidden_elements_and_the_head_give_no_text()
    {
        var document = ReadFixture("report-001.html");

        var text = string.Join('\n', document.Lines.Select(line => line.Text));
        text.ShouldNotContain("document.write");
        text.ShouldNotContain("统计");
        text.ShouldNotContain("分享到");
        text.ShouldNotContain("您的浏览器不支持脚本");
        text.ShouldNotContain("border-collapse");
        text.ShouldNotContain("请输入关键字");
    }

    [Fact]
    public void The_layout_table_around_the_article_gives_no_rows_and_no_table_number()
    {
        var document = ReadFixture("report-001.html");

        document.Lines.Where(line => line.TableIndex is not null).GroupBy(line => line.TableIndex!.Value)
            .Select(group => (group.Key, group.Count()))
            .ShouldBe([(1, 2), (2, 14), (3, 28), (4, 4)]);
        var article = ParagraphLine(document, "一、总体情况");
        article.TableIndex.ShouldBeNull();
        ParagraphLine(document, "（一）主动公开：").IsParagraph.ShouldBeTrue();
        ParagraphLine(document, "【打印本页】【关闭窗口】").IsParagraph.ShouldBeTrue();
    }

    [Fact]
    public void The_metadata_table_of_the_disclosure_page_is_the_first_data_table()
    {
        var document = ReadFixture("report-001.html");

        Table(document, 1)[1].Cells.Select(cell => cell.Text)
            .ShouldBe(["发布机构", "开封市政务服务和大数据管理局", "发布日期", "2024-01-18"]);
    }

    [Fact]
    public void Table_3_has_the_national_merged_layout_on_a_rectangular_grid()
    {
        var document = ReadFixture("report-001.html");

        Table(document, 3).ShouldHaveNationalTable3Layout(3);
    }

    [Fact]
    public void The_total_row_of_table_3_has_its_numbers_in_the_seven_value_columns()
    {
        var rows = Table(ReadFixture("report-001.html"), 3);

        var total = rows.Single(row => row.Cells.Any(cell => cell.Text == "(七) 总计"));
        total.Cells.Select(cell => cell.Text).ShouldBe(["", "(七) 总计", "", "1", "0", "0", "0", "0", "0", "1"]);
        total.Cells[3].Location.ShouldBe(SourceLocation.InTable(3, 27, 4));
        total.Cells[9].Location.ShouldBe(SourceLocation.InTable(3, 27, 10));
        var notHeld = rows.Single(row => row.Cells.Any(cell => cell.Text == "1.本机关不掌握相关政府信息"));
        notHeld.Cells.Skip(3).Select(cell => cell.Text).ShouldBe(["1", "0", "0", "0", "0", "0", "1"]);
    }

    [Fact]
    public void Table_2_spans_single_values_over_the_value_columns()
    {
        var rows = Table(ReadFixture("report-001.html"), 2);

        rows.ShouldAllBe(row => row.Cells.Count == 4);
        rows[0].Cells[0].Text.ShouldBe("第二十条第（一）项");
        rows[0].Cells.Skip(1).ShouldAllBe(cell => cell.IsSpanned && cell.Location == SourceLocation.InTable(2, 1, 1));
        rows[13].Cells.Select(cell => (cell.Text, cell.IsSpanned)).ShouldBe(
            [("行政事业性收费", false), ("0", false), ("", true), ("", true)]);
        rows[13].Cells[3].Location.ShouldBe(SourceLocation.InTable(2, 14, 2));
    }

    [Fact]
    public void Table_4_keeps_its_three_header_rows_and_joins_a_cell_s_lines_with_a_newline()
    {
        var rows = Table(ReadFixture("report-001.html"), 4);

        rows.ShouldAllBe(row => row.Cells.Count == 15);
        rows[0].Cells[0].Text.ShouldBe("行政复议");
        rows[0].Cells[5].Text.ShouldBe("行政诉讼");
        rows[1].Cells[0].Text.ShouldBe("结果\n维持");
        rows[1].Cells[5].Text.ShouldBe("未经复议直接起诉");
        rows[1].Cells[10].Text.ShouldBe("复议后起诉");
        rows[2].Cells[0].IsSpanned.ShouldBeTrue();
        rows[2].Cells[0].Location.ShouldBe(SourceLocation.InTable(4, 2, 1));
        rows[2].Cells[14].Text.ShouldBe("总计");
        rows[3].Cells.ShouldAllBe(cell => cell.Text == "0" && !cell.IsSpanned);
    }

    [Fact]
    public void A_paragraph_is_located_at_the_source_line_of_its_element()
    {
        var html = File.ReadAllLines(PathOf("report-001.html"));
        var expected = 1 + Array.FindIndex(html, line => line.Contains("一、总体情况", StringComparison.Ordinal));

        var line = ParagraphLine(ReadFixture("report-001.html"), "一、总体情况");

        line.Location.ShouldBe(new SourceLocation(Line: expected));
    }

    [Fact]
    public void A_line_break_splits_the_footer_into_two_lines()
    {
        var document = ReadFixture("report-001.html");

        document.Lines.TakeLast(2).Select(line => line.Text).ShouldBe(
            ["主办：开封市政务服务和大数据管理局 版权所有", "网站标识码：4102000031 豫ICP备05012335号"]);
    }

    [Fact]
    public void A_GBK_page_reads_as_the_right_Chinese()
    {
        var document = ReadFixture("report-002-gbk.html");

        document.Lines[0].Text.ShouldBe("延津县人民政府办公室2023年政府信息公开工作年度报告-延津县人民政府办公室");
        ParagraphLine(document, "二、主动公开政府信息情况").IsParagraph.ShouldBeTrue();
        var table = Table(document, 2);
        table[3].Cells.Select(cell => cell.Text).ShouldBe(["行政规范性文件", "11", "0", "119"]);
        table[13].Cells[1].Text.ShouldBe("110.139");
    }

    [Fact]
    public void A_page_cut_off_inside_table_3_is_refused_with_the_line_of_the_unclosed_table()
    {
        var markup = SourceDecoding.DecodeHtml(Bytes("report-001-truncated.html"), "report-001-truncated.html");
        var lines = markup.Split('\n');
        var lastTable = 1 + Array.FindLastIndex(lines, line => line.Contains("<table", StringComparison.Ordinal));

        var exception = Should.Throw<ReportReadException>(() => HtmlSource.Read(markup));

        lastTable.ShouldBe(77);
        exception.Message.ShouldBe(
            $"HTML 文件不完整：第{lastTable}行开始的表格没有结束标记，文件可能被截断。请重新下载或另存完整网页。");
    }

    [Theory]
    [InlineData("<table><tr><td>1</td></tr>", 1)]
    [InlineData("<p>a</p>\n\n<TABLE border=1><tr><td>1</td></tr>", 3)]
    [InlineData("<table>\n<tr><td><table><tr><td>1</td></tr></table></td></tr>", 1)]
    [InlineData("<table><tr><td>1</td></tr></table>\n<table>\n<tr><td>2</td></tr>", 2)]
    public void Unclosed_tables_are_counted_case_insensitively(string html, int line)
    {
        var exception = Should.Throw<ReportReadException>(() => HtmlSource.Read(html));

        exception.Message.ShouldContain($"第{line}行开始的表格没有结束标记");
    }

    [Fact]
    public void Closed_tables_in_any_case_and_words_that_start_with_table_are_fine()
    {
        var document = HtmlSource.Read("<TABLE><tr><td>1</td></tr></Table ><p><tableau>x</tableau></p>");

        document.Lines.Select(line => line.Text).ShouldBe(["1", "x"]);
    }

    [Fact]
    public void Tables_in_comments_scripts_and_styles_are_not_counted()
    {
        var document = HtmlSource.Read(
            "<!-- <table width=100%><tr><td> 旧版 -->\n<script>var t = '<table>';</script>\n" +
            "<style>/* <table> */</style><p>正文</p>");

        document.Lines.Select(line => line.Text).ShouldBe(["正文"]);
    }

    [Fact]
    public void Line_breaks_blocks_and_inline_elements_shape_lines_like_a_browser()
    {
        var document = HtmlSource.Read(
            "<body><p>第一行<br>第二行<br/><br/>第三行</p>" +
            "<div>甲<div>乙</div>丙</div>" +
            "<p>共收到<strong>1</strong>件，<a href='#'>均已</a><font color=red>全部</font><span>回复</span>。</p>" +
            "<p>&nbsp;</p><p>  </p>" +
            "<ul><li>首页</li><li>政务公开</li></ul></body>");

        document.Lines.Select(line => line.Text).ShouldBe(
            ["第一行", "第二行", "第三行", "甲", "乙", "丙", "共收到1件，均已全部回复。", "首页", "政务公开"]);
        document.Lines.ShouldAllBe(line => line.IsParagraph);
    }

    [Fact]
    public void Whitespace_collapses_to_one_space_and_nbsp_is_a_space()
    {
        var document = HtmlSource.Read("<p>\n   2023 年，\n\t开封&nbsp;&nbsp;&nbsp;市 <span> 政务</span>服务  </p><p>\u3000\u3000一、总体情况</p>");

        document.Lines.Select(line => line.Text).ShouldBe(["2023 年， 开封 市 政务服务", "一、总体情况"]);
    }

    [Fact]
    public void Preformatted_text_keeps_its_lines_and_spaces()
    {
        var document = HtmlSource.Read("<pre>规章    0   0\n\n行政许可  0</pre>");

        document.Lines.Select(line => line.Text).ShouldBe(["规章    0   0", "行政许可  0"]);
    }

    [Fact]
    public void A_table_holding_a_heading_or_long_text_lays_out_the_page()
    {
        var longText = string.Concat(Enumerable.Repeat("政务公开工作", 60));
        var document = HtmlSource.Read(
            $"<table><tr><td><h2>一、总体情况</h2></td><td>x</td></tr></table><table><tr><td><p>{longText}</p></td></tr></table>");

        document.Lines.Select(line => line.Text).ShouldBe(["一、总体情况", "x", longText]);
        document.Lines.ShouldAllBe(line => line.IsParagraph);
    }

    [Fact]
    public void Data_tables_are_numbered_in_document_order_skipping_layout_tables()
    {
        var document = HtmlSource.Read(
            "<table><tr><td>甲</td></tr></table>" +
            "<table><tr><td><p>正文</p><table><tr><td>乙</td></tr></table>" +
            "<table><tr><td><table><tr><td>丙</td></tr></table></td></tr></table></td></tr></table>");

        document.Lines.Select(line => (line.Text, line.TableIndex)).ShouldBe(
            [("甲", (int?)1), ("正文", null), ("乙", 2), ("丙", 3)]);
    }

    [Fact]
    public void Short_rows_are_padded_with_empty_cells_that_are_not_spanned()
    {
        var document = HtmlSource.Read("<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>d</td></tr></table>");

        var second = document.Lines[1];
        second.Cells.Select(cell => (cell.Text, cell.IsSpanned)).ShouldBe([("d", false), ("", false), ("", false)]);
        second.Cells[2].Location.ShouldBe(SourceLocation.InTable(1, 2, 3));
    }

    [Fact]
    public void Spans_past_the_last_row_are_cut_off_and_rowspan_zero_reaches_the_end()
    {
        var document = HtmlSource.Read(
            "<table><tr><td rowspan=5>x</td><td rowspan=0>y</td><td>1</td></tr><tr><td>2</td></tr></table>");

        document.Lines.Count.ShouldBe(2);
        document.Lines[1].Cells.Select(cell => (cell.Text, cell.IsSpanned)).ShouldBe([("", true), ("", true), ("2", false)]);
        document.Lines[1].Cells[1].Location.ShouldBe(SourceLocation.InTable(1, 1, 2));
    }

    [Theory]
    [InlineData("2px", 3)]
    [InlineData(" 2 ", 3)]
    [InlineData("-2", 2)]
    [InlineData("two", 2)]
    public void Colspan_is_read_like_a_browser_reads_it(string colspan, int width)
    {
        var document = HtmlSource.Read($"<table><tr><td colspan='{colspan}'>a</td><td>b</td></tr></table>");

        document.Lines.Single().Cells.Count.ShouldBe(width);
    }

    [Fact]
    public void A_caption_is_a_paragraph_before_the_rows_and_header_cells_are_cells()
    {
        var document = HtmlSource.Read(
            "<table><caption>表三 收到和处理政府信息公开申请情况</caption><thead><tr><th>项目</th><th>数量</th></tr></thead>" +
            "<tbody><tr><td><p>结果</p><p>维持</p></td><td>0</td></tr></tbody></table>");

        document.Lines.Select(line => line.Text).ShouldBe(["表三 收到和处理政府信息公开申请情况", "项目\t数量", "结果\n维持\t0"]);
        document.Lines[0].IsParagraph.ShouldBeTrue();
        document.Lines[1].TableIndex.ShouldBe(1);
    }
}

/// <summary>Portals that keep the report's markup in a script string and write it into the page with JavaScript.</summary>
public class ScriptMarkupTests
{
    [Fact]
    public void A_report_written_in_by_a_script_reads_as_the_same_page_with_its_tables_in_place()
    {
        var page = SourceDecoding.DecodeHtml(ParsingFixtures.Bytes("report-001.html"), "report-001.html");
        var start = page.IndexOf("<table", StringComparison.OrdinalIgnoreCase);
        var end = page.LastIndexOf("</table>", StringComparison.OrdinalIgnoreCase) + "</table>".Length;
        var tables = page[start..end];

        // As portals write it: double-quoted pieces joined by '+' over several lines, with \" \n and \u escapes.
        var pieces = tables.Chunk(400).Select(chunk => "\"" + Escape(new string(chunk)) + "\"");
        var scripted = page[..start] + "<div id=\"content\"></div>" + page[end..].Replace(
            "</body>",
            "<script>\n// the report\nvar content = " + string.Join("\n  + ", pieces) + ";\ndocument.getElementById('content').innerHTML = content;\n</script></body>",
            StringComparison.OrdinalIgnoreCase);

        var expected = ReportParser.ParseBytes(ParsingFixtures.Bytes("report-001.html"), "report-001.html").Report;
        var read = ReportParser.ParseBytes(System.Text.Encoding.UTF8.GetBytes(scripted), "page.html").Report;

        scripted.Contains("<table", StringComparison.OrdinalIgnoreCase).ShouldBeFalse();
        LayoutClassTests.ValuesAndText(read).ShouldBe(LayoutClassTests.ValuesAndText(expected));
    }

    [Fact]
    public void Literals_are_decoded_joined_by_plus_and_comments_skipped()
    {
        var script = "/* '<table>' in a comment */ var a = '<tab' + \"le>\\u4e00\\x41\\n\" +\n `<td>\\u{4E8C}</td></table>`; // 'no'\nvar b = 'x';";

        ScriptMarkup.Tables(script).ShouldBe(["<table>一A\n<td>二</td></table>"]);
    }

    [Fact]
    public void Markup_escaped_as_entities_in_a_string_is_unescaped_and_strings_without_a_table_are_left()
    {
        ScriptMarkup.Tables("x = \"&lt;table&gt;&lt;tr&gt;&lt;td&gt;1&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;\"; y = \"<p>table</p>\";")
            .ShouldBe(["<table><tr><td>1</td></tr></table>"]);
    }

    [Fact]
    public void A_literal_left_open_and_a_lone_surrogate_escape_end_cleanly()
    {
        ScriptMarkup.Tables("var a = \"<table>\\ud800<td>1").ShouldBe(["<table>\uFFFD<td>1"]);
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "", StringComparison.Ordinal)
            .Replace("<", "\\u003c", StringComparison.Ordinal)
            .Replace("</", "<\\/", StringComparison.Ordinal);
}

using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Parsing;
using static Gongkai.Tests.AnnualReports.Parsing.ParsingFixtures;

namespace Gongkai.Tests.AnnualReports.Parsing;

public class PdfSourceTests
{
    private static Task<SourceDocument> ReadFixture() =>
        PdfSource.ReadAsync(PathOf("report-001.pdf"), CancellationToken.None);

    private static SourceLine LineStartingWith(SourceDocument document, string label) =>
        document.Lines.Single(line => line.Cells[0].Text == label);

    /// <summary>The line holding a table 三 label (a merged group label may stand before it) and the cells after the label.</summary>
    private static (SourceLine Line, List<SourceCell> Values) Row(SourceDocument document, string label)
    {
        var line = document.Lines.Single(line => line.Cells.Any(cell => cell.Text == label));
        return (line, line.Cells.SkipWhile(cell => cell.Text != label).Skip(1).ToList());
    }

    [Theory]
    [InlineData("一、本年新收政府信息公开申请数量", 2, "1", "1")]
    [InlineData("1.属于国家秘密", 2, "0", "0")]
    [InlineData("1.本机关不掌握相关政府信息", 2, "1", "1")]
    [InlineData("(一) 予以公开", 2, "0", "0")]
    [InlineData("2.没有现成信息需要另行制作", 3, "0", "0")]
    [InlineData("3.其他", 3, "0", "0")]
    [InlineData("(七) 总计", 3, "1", "1")]
    [InlineData("四、结转下年度继续办理", 3, "0", "0")]
    public async Task A_table_3_row_has_its_label_and_seven_numbers_as_separate_cells(string label, int page, string natural, string total)
    {
        var document = await ReadFixture();

        var (line, values) = Row(document, label);

        line.TableIndex.ShouldBeNull();
        values.Count.ShouldBe(7);
        values[0].Text.ShouldBe(natural);
        values[6].Text.ShouldBe(total);
        values.Skip(1).Take(5).ShouldAllBe(cell => cell.Text == "0");
        line.Cells.ShouldAllBe(cell => cell.Location.Page == page && cell.Location.Line == line.Cells[0].Location.Line);
        line.Cells.Select(cell => cell.Location.Column!.Value).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task The_numbers_of_one_page_line_up_in_the_same_columns()
    {
        var document = await ReadFixture();

        var secret = Row(document, "1.属于国家秘密").Values;
        var notHeld = Row(document, "1.本机关不掌握相关政府信息").Values;

        secret.Select(cell => cell.Location.Column).ShouldBe(notHeld.Select(cell => cell.Location.Column));
    }

    [Fact]
    public async Task Paragraphs_are_single_cells_and_pages_count_from_one()
    {
        var document = await ReadFixture();

        document.Lines[0].Location.Page.ShouldBe(1);
        var heading = LineStartingWith(document, "一、总体情况");
        heading.IsParagraph.ShouldBeTrue();
        heading.Location.ShouldBe(new SourceLocation(Line: 3, Column: 1, Page: 1));
        LineStartingWith(document, "六、其他需要报告的事项").Location.Page.ShouldBe(3);
        document.Lines.Select(line => line.Location.Line!.Value).ShouldBeInOrder(SortDirection.Ascending);
        document.Lines.Select(line => line.Location.Page!.Value).Distinct().ShouldBe([1, 2, 3]);
    }

    [Fact]
    public void Output_is_split_into_cells_on_runs_of_two_spaces_with_pages_at_form_feeds()
    {
        var document = PdfSource.Parse("标题 正文\n\n  规章    0   0\n\f第二页  甲 乙\r\n\f\f第四页\n\f");

        document.Lines.Select(line => line.Cells.Select(cell => (cell.Text, cell.Location)).ToArray()).ShouldBe(
        [
            [("标题 正文", new SourceLocation(Line: 1, Column: 1, Page: 1))],
            [
                ("规章", new SourceLocation(Line: 3, Column: 3, Page: 1)),
                ("0", new SourceLocation(Line: 3, Column: 9, Page: 1)),
                ("0", new SourceLocation(Line: 3, Column: 13, Page: 1)),
            ],
            [("第二页", new SourceLocation(Line: 4, Column: 1, Page: 2)), ("甲 乙", new SourceLocation(Line: 4, Column: 6, Page: 2))],
            [("第四页", new SourceLocation(Line: 5, Column: 1, Page: 4))],
        ]);
        document.Lines[0].IsParagraph.ShouldBeTrue();
        document.Lines[1].IsParagraph.ShouldBeFalse();
    }

    [Fact]
    public async Task Without_pdftotext_the_message_says_how_to_install_it()
    {
        var exception = await Should.ThrowAsync<ReportReadException>(() =>
            PdfSource.ReadAsync(PathOf("report-001.pdf"), "pdftotext-not-installed-gongkai", CancellationToken.None));

        exception.Message.ShouldContain("pdftotext");
        exception.Message.ShouldContain("sudo apt-get install poppler-utils");
    }

    [Fact]
    public async Task A_file_that_is_not_a_PDF_is_refused_with_what_pdftotext_said()
    {
        var exception = await Should.ThrowAsync<ReportReadException>(() =>
            PdfSource.ReadAsync(PathOf("not-a-docx.docx"), CancellationToken.None));

        exception.Message.ShouldStartWith("无法读取 PDF 文件“not-a-docx.docx”：pdftotext 报告错误（退出码 1）：");
        exception.Message.ShouldContain("May not be a PDF file");
    }

    [Fact]
    public async Task A_PDF_without_text_is_refused_as_a_scan()
    {
        var exception = await Should.ThrowAsync<ReportReadException>(() =>
            PdfSource.ReadAsync(PathOf("scanned-blank.pdf"), CancellationToken.None));

        exception.Message.ShouldBe(
            "PDF 文件“scanned-blank.pdf”中没有可以提取的文字，可能是扫描件或图片。请改用网页（.html）或 Word 文档（.docx）版本，或先用文字识别（OCR）转换后再导入。");
    }

    [Fact]
    public async Task A_missing_file_is_refused_naming_it()
    {
        var path = PathOf("no-such-report.pdf");

        var exception = await Should.ThrowAsync<ReportReadException>(() =>
            PdfSource.ReadAsync(path, CancellationToken.None));

        exception.Message.ShouldBe($"找不到文件“{path}”。请检查路径是否正确。");
    }

    [Fact]
    public async Task Cancelling_stops_the_read()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var exception = await Record.ExceptionAsync(() => PdfSource.ReadAsync(PathOf("report-001.pdf"), cancelled.Token));

        exception.ShouldBeAssignableTo<OperationCanceledException>();
    }
}

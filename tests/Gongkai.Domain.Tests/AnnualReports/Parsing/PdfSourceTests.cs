using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Parsing;
using static Gongkai.Tests.AnnualReports.Parsing.ParsingFixtures;

namespace Gongkai.Tests.AnnualReports.Parsing;

public class PdfSourceTests
{
    private static SourceDocument ReadFixture() => PdfSource.Read(Bytes("report-001.pdf"), "report-001.pdf");

    /// <summary>The table row holding a label and the cells after the label (merged label cells before it are spanned).</summary>
    private static (SourceLine Line, List<SourceCell> Values) Row(SourceDocument document, string label)
    {
        var line = document.Lines.Single(line => line.Cells.Any(cell => cell.Text == label));
        return (line, line.Cells.SkipWhile(cell => cell.Text != label).Skip(1).Where(cell => !cell.IsSpanned).ToList());
    }

    [Theory]
    [InlineData("一、本年新收政府信息公开申请数量", 2, "1", "1")]
    [InlineData("1.属于国家秘密", 2, "0", "0")]
    [InlineData("(一)予以公开", 2, "0", "0")]
    [InlineData("(七)总计", 3, "1", "1")]
    public void A_table_3_row_is_a_table_row_of_its_label_and_seven_numbers(string label, int page, string natural, string total)
    {
        var document = ReadFixture();

        var (line, values) = Row(document, label);

        line.TableIndex.ShouldNotBeNull();
        values.Count.ShouldBe(7);
        values[0].Text.ShouldBe(natural);
        values[6].Text.ShouldBe(total);
        values.Skip(1).Take(5).ShouldAllBe(cell => cell.Text == "0");
        line.Cells.ShouldAllBe(cell => cell.Location.Page == page && cell.Location.Table == line.TableIndex);
        // Cells of their own carry their own grid column; a position a merged neighbour covers carries the neighbour's.
        line.Cells.Select((cell, i) => (cell, i)).Where(x => !x.cell.IsSpanned).ShouldAllBe(x => x.cell.Location.Cell == x.i + 1);
    }

    [Fact]
    public void A_group_label_drawn_over_several_rows_is_one_cell_and_the_rows_below_it_are_spanned()
    {
        var document = ReadFixture();

        var (outcome, _) = Row(document, "三、本年度办理结果");
        var (partial, _) = Row(document, "1.属于国家秘密");

        outcome.Cells[0].IsSpanned.ShouldBeFalse();
        partial.TableIndex.ShouldBe(outcome.TableIndex);
        partial.Cells[0].IsSpanned.ShouldBeTrue();
        partial.Cells[0].Text.ShouldBeEmpty();
    }

    [Fact]
    public void Text_outside_tables_is_lines_of_one_cell_in_reading_order_with_pages_from_one()
    {
        var document = ReadFixture();

        document.Lines[0].Location.Page.ShouldBe(1);
        var heading = document.Lines.Single(line => line.IsParagraph && line.Text == "一、总体情况");
        heading.Location.Page.ShouldBe(1);
        document.Lines.Single(line => line.IsParagraph && line.Text == "六、其他需要报告的事项").Location.Page.ShouldBe(3);
        document.Lines.Select(line => line.Location.Page!.Value).ShouldBeInOrder(SortDirection.Ascending);
        document.Lines.Where(line => line.TableIndex is null).Select(line => line.Location.Line!.Value).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public void The_fixture_reads_as_the_sample_it_was_made_from()
    {
        var pdf = ReportParser.ParseBytes(Bytes("report-001.pdf"), "report-001.pdf");
        var text = ReportParser.ParseText(Samples.Text("001"));

        pdf.Report.Organization.ShouldBe(text.Report.Organization);
        FormatCell.All(ReportFormat.Format2021).Select(c => c.Get(pdf.Report).Value)
            .ShouldBe(FormatCell.All(ReportFormat.Format2021).Select(c => c.Get(text.Report).Value));
    }

    [Fact]
    public void A_file_that_is_not_a_PDF_is_refused_naming_it()
    {
        var exception = Should.Throw<ReportReadException>(() => PdfSource.Read(Bytes("not-a-docx.docx"), "not-a-docx.docx"));

        exception.Message.ShouldStartWith("无法读取 PDF 文件“not-a-docx.docx”：文件已损坏或不是 PDF");
    }

    [Fact]
    public void A_PDF_without_text_is_refused_as_a_scan()
    {
        var exception = Should.Throw<ReportReadException>(() => PdfSource.Read(Bytes("scanned-blank.pdf"), "scanned-blank.pdf"));

        exception.Message.ShouldBe(
            "PDF 文件“scanned-blank.pdf”中没有可以提取的文字，可能是扫描件或图片。请改用网页（.html）或 Word 文档（.docx）版本，或先用文字识别（OCR）转换后再导入。");
    }

    [Fact]
    public void A_truncated_PDF_is_refused_or_read_never_anything_else()
    {
        var bytes = Bytes("report-001.pdf");

        foreach (var length in new[] { 8, bytes.Length / 3, bytes.Length / 2, bytes.Length - 200 })
        {
            var exception = Record.Exception(() => PdfSource.Read(bytes[..length], "cut.pdf"));

            if (exception is not null)
            {
                exception.ShouldBeOfType<ReportReadException>();
            }
        }
    }

    [Fact]
    public void Cancelling_stops_the_read()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Should.Throw<OperationCanceledException>(() => PdfSource.Read(Bytes("report-001.pdf"), "report-001.pdf", cancelled.Token));
    }
}

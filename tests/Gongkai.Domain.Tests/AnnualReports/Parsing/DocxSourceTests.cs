using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Parsing;
using Gongkai.AnnualReports.Validation;
using static Gongkai.Tests.AnnualReports.Parsing.ParsingFixtures;

namespace Gongkai.Tests.AnnualReports.Parsing;

public class DocxSourceTests
{
    private const string NotADocx =
        "不是有效的 DOCX 文件：文件已损坏，或者并不是 Word 文档（可能只是改了扩展名）。请用 Word 或 WPS 打开原文件，另存为“Word 文档（.docx）”后再导入。";

    private static SourceDocument ReadFixture(string name)
    {
        using var stream = File.OpenRead(PathOf(name));
        return DocxSource.Read(stream);
    }

    [Fact]
    public void The_Word_report_starts_with_its_title_and_sections_as_numbered_lines()
    {
        var document = ReadFixture("report-004.docx");

        document.Lines.Take(3).Select(line => (line.Text, line.Location)).ShouldBe(
        [
            ("金水区政务服务办公室 2023 年政府信息公开工作 年度报告", new SourceLocation(Line: 1)),
            ("一、总体情况", new SourceLocation(Line: 2)),
            ("1. 主动公开情况；", new SourceLocation(Line: 3)),
        ]);
        document.Lines[^1].Text.ShouldBe("无");
    }

    [Fact]
    public void A_paragraph_line_is_numbered_by_its_place_in_the_document()
    {
        var document = ReadFixture("report-004.docx");

        for (var i = 0; i < document.Lines.Count; i++)
        {
            if (document.Lines[i].IsParagraph)
            {
                document.Lines[i].Location.ShouldBe(new SourceLocation(Line: i + 1));
            }
        }
    }

    [Fact]
    public void The_three_report_tables_are_numbered_in_order_with_their_grid_widths()
    {
        var document = ReadFixture("report-004.docx");

        document.Lines.Where(line => line.TableIndex is not null).GroupBy(line => line.TableIndex!.Value)
            .Select(group => (group.Key, group.Count(), group.First().Cells.Count))
            .ShouldBe([(1, 14, 4), (2, 28, 10), (3, 4, 15)]);
        ParagraphLine(document, "三、收到和处理政府信息公开申请情况").IsParagraph.ShouldBeTrue();
    }

    [Fact]
    public void Merged_cells_of_table_3_survive_the_Word_file()
    {
        var document = ReadFixture("report-004.docx");

        Table(document, 2).ShouldHaveNationalTable3Layout(2);
    }

    [Fact]
    public void Vertically_merged_header_cells_of_table_4_are_spanned_below()
    {
        var rows = Table(ReadFixture("report-004.docx"), 3);

        rows[1].Cells[0].Text.ShouldBe("结果\n维持");
        rows[2].Cells[0].IsSpanned.ShouldBeTrue();
        rows[2].Cells[0].Location.ShouldBe(SourceLocation.InTable(3, 2, 1));
        rows[1].Cells[5].Text.ShouldBe("未经复议直接起诉");
        rows[1].Cells.Skip(6).Take(4).ShouldAllBe(cell => cell.IsSpanned && cell.Location == SourceLocation.InTable(3, 2, 6));
        rows[3].Cells.ShouldAllBe(cell => cell.Text == "0");
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_read_the_same()
    {
        using var file = File.OpenRead(PathOf("report-004.docx"));
        using var forwardOnly = new ForwardOnlyStream(file);

        DocxSource.Read(forwardOnly).Lines.Select(line => line.Text)
            .ShouldBe(ReadFixture("report-004.docx").Lines.Select(line => line.Text));
    }

    [Theory]
    [InlineData("not-a-docx.docx")]
    [InlineData("old-word.doc")]
    [InlineData("empty.txt")]
    [InlineData("report-001.pdf")]
    public void A_file_that_is_not_a_Word_document_is_refused(string name)
    {
        using var stream = File.OpenRead(PathOf(name));

        Should.Throw<ReportReadException>(() => DocxSource.Read(stream)).Message.ShouldBe(NotADocx);
    }

    [Fact]
    public void A_zip_without_a_Word_document_inside_is_refused()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("report.txt").Open());
            writer.Write("一、总体情况");
        }

        zip.Position = 0;

        Should.Throw<ReportReadException>(() => DocxSource.Read(zip)).Message.ShouldBe(NotADocx);
    }

    [Fact]
    public void Paragraph_text_comes_from_runs_hyperlinks_fields_and_content_controls_but_not_from_deletions_or_field_codes()
    {
        var document = Read(
            new Paragraph(
                new Run(new Text("共收到申请")),
                new Hyperlink(new Run(new Text("1"))) { Id = "link" },
                new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
                new Run(new FieldCode(" PAGE ")),
                new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
                new Run(new Text("件")),
                new Run(new FieldChar { FieldCharType = FieldCharValues.End }),
                new DeletedRun(new Run(new DeletedText("（已删除）"))),
                new SimpleField(new Run(new Text("，均已回复"))) { Instruction = "MERGEFIELD x" }),
            new SdtBlock(new SdtContentBlock(new Paragraph(new Run(new Text("六、其他需要报告的事项"))))),
            new Paragraph(new Run(new Text("   "))),
            new Paragraph(new Run(new Text("规章"), new TabChar(), new Text("0"))));

        document.Lines.Select(line => line.Text).ShouldBe(["共收到申请1件，均已回复", "六、其他需要报告的事项", "规章\t0"]);
        document.Lines.ShouldAllBe(line => line.IsParagraph);
    }

    [Fact]
    public void A_manual_line_break_starts_a_new_line()
    {
        var document = Read(new Paragraph(new Run(new Text("主办：本局"), new Break(), new Text("地址：本市"))));

        document.Lines.Select(line => (line.Text, line.Location.Line)).ShouldBe([("主办：本局", (int?)1), ("地址：本市", 2)]);
    }

    [Fact]
    public void Grid_span_vertical_merge_and_grid_before_shape_the_grid()
    {
        var document = Read(new Table(
            Row(Cell("三、本年度办理结果", restart: true), Cell("（一）予以公开", span: 2), Cell("0")),
            Row(Cell(null, merge: true), Cell("（三）不予公开", restart: true), Cell("1.属于国家秘密"), Cell("0")),
            Row(Cell("", merge: true), Cell(null, merge: true), Cell("2.其他法律行政法规禁止公开"), Cell("0")),
            new TableRow(new TableRowProperties(new GridBefore { Val = 2 }), Cell("3.其他"), Cell("0"))));

        var rows = document.Lines;
        rows.ShouldAllBe(row => row.Cells.Count == 4 && row.TableIndex == 1);
        rows[0].Cells.Select(cell => (cell.Text, cell.IsSpanned)).ShouldBe(
            [("三、本年度办理结果", false), ("（一）予以公开", false), ("", true), ("0", false)]);
        rows[1].Cells[0].Location.ShouldBe(SourceLocation.InTable(1, 1, 1));
        rows[2].Cells.Select(cell => (cell.Text, cell.IsSpanned)).ShouldBe(
            [("", true), ("", true), ("2.其他法律行政法规禁止公开", false), ("0", false)]);
        rows[2].Cells[1].Location.ShouldBe(SourceLocation.InTable(1, 2, 2));
        rows[3].Cells.Select(cell => (cell.Text, cell.IsSpanned)).ShouldBe(
            [("", false), ("", false), ("3.其他", false), ("0", false)]);
        rows[3].Cells[2].Location.ShouldBe(SourceLocation.InTable(1, 4, 3));
    }

    [Fact]
    public void A_legacy_horizontal_merge_is_spanned_from_the_left()
    {
        var continued = Cell("");
        continued.TableCellProperties!.Append(new HorizontalMerge());
        var first = Cell("申请人情况");
        first.TableCellProperties!.Append(new HorizontalMerge { Val = MergedCellValues.Restart });

        var row = Read(new Table(Row(first, continued, Cell("总计")))).Lines.Single();

        row.Cells.Select(cell => (cell.Text, cell.IsSpanned)).ShouldBe([("申请人情况", false), ("", true), ("总计", false)]);
        row.Cells[1].Location.ShouldBe(SourceLocation.InTable(1, 1, 1));
    }

    [Fact]
    public void A_cell_joins_its_paragraphs_with_a_newline()
    {
        var cell = new TableCell(new Paragraph(new Run(new Text("结果"))), new Paragraph(), new Paragraph(new Run(new Text("维持"))));

        Read(new Table(new TableRow(cell))).Lines.Single().Cells.Single().Text.ShouldBe("结果\n维持");
    }

    [Fact]
    public void A_table_holding_a_table_lays_out_the_page_and_takes_no_number()
    {
        var document = Read(
            new Table(Row(Cell("甲"))),
            new Table(new TableRow(new TableCell(
                new Paragraph(new Run(new Text("二、主动公开政府信息情况"))),
                new Table(Row(Cell("规章"), Cell("0"))),
                new Paragraph(new Run(new Text("三、收到和处理政府信息公开申请情况")))))),
            new Table(Row(Cell("乙"))));

        document.Lines.Select(line => (line.Text, line.TableIndex)).ShouldBe(
        [
            ("甲", (int?)1), ("二、主动公开政府信息情况", null), ("规章\t0", 2), ("三、收到和处理政府信息公开申请情况", null), ("乙", 3),
        ]);
    }

    [Theory]
    [InlineData("gridSpan", "1001")]
    [InlineData("gridSpan", "99999999999")]
    [InlineData("gridSpan", "abc")]
    [InlineData("gridBefore", "-1")]
    [InlineData("gridBefore", "2000000000")]
    public void An_absurd_grid_span_or_grid_before_is_refused_naming_the_table_and_row(string property, string value)
    {
        var cell = Cell("0");
        var row = Row(Cell("（一）予以公开"), cell);
        if (property == "gridSpan")
        {
            cell.TableCellProperties!.Append(new GridSpan { Val = new Int32Value { InnerText = value } });
        }
        else
        {
            row.PrependChild(new TableRowProperties(new GridBefore { Val = new Int32Value { InnerText = value } }));
        }

        var exception = Should.Throw<ReportReadException>(() => Read(new Table(Row(Cell("甲"))), new Table(Row(Cell("标题")), row)));

        exception.Message.ShouldBe($"DOCX 文件第2个表格第2行的{(property == "gridSpan" ? "单元格合并列数" : "行首空列数")}“{value}”不在0至1000之间，表格无法读取。请用 Word 或 WPS 打开原文件检查该表格，另存为“Word 文档（.docx）”后再导入。");
    }

    [Fact]
    public void A_row_wider_than_1000_columns_is_refused()
    {
        var wide = Enumerable.Range(0, 3).Select(_ => Cell("0", span: 400)).ToArray();

        Should.Throw<ReportReadException>(() => Read(new Table(Row(wide))))
            .Message.ShouldBe("DOCX 文件第1个表格第1行超过1000列，表格无法读取。请用 Word 或 WPS 打开原文件检查该表格，另存为“Word 文档（.docx）”后再导入。");
    }

    [Fact]
    public void A_grid_span_wider_than_the_national_tables_is_cut_to_their_width_with_a_finding()
    {
        var document = Read(new Table(Row(Cell("甲"), Cell("0", span: 999))));

        document.Lines.Single().Cells.Select(cell => (cell.Text, cell.IsSpanned)).ShouldBe(
            [("甲", false), ("0", false), .. Enumerable.Repeat(("", true), 14)]);
        var finding = document.Findings.ShouldHaveSingleItem();
        finding.RuleId.ShouldBe("PARSE-SPAN");
        finding.Severity.ShouldBe(Severity.Warning);
        finding.Location.ShouldBe(SourceLocation.InTable(1, 1, 2));
        finding.Message.ShouldBe("第1个表格第1行第2格合并了 999 列，超过国家格式表格的 15 列，已按 15 列读取。请核对原表的合并单元格。");
    }

    private static SourceDocument Read(params OpenXmlElement[] content)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.Document = new Document(new Body(content));
            main.AddHyperlinkRelationship(new Uri("https://www.gov.cn/"), isExternal: true, id: "link");
        }

        stream.Position = 0;
        return DocxSource.Read(stream);
    }

    private static TableRow Row(params TableCell[] cells) => new(cells);

    private static TableCell Cell(string? text, int span = 1, bool restart = false, bool merge = false)
    {
        var properties = new TableCellProperties();
        if (span > 1)
        {
            properties.Append(new GridSpan { Val = span });
        }

        if (restart)
        {
            properties.Append(new VerticalMerge { Val = MergedCellValues.Restart });
        }
        else if (merge)
        {
            properties.Append(new VerticalMerge());
        }

        return new TableCell(properties, text is null ? new Paragraph() : new Paragraph(new Run(new Text(text))));
    }

    /// <summary>What an upload or a network response gives: read once, front to back, length unknown.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

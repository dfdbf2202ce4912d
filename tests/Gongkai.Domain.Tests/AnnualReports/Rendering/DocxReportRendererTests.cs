using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Rendering;
using Gongkai.Tests.AnnualReports.Json;

namespace Gongkai.Tests.AnnualReports.Rendering;

public class DocxReportRendererTests
{
    public static TheoryData<string> Reports => ["2021", "2019", "every kind of cell"];

    [Theory]
    [MemberData(nameof(Reports))]
    public void The_document_passes_the_open_xml_validator(string name)
    {
        using var document = Render(Sample(name));

        // The oldest and the newest schema set Word knows: the file opens in Word 2007 as in Microsoft 365.
        var errors = new[] { FileFormatVersions.Office2007, FileFormatVersions.Microsoft365 }
            .SelectMany(version => new OpenXmlValidator(version).Validate(document)
                .Select(e => $"{version} {e.Path?.XPath}: {e.Description}"))
            .ToList();

        errors.ShouldBeEmpty();
    }

    [Fact]
    public void The_title_is_centred_in_heiti_and_the_six_headings_follow_in_order()
    {
        using var document = Render(SampleReports.Complete2021());
        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Paragraph>().Where(p => p.InnerText.Length > 0).ToList();

        paragraphs[0].InnerText.ShouldBe(SampleReports.Organization + "2023年" + NationalFormat.TitleSuffix);
        StyleOf(paragraphs[0]).ShouldBe("Title");
        paragraphs.Where(p => StyleOf(p) == "Heading1").Select(p => p.InnerText)
            .ShouldBe(NationalFormat.Sections.Select(s => s.Heading));
        paragraphs[2].InnerText.ShouldBe("本部分第一段：本年度依法做好相关工作，共计 1 件。");
        paragraphs[3].InnerText.ShouldBe("第二段写明 A&B <比较> \"引号\" 的处理。");

        var styles = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);
        var title = styles["Title"];
        title.StyleParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Center);
        title.StyleRunProperties!.RunFonts!.EastAsia!.Value.ShouldBe("黑体");
        styles["Normal"].StyleParagraphProperties!.Indentation!.FirstLineChars!.Value.ShouldBe(200);
        document.PackageProperties.Title.ShouldBe(paragraphs[0].InnerText);

        var page = body.GetFirstChild<SectionProperties>()!.GetFirstChild<PageSize>()!;
        (page.Width!.Value, page.Height!.Value).ShouldBe((11906u, 16838u));
    }

    [Fact]
    public void Tables_follow_their_section_text()
    {
        using var document = Render(SampleReports.Complete2021());
        var body = document.MainDocumentPart!.Document.Body!;

        var before = body.Elements<Table>().Select(t => t.PreviousSibling<Paragraph>()!.InnerText).ToList();

        before.ShouldBe(Enumerable.Repeat("第二段写明 A&B <比较> \"引号\" 的处理。", 3));
        body.Elements<Table>().Select(t => t.Elements<TableRow>().Count()).ShouldBe([14, 28, 4]);
    }

    [Fact]
    public void Table_3_has_real_merged_cells()
    {
        using var document = Render(SampleReports.Complete2021());
        var table = document.MainDocumentPart!.Document.Body!.Elements<Table>().ElementAt(1);
        var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().ToList()).ToList();

        rows.ShouldAllBe(r => r.Sum(Span) == 10);
        table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Count().ShouldBe(10);

        Describe(rows[0][0]).ShouldBe((NationalFormat.Table3Note, 3, "restart"));
        Describe(rows[0][1]).ShouldBe((NationalFormat.ApplicantGroup, 7, null));
        Describe(rows[1][0]).ShouldBe(("", 3, "continue"));
        Describe(rows[1][1]).ShouldBe((NationalFormat.Table3ColumnLabels[0], 1, "restart"));
        Describe(rows[1][2]).ShouldBe((NationalFormat.LegalPersonGroup, 5, null));
        Describe(rows[2][0]).ShouldBe(("", 3, "continue"));
        Describe(rows[2][1]).ShouldBe(("", 1, "continue"));
        Describe(rows[2][^1]).ShouldBe(("", 1, "continue"));
        rows.Take(3).ShouldAllBe(r => r.Count > 0);
        table.Elements<TableRow>().Take(3).ShouldAllBe(r => r.TableRowProperties!.GetFirstChild<TableHeader>() != null);
        table.Elements<TableRow>().Skip(3).ShouldAllBe(r => r.TableRowProperties!.GetFirstChild<TableHeader>() == null);

        Describe(rows[3][0]).ShouldBe((NationalFormat.Table3Rows(ReportFormat.Format2021)[0].Label, 3, null));
        Describe(rows[5][0]).ShouldBe((NationalFormat.OutcomeGroup, 1, "restart"));
        rows.Skip(6).Take(21).ShouldAllBe(r => IsContinuation(r[0]));
        Describe(rows[7][1]).ShouldBe((NationalFormat.Table3RowDefinition(ReportFormat.Format2021, Table3Row.WithheldStateSecret)!.Group!, 1, "restart"));
        rows.Skip(8).Take(7).ShouldAllBe(r => IsContinuation(r[1]));

        var total = rows[26];
        Describe(total[0]).ShouldBe(("", 1, "continue"));
        Describe(total[1]).ShouldBe((NationalFormat.Table3RowDefinition(ReportFormat.Format2021, Table3Row.TotalProcessed)!.Label, 2, null));
        total[^1].InnerText.ShouldBe("140");
        Describe(rows[27][0]).ShouldBe((NationalFormat.Table3RowDefinition(ReportFormat.Format2021, Table3Row.CarriedForward)!.Label, 3, null));
    }

    [Fact]
    public void Table_4_has_its_merged_header_and_one_row_of_values()
    {
        using var document = Render(SampleReports.Complete2021());
        var table = document.MainDocumentPart!.Document.Body!.Elements<Table>().ElementAt(2);
        var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().ToList()).ToList();

        rows.ShouldAllBe(r => r.Sum(Span) == 15);
        rows[0].Select(Describe).ShouldBe([(NationalFormat.Reconsideration, 5, null), (NationalFormat.Litigation, 10, null)]);
        rows[1].Select(Describe).ShouldBe(
        [
            .. NationalFormat.Table4ColumnLabels.Select(l => (l, 1, (string?)"restart")),
            (NationalFormat.Table4BlockLabels[1], 5, null),
            (NationalFormat.Table4BlockLabels[2], 5, null),
        ]);
        rows[2].Take(5).ShouldAllBe(c => IsContinuation(c));
        rows[2].Skip(5).Select(c => c.InnerText).ShouldBe([.. NationalFormat.Table4ColumnLabels, .. NationalFormat.Table4ColumnLabels]);
        rows[3].Select(c => c.InnerText).ShouldBe(["2", "1", "0", "1", "4", "1", "0", "1", "0", "2", "0", "1", "0", "1", "2"]);
    }

    [Fact]
    public void Table_3_of_the_2019_format_merges_twenty_outcome_rows()
    {
        using var document = Render(SampleReports.Complete2019());
        var table = document.MainDocumentPart!.Document.Body!.Elements<Table>().ElementAt(1);
        var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().ToList()).ToList();

        rows.Count.ShouldBe(3 + 23);
        Describe(rows[5][0]).ShouldBe((NationalFormat.OutcomeGroup, 1, "restart"));
        rows.Skip(6).Take(19).ShouldAllBe(r => IsContinuation(r[0]));
        Describe(rows[25][0]).Merge.ShouldBeNull();
        Describe(rows[23][1]).ShouldBe((NationalFormat.Table3RowDefinition(ReportFormat.Format2019, Table3Row.OtherOther)!.Label, 2, null));
        rows[23][^1].InnerText.ShouldBe("8");
    }

    [Fact]
    public void The_document_can_be_written_to_a_stream_that_cannot_seek()
    {
        using var target = new MemoryStream();
        using var forwardOnly = new ForwardOnlyStream(target);

        DocxReportRenderer.Render(SampleReports.Complete2021(), forwardOnly);

        target.Position = 0;
        using var document = WordprocessingDocument.Open(target, false);
        document.MainDocumentPart!.Document.Body!.Elements<Table>().Count().ShouldBe(3);
    }

    private static AnnualReport Sample(string name) => name switch
    {
        "2019" => SampleReports.Complete2019(),
        "2021" => SampleReports.Complete2021(),
        _ => ReportJsonTests.WithEveryKindOfCell(SampleReports.Complete2021()),
    };

    private static WordprocessingDocument Render(AnnualReport report)
    {
        var stream = new MemoryStream();
        DocxReportRenderer.Render(report, stream);
        stream.Position = 0;
        return WordprocessingDocument.Open(stream, false);
    }

    private static string? StyleOf(Paragraph paragraph) => paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;

    private static int Span(TableCell cell) => cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1;

    private static (string Text, int Span, string? Merge) Describe(TableCell cell)
    {
        var merge = cell.TableCellProperties?.VerticalMerge;
        string? mergeText = merge is null ? null : merge.Val?.Value == MergedCellValues.Restart ? "restart" : "continue";
        return (cell.InnerText, Span(cell), mergeText);
    }

    /// <summary>An empty one-column cell continuing a vertical merge from the row above.</summary>
    private static bool IsContinuation(TableCell cell) => Describe(cell) == ("", 1, "continue");

    /// <summary>A write-only, forward-only stream, like an HTTP response body.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}

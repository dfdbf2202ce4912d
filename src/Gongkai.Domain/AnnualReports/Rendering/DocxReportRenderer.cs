using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Gongkai.Documents;

namespace Gongkai.AnnualReports.Rendering;

/// <summary>
/// Renders a report as a Word document (A4, official-document margins): the title centred in 黑体, the section
/// headings, body paragraphs in 仿宋 with a two-character first-line indent, and tables 二/三/四 with real merged cells
/// (gridSpan, vMerge) laid out exactly as the HTML rendering.
/// </summary>
public static class DocxReportRenderer
{
    // A4 in twentieths of a point, with the margins of the official-document standard (37/35/28/26 mm).
    private const int TextWidth = OfficialDocx.TextWidth;

    private const string HeadingFont = "黑体";
    private const string TitleStyle = OfficialDocx.TitleStyleId;
    private const string HeadingStyle = "Heading1";
    private const string TableStyle = "TableText";

    /// <summary>Writes the document to <paramref name="output"/>, which needs only to be writable.</summary>
    public static void Render(AnnualReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);

        // The package is built in memory because System.IO.Packaging needs a seekable stream and callers may pass a
        // response body.
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var title = ReportLayout.Title(report);
            document.PackageProperties.Title = title;
            document.PackageProperties.Language = "zh-CN";
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();

            var body = new Body();
            body.Append(StyledParagraph(TitleStyle, title));
            foreach (var section in ReportLayout.Sections(report))
            {
                body.Append(StyledParagraph(HeadingStyle, section.Definition.Heading));
                foreach (var paragraph in section.Paragraphs)
                {
                    body.Append(new Paragraph(OfficialDocx.TextRun(paragraph)));
                }

                if (section.Table is { } table)
                {
                    body.Append(BuildTable(table, section.Blocks));

                    // Word joins adjacent tables and needs a paragraph between a table and what follows.
                    body.Append(new Paragraph());
                }
            }

            body.Append(OfficialDocx.A4Section());
            main.Document = new Document(body);
            main.Document.Save();
        }

        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static Table BuildTable(ReportTable table, IReadOnlyList<TableLayout> blocks)
    {
        var columns = blocks[0].ColumnCount;
        var widths = ColumnWidths(table, columns);
        var result = new Table(
            new TableProperties(
                new TableWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" },
                    new LeftBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" },
                    new RightBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" }),
                new DocumentFormat.OpenXml.Wordprocessing.TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 60, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 60, Type = TableWidthValues.Dxa })),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));

        // Table 四 has fifteen narrow columns: a smaller size keeps its labels to two lines.
        var fontSize = table == ReportTable.Table4 ? "18" : null;
        var repeatHeader = blocks.Count == 1 ? blocks[0].HeaderRowCount : 0;
        var rowIndex = 0;
        foreach (var block in blocks)
        {
            var grid = block.Grid();
            for (var r = 0; r < grid.GetLength(0); r++, rowIndex++)
            {
                var rowProperties = new TableRowProperties(new CantSplit());
                if (rowIndex < repeatHeader)
                {
                    rowProperties.Append(new TableHeader());
                }

                var row = new TableRow(rowProperties);
                for (var c = 0; c < columns;)
                {
                    var (cell, isOrigin) = grid[r, c];
                    row.Append(BuildCell(cell, isOrigin, widths.Skip(c).Take(cell.ColumnSpan).Sum(), fontSize));
                    c += cell.ColumnSpan;
                }

                result.Append(row);
            }
        }

        return result;
    }

    /// <summary>
    /// One grid cell of a row. A merged cell is written once per row it covers: the first row restarts the vertical
    /// merge and holds the text, the rows below continue it and stay empty, as Word expects.
    /// </summary>
    private static TableCell BuildCell(LayoutCell cell, bool isOrigin, int width, string? fontSize)
    {
        var properties = new TableCellProperties(
            new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
        if (cell.ColumnSpan > 1)
        {
            properties.Append(new GridSpan { Val = cell.ColumnSpan });
        }

        if (cell.RowSpan > 1)
        {
            properties.Append(new VerticalMerge { Val = isOrigin ? MergedCellValues.Restart : MergedCellValues.Continue });
        }

        properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });

        var paragraph = new Paragraph(new ParagraphProperties(
            new ParagraphStyleId { Val = TableStyle },
            new Justification { Val = cell.Role == LayoutRole.Label ? JustificationValues.Left : JustificationValues.Center }));
        if (isOrigin && cell.Text.Length > 0)
        {
            var run = OfficialDocx.TextRun(cell.Text);
            if (fontSize is not null)
            {
                run.PrependChild(new RunProperties(new FontSize { Val = fontSize }, new FontSizeComplexScript { Val = fontSize }));
            }

            paragraph.Append(run);
        }

        return new TableCell(properties, paragraph);
    }

    private static int[] ColumnWidths(ReportTable table, int columns)
    {
        // Label columns get the room their long labels need; value columns share the rest evenly.
        int[] labels = table switch
        {
            ReportTable.Table2 => [2844],
            ReportTable.Table3 => [900, 1100, 2244],
            _ => [],
        };
        var valueColumns = columns - labels.Length;
        var rest = TextWidth - labels.Sum();
        var widths = labels.Concat(Enumerable.Repeat(rest / valueColumns, valueColumns)).ToArray();
        widths[^1] += rest % valueColumns;
        return widths;
    }

    private static Paragraph StyledParagraph(string style, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), OfficialDocx.TextRun(text));

    private static Styles Styles() => OfficialDocx.Styles(
        titleSpaceAfter: "560",
        new Style(
            new StyleName { Val = "heading 1" },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            new StyleParagraphProperties(new KeepNext(), new OutlineLevel { Val = 1 }),
            new StyleRunProperties(OfficialDocx.Fonts(HeadingFont)))
        {
            Type = StyleValues.Paragraph,
            StyleId = HeadingStyle,
        },
        new Style(
            new StyleName { Val = "Table Text" },
            new BasedOn { Val = "Normal" },
            new PrimaryStyle(),
            new StyleParagraphProperties(
                new SpacingBetweenLines { Line = "300", LineRule = LineSpacingRuleValues.Auto },
                new Indentation { FirstLine = "0", FirstLineChars = 0 },
                new Justification { Val = JustificationValues.Center }),
            new StyleRunProperties(OfficialDocx.Fonts(OfficialDocx.TableFont), new FontSize { Val = "21" }, new FontSizeComplexScript { Val = "21" }))
        {
            Type = StyleValues.Paragraph,
            StyleId = TableStyle,
        });
}

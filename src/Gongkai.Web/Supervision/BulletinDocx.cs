using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Gongkai.Documents;

namespace Gongkai.Web.Supervision;

/// <summary>
/// Writes a 考核通报 as a Word document in the layout of the reply letters (<see cref="OfficialDocx"/>: A4, GB/T 9704
/// margins, title in 黑体 22 pt, body in 仿宋 16 pt), with the section headings in 黑体 and the tables in 宋体 12 pt.
/// </summary>
public static class BulletinDocx
{
    private const string TableFontSize = "24";

    public static byte[] Render(BulletinContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = content.Title;
            document.PackageProperties.Language = "zh-CN";
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = OfficialDocx.Styles(titleSpaceAfter: "280");

            var body = new Body(
                new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = OfficialDocx.TitleStyleId }), OfficialDocx.TextRun(content.Title)),
                Text(content.Opening),
                Heading(BulletinContent.RankingHeading),
                Table(BulletinContent.RankingHeaders, [1000, 4600, 1600, 1600], content.Ranking.Select(r => new[] { r.Rank, r.Unit, r.Score, r.Change })),
                Heading(BulletinContent.ProblemsHeading));
            if (content.Problems.Count == 0)
            {
                body.Append(Text(BulletinContent.NoProblems));
            }

            for (var i = 0; i < content.Problems.Count; i++)
            {
                body.Append(Text($"{i + 1}. {content.Problems[i]}"));
            }

            body.Append(Heading(BulletinContent.RectificationsHeading));
            body.Append(content.Rectifications.Count == 0
                ? Text(BulletinContent.NoRectifications)
                : Table(BulletinContent.RectificationHeaders, [2200, 3400, 1600, 1600], content.Rectifications.Select(r => new[] { r.Unit, r.Title, r.DueOn, r.State })));
            body.Append(Text(BulletinContent.Closing));
            body.Append(OfficialDocx.A4Section());
            main.Document = new Document(body);
            main.Document.Save();
        }

        return buffer.ToArray();
    }

    private static Paragraph Text(string text) => new(OfficialDocx.TextRun(text));

    private static Paragraph Heading(string text)
    {
        var run = OfficialDocx.TextRun(text);
        run.PrependChild(new RunProperties(OfficialDocx.Fonts(OfficialDocx.TitleFont)));
        return new Paragraph(new ParagraphProperties(new KeepNext()), run);
    }

    /// <summary>A bordered table in 宋体 with a header row repeated on each page; <paramref name="widths"/> add up to about the text width.</summary>
    private static Table Table(IReadOnlyList<string> headers, int[] widths, IEnumerable<string[]> rows)
    {
        var border = (uint)4;
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = OfficialDocx.TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = border },
                    new LeftBorder { Val = BorderValues.Single, Size = border },
                    new BottomBorder { Val = BorderValues.Single, Size = border },
                    new RightBorder { Val = BorderValues.Single, Size = border },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = border },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = border })),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        table.Append(Row(headers, widths, header: true));
        foreach (var row in rows)
        {
            table.Append(Row(row, widths, header: false));
        }

        return table;
    }

    private static TableRow Row(IReadOnlyList<string> cells, int[] widths, bool header)
    {
        var properties = new TableRowProperties(new CantSplit());
        if (header)
        {
            properties.Append(new TableHeader());
        }

        var row = new TableRow(properties);
        for (var i = 0; i < cells.Count; i++)
        {
            var run = OfficialDocx.TextRun(cells[i]);
            run.PrependChild(new RunProperties(OfficialDocx.Fonts(OfficialDocx.TableFont), new FontSize { Val = TableFontSize }, new FontSizeComplexScript { Val = TableFontSize }));
            row.Append(new TableCell(
                new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }),
                new Paragraph(
                    new ParagraphProperties(
                        new Indentation { FirstLine = "0", FirstLineChars = 0 },
                        new SpacingBetweenLines { Line = "360", LineRule = LineSpacingRuleValues.Exact },
                        new Justification { Val = header ? JustificationValues.Center : JustificationValues.Left }),
                    run)));
        }

        return row;
    }
}

using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// Reads a Word document (.docx, also as saved by WPS or LibreOffice) into a <see cref="SourceDocument"/>.
/// <list type="bullet">
/// <item>Each body paragraph is a paragraph line: the text of its runs, hyperlinks, fields' results, smart tags and
/// content controls, tabs as '\t'; a manual line break (<c>w:br</c>, <c>w:cr</c>) starts a new line. Deleted text of
/// tracked changes, field codes, drawings and text boxes give nothing; Word's automatic list numbers are not text and
/// are not added. Empty lines are dropped. Location: <see cref="SourceLocation.Line"/> is the 1-based number of the
/// line in the <see cref="SourceDocument"/>.</item>
/// <item>A table gives one line per row on its grid: gridSpan widens a cell, vMerge continue cells are spanned by the
/// cell above, gridBefore/gridAfter leave empty positions; same <see cref="SourceCell.IsSpanned"/> convention and
/// <see cref="SourceLocation.InTable"/> numbering as <see cref="HtmlSource"/>. Cell text joins the cell's lines
/// with "\n".</item>
/// <item>A table that holds another table is a layout table: it gives no rows and no table number; its cells'
/// paragraphs and tables are read in order.</item>
/// <item>A gridBefore or gridSpan outside 0–<see cref="MaxColumns"/>, or a row wider than <see cref="MaxColumns"/>
/// columns, is refused: no report table is that wide, and the grid would otherwise be as large as the number says.</item>
/// </list>
/// </summary>
public static class DocxSource
{
    /// <summary>The widest table row read, as for HTML colspan.</summary>
    internal const int MaxColumns = 1000;

    /// <exception cref="ReportReadException">The stream is not a Word document, or a table's grid is absurd.</exception>
    public static SourceDocument Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var seekable = stream.CanSeek ? stream : Buffer(stream);

        WordprocessingDocument document;
        try
        {
            document = WordprocessingDocument.Open(seekable, isEditable: false);
        }
        catch (Exception exception) when (exception is OpenXmlPackageException or FileFormatException or InvalidDataException
            or IOException or ArgumentException or InvalidOperationException or System.Xml.XmlException)
        {
            throw NotADocx(exception);
        }

        using (document)
        {
            Body? body;
            try
            {
                body = document.MainDocumentPart?.Document?.Body;
            }
            catch (Exception exception) when (exception is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException)
            {
                throw NotADocx(exception);
            }

            if (body is null)
            {
                throw NotADocx(null);
            }

            var walker = new BodyWalker();
            walker.Blocks(body);
            return new SourceDocument(walker.Lines);
        }
    }

    private static MemoryStream Buffer(Stream stream)
    {
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    private const string CheckTheTable = "请用 Word 或 WPS 打开原文件检查该表格，另存为“Word 文档（.docx）”后再导入。";

    private static ReportReadException NotADocx(Exception? cause)
    {
        const string Message = "不是有效的 DOCX 文件：文件已损坏，或者并不是 Word 文档（可能只是改了扩展名）。请用 Word 或 WPS 打开原文件，另存为“Word 文档（.docx）”后再导入。";
        return cause is null ? new ReportReadException(Message) : new ReportReadException(Message, cause);
    }

    /// <summary>The lines of a paragraph: manual line breaks split it; tabs stay inside.</summary>
    private static List<string> ParagraphLines(Paragraph paragraph)
    {
        var lines = new List<string>();
        var text = new StringBuilder();
        AppendText(paragraph, text, lines);
        lines.Add(text.ToString());
        return lines.Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
    }

    private static void AppendText(OpenXmlElement element, StringBuilder text, List<string> lines)
    {
        foreach (var child in element.ChildElements)
        {
            switch (child)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar or PositionalTab:
                    text.Append('\t');
                    break;
                case Break or CarriageReturn:
                    lines.Add(text.ToString());
                    text.Clear();
                    break;
                case NoBreakHyphen:
                    text.Append('-');
                    break;
                case SoftHyphen:
                    break;
                case DeletedRun or DeletedText or FieldCode or DeletedFieldCode or Drawing or Picture or EmbeddedObject
                    or AlternateContent or ParagraphProperties or RunProperties:
                    break;
                default:
                    AppendText(child, text, lines);
                    break;
            }
        }
    }

    private sealed class BodyWalker
    {
        private int _tables;

        public List<SourceLine> Lines { get; } = [];

        /// <summary>Reads block-level content (body, cell of a layout table, content control) in order.</summary>
        public void Blocks(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
            {
                switch (child)
                {
                    case Paragraph paragraph:
                        foreach (var line in ParagraphLines(paragraph))
                        {
                            Lines.Add(new SourceLine([new SourceCell(line, new SourceLocation(Line: Lines.Count + 1))]));
                        }

                        break;
                    case Table table when table.Descendants<Table>().Any():
                        foreach (var cell in table.Elements<TableRow>().SelectMany(row => row.Elements<TableCell>()))
                        {
                            Blocks(cell);
                        }

                        break;
                    case Table table:
                        DataTable(table);
                        break;
                    case SdtBlock or CustomXmlBlock or SdtContentBlock:
                        Blocks(child);
                        break;
                }
            }
        }

        private void DataTable(Table table)
        {
            var index = ++_tables;
            var grid = new TableGrid();
            foreach (var row in table.Elements<TableRow>())
            {
                grid.AddRow();
                var r = grid.RowCount - 1;
                var column = GridValue(row.TableRowProperties?.GetFirstChild<GridBefore>()?.Val, 0, "行首空列数", index, r);
                foreach (var cell in row.Elements<TableCell>())
                {
                    var properties = cell.TableCellProperties;
                    var span = Math.Max(1, GridValue(properties?.GridSpan?.Val, 1, "单元格合并列数", index, r));
                    if (column + span > MaxColumns)
                    {
                        throw new ReportReadException(string.Create(CultureInfo.InvariantCulture,
                            $"DOCX 文件第{index}个表格第{r + 1}行超过{MaxColumns}列，表格无法读取。{CheckTheTable}"));
                    }

                    var verticalMerge = properties?.VerticalMerge;
                    var horizontalMerge = properties?.HorizontalMerge;
                    var continues = verticalMerge is not null
                        && (verticalMerge.Val is null || verticalMerge.Val.Value == MergedCellValues.Continue);
                    if (continues)
                    {
                        grid.ContinueFromAbove(r, column, span);
                    }
                    else if (horizontalMerge is not null
                        && (horizontalMerge.Val is null || horizontalMerge.Val.Value == MergedCellValues.Continue)
                        && column > 0)
                    {
                        grid.ContinueFromLeft(r, column, span);
                    }
                    else
                    {
                        grid.Place(r, column, 1, span, CellText(cell));
                    }

                    column += span;
                }
            }

            Lines.AddRange(grid.ToLines(index));
        }

        /// <summary>A gridBefore or gridSpan value, or <paramref name="absent"/> when there is none.</summary>
        private static int GridValue(Int32Value? value, int absent, string what, int table, int row)
        {
            if (value is null)
            {
                return absent;
            }

            return value.HasValue && value.Value is >= 0 and <= MaxColumns
                ? value.Value
                : throw new ReportReadException(string.Create(CultureInfo.InvariantCulture,
                    $"DOCX 文件第{table}个表格第{row + 1}行的{what}“{value.InnerText}”不在0至{MaxColumns}之间，表格无法读取。{CheckTheTable}"));
        }

        private static string CellText(TableCell cell) =>
            string.Join('\n', cell.Descendants<Paragraph>().SelectMany(ParagraphLines));
    }
}

using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Gongkai.AnnualReports.Validation;
using Gongkai.Documents;

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
/// columns, is refused: no report table is that wide, and the grid would otherwise be as large as the number says. A
/// gridSpan wider than the national tables is cut to their width with a PARSE-SPAN finding.</item>
/// <item>Bounded (<see cref="ReportReadLimits"/>): the package is opened with <see cref="ZipArchive"/> and only its
/// relationships and main document part are inflated, each through <see cref="ZipParts"/>, which stops a part that
/// inflates too far or too fast; the part is read by a streaming <see cref="XmlReader"/> (no DTDs, so no entity
/// expansion) that refuses nesting deeper than <see cref="ReportReadLimits.MaxDepth"/> before the reader's own
/// recursion could go that deep. Characters XML cannot carry are cleaned as <see cref="SafeText.Clean"/> says.</item>
/// </list>
/// </summary>
public static class DocxSource
{
    /// <summary>The widest table row read, as for HTML colspan.</summary>
    internal const int MaxColumns = 1000;

    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string StrictWordNamespace = "http://purl.oclc.org/ooxml/wordprocessingml/main";
    private const string PackageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string CompatibilityNamespace = "http://schemas.openxmlformats.org/markup-compatibility/2006";

    private const string CheckTheTable = "请用 Word 或 WPS 打开原文件检查该表格，另存为“Word 文档（.docx）”后再导入。";

    /// <exception cref="ReportReadException">
    /// The stream is not a Word document, a table's grid is absurd, or the file goes over a <see cref="ReportReadLimits"/> limit.
    /// </exception>
    public static SourceDocument Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var budget = new ReadBudget(ReportReadLimits.Default, "DOCX 文件");
        return ReportParser.Guarded(budget, () => Read(ReportParser.ReadBounded(stream, budget), budget));
    }

    internal static SourceDocument Read(byte[] bytes, ReadBudget budget)
    {
        ZipParts parts;
        try
        {
            parts = ZipParts.Open(bytes, budget);
        }
        catch (Exception exception) when (IsDamage(exception))
        {
            throw NotADocx(exception);
        }

        using (parts)
        {
            Body body;
            try
            {
                body = ReadBody(parts, budget) ?? throw NotADocx(null);
            }
            catch (Exception exception) when (IsDamage(exception))
            {
                throw NotADocx(exception);
            }

            var walker = new BodyWalker(budget);
            walker.Blocks(body.Blocks);
            return new SourceDocument(walker.Lines) { Findings = walker.Findings };
        }
    }

    /// <summary>What a damaged or foreign file makes the ZIP and XML readers throw.</summary>
    private static bool IsDamage(Exception exception) =>
        exception is InvalidDataException or IOException or XmlException or NotSupportedException or ArgumentException
            or InvalidOperationException or UriFormatException;

    private static ReportReadException NotADocx(Exception? cause)
    {
        const string Message = "不是有效的 DOCX 文件：文件已损坏，或者并不是 Word 文档（可能只是改了扩展名）。请用 Word 或 WPS 打开原文件，另存为“Word 文档（.docx）”后再导入。";
        return cause is null ? new ReportReadException(Message) : new ReportReadException(Message, cause);
    }

    private static XmlReader XmlOf(Stream part, ReadBudget budget) => XmlReader.Create(part, new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        CheckCharacters = false,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = budget.Limits.MaxPartBytes,
        CloseInput = true,
    });

    /// <summary>The main document part named by the package relationships, read down to its body; null if there is none.</summary>
    private static Body? ReadBody(ZipParts parts, ReadBudget budget)
    {
        if (MainPartName(parts, budget) is not { } name || parts.OpenPart(name) is not { } part)
        {
            return null;
        }

        using var xml = XmlOf(part, budget);
        xml.MoveToContent();
        if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "document" || !IsWord(xml.NamespaceURI))
        {
            return null;
        }

        var reader = new PartReader(xml, budget);
        Body? body = null;
        reader.Children(() =>
        {
            if (body is null && reader.Is("body"))
            {
                body = new Body();
                reader.Blocks(body.Blocks, reachable: true);
            }
            else
            {
                reader.Skip();
            }
        });
        return body;
    }

    /// <summary>The target of the officeDocument relationship in _rels/.rels, as a part name.</summary>
    private static string? MainPartName(ZipParts parts, ReadBudget budget)
    {
        using var stream = parts.OpenPart("_rels/.rels");
        if (stream is null)
        {
            return null;
        }

        using var xml = XmlOf(stream, budget);
        while (xml.Read())
        {
            budget.RequireDepth(xml.Depth, "XML 元素");
            budget.Check();
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.NamespaceURI == PackageRelationshipsNamespace
                && xml.GetAttribute("Type") is { } type && type.EndsWith("/officeDocument", StringComparison.Ordinal)
                && xml.GetAttribute("TargetMode") is null or "Internal"
                && xml.GetAttribute("Target") is { Length: > 0 } target)
            {
                var resolved = new Uri(new Uri("http://package/"), target.Replace('\\', '/'));
                return Uri.UnescapeDataString(resolved.AbsolutePath.TrimStart('/'));
            }
        }

        return null;
    }

    private static bool IsWord(string ns) => ns is WordNamespace or StrictWordNamespace;

    /// <summary>A paragraph's lines, or a table, in a block container (body, cell, content control).</summary>
    private abstract class Block
    {
        /// <summary>
        /// True when the block is reached from its container through content controls and custom XML only; a
        /// paragraph inside other markup still counts as a cell's text but is not a line of its own.
        /// </summary>
        public bool Reachable { get; init; }
    }

    private sealed class ParagraphBlock(List<string> lines) : Block
    {
        public List<string> Lines { get; } = lines;
    }

    private sealed class TableBlock : Block
    {
        public List<RowNode> Rows { get; } = [];

        /// <summary>Some element inside is a table: this one lays out the page.</summary>
        public bool HoldsTable { get; set; }
    }

    private sealed class RowNode
    {
        public string? GridBefore { get; set; }

        public List<CellNode> Cells { get; } = [];
    }

    private sealed class CellNode
    {
        public bool HasProperties { get; set; }

        public string? GridSpan { get; set; }

        /// <summary>Null without a vMerge element; the w:val text ("" when it has none) otherwise.</summary>
        public string? VerticalMerge { get; set; }

        public string? HorizontalMerge { get; set; }

        public List<Block> Blocks { get; } = [];
    }

    private sealed class Body
    {
        public List<Block> Blocks { get; } = [];
    }

    /// <summary>
    /// Reads the document part with the reader positioned on an element; every method leaves it after that element's
    /// end. Recursion follows the XML's nesting, which <see cref="Enter"/> bounds by <see cref="ReportReadLimits.MaxDepth"/>.
    /// </summary>
    private sealed class PartReader(XmlReader xml, ReadBudget budget)
    {
        private readonly Stack<TableBlock> _tables = new();

        public bool Is(string localName) => xml.LocalName == localName && IsWord(xml.NamespaceURI);

        /// <summary>Calls <paramref name="child"/> on each child element; it must consume the element.</summary>
        public void Children(Action child)
        {
            if (xml.IsEmptyElement)
            {
                xml.Read();
                return;
            }

            var depth = xml.Depth;
            xml.Read();
            while (!(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
            {
                if (xml.NodeType == XmlNodeType.Element)
                {
                    Enter();
                    child();
                }
                else if (!xml.Read())
                {
                    throw new XmlException("The part ends inside an element.");
                }
            }

            xml.Read();
        }

        /// <summary>Consumes the element, noting any table inside it (a table anywhere in a table makes it a layout table).</summary>
        public void Skip()
        {
            if (Is("tbl"))
            {
                MarkTable();
            }

            Children(Skip);
        }

        /// <summary>Block-level content: paragraphs, tables, and content controls and custom XML read through.</summary>
        public void Blocks(List<Block> into, bool reachable, CellNode? cell = null) => Children(() =>
        {
            if (Is("p"))
            {
                var lines = Paragraph();
                budget.AddCells(1);
                into.Add(new ParagraphBlock(lines) { Reachable = reachable });
            }
            else if (Is("tbl"))
            {
                MarkTable();
                var table = Table();
                if (reachable)
                {
                    into.Add(table);
                }
            }
            else if (cell is not null && !cell.HasProperties && Is("tcPr"))
            {
                CellProperties(cell);
            }
            else
            {
                Blocks(into, reachable && (Is("sdt") || Is("customXml") || Is("sdtContent")));
            }
        });

        private void Enter()
        {
            budget.RequireDepth(xml.Depth, "表格、段落或其他 XML 元素");
            budget.Check();
        }

        private void MarkTable()
        {
            if (_tables.TryPeek(out var outer))
            {
                outer.HoldsTable = true;
            }
        }

        private TableBlock Table()
        {
            var table = new TableBlock { Reachable = true };
            _tables.Push(table);
            Children(() =>
            {
                if (Is("tr"))
                {
                    table.Rows.Add(Row());
                }
                else
                {
                    Skip();
                }
            });
            _tables.Pop();
            if (table.HoldsTable)
            {
                MarkTable();
            }

            return table;
        }

        private RowNode Row()
        {
            var row = new RowNode();
            var properties = false;
            Children(() =>
            {
                if (Is("tc"))
                {
                    var cell = new CellNode();
                    Blocks(cell.Blocks, reachable: true, cell);
                    row.Cells.Add(cell);
                }
                else if (!properties && Is("trPr"))
                {
                    properties = true;
                    var gridBefore = false;
                    Children(() =>
                    {
                        if (!gridBefore && Is("gridBefore"))
                        {
                            gridBefore = true;
                            row.GridBefore = Value();
                        }

                        Skip();
                    });
                }
                else
                {
                    Skip();
                }
            });
            return row;
        }

        /// <summary>The first gridSpan, vMerge and hMerge of the cell's first tcPr; an element without w:val is as if absent for gridSpan and means "continue" for the merges.</summary>
        private void CellProperties(CellNode cell)
        {
            cell.HasProperties = true;
            bool gridSpan = false, verticalMerge = false, horizontalMerge = false;
            Children(() =>
            {
                if (!gridSpan && Is("gridSpan"))
                {
                    gridSpan = true;
                    cell.GridSpan = Value();
                }
                else if (!verticalMerge && Is("vMerge"))
                {
                    verticalMerge = true;
                    cell.VerticalMerge = Value() ?? "";
                }
                else if (!horizontalMerge && Is("hMerge"))
                {
                    horizontalMerge = true;
                    cell.HorizontalMerge = Value() ?? "";
                }

                Skip();
            });
        }

        private string? Value()
        {
            var value = xml.GetAttribute("val", WordNamespace) ?? xml.GetAttribute("val", StrictWordNamespace);
            return value is null ? null : SafeText.Clean(value);
        }

        /// <summary>The lines of a paragraph: manual line breaks split it; tabs stay inside.</summary>
        private List<string> Paragraph()
        {
            var lines = new List<string>();
            var text = new StringBuilder();
            Inline(text, lines);
            lines.Add(text.ToString());
            return [.. lines.Select(line => SafeText.Clean(line).Trim()).Where(line => line.Length > 0)];
        }

        private void Inline(StringBuilder text, List<string> lines) => Children(() =>
        {
            if (xml.NamespaceURI == CompatibilityNamespace && xml.LocalName == "AlternateContent")
            {
                Skip();
                return;
            }

            if (!IsWord(xml.NamespaceURI))
            {
                Inline(text, lines);
                return;
            }

            switch (xml.LocalName)
            {
                case "t":
                    Text(text);
                    return;
                case "tab" or "ptab":
                    text.Append('\t');
                    break;
                case "br" or "cr":
                    budget.AddCells(1);
                    lines.Add(text.ToString());
                    text.Clear();
                    break;
                case "noBreakHyphen":
                    text.Append('-');
                    break;
                case "softHyphen" or "del" or "delText" or "instrText" or "delInstrText" or "drawing" or "pict"
                    or "object" or "pPr" or "rPr":
                    break;
                case "tbl":
                    MarkTable();
                    Inline(text, lines);
                    return;
                default:
                    Inline(text, lines);
                    return;
            }

            Skip();
        });

        /// <summary>The text of a w:t element, whitespace included.</summary>
        private void Text(StringBuilder text)
        {
            if (xml.IsEmptyElement)
            {
                xml.Read();
                return;
            }

            var depth = xml.Depth;
            xml.Read();
            while (!(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
            {
                switch (xml.NodeType)
                {
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        text.Append(xml.Value);
                        xml.Read();
                        break;
                    case XmlNodeType.Element:
                        Enter();
                        Skip();
                        break;
                    default:
                        if (!xml.Read())
                        {
                            throw new XmlException("The part ends inside an element.");
                        }

                        break;
                }
            }

            xml.Read();
        }
    }

    private sealed class BodyWalker(ReadBudget budget)
    {
        private int _tables;

        public List<SourceLine> Lines { get; } = [];

        public List<Finding> Findings { get; } = [];

        /// <summary>
        /// Reads block-level content (body, cell of a layout table) in order. Recursion follows nested tables, which
        /// the part reader has already bounded by <see cref="ReportReadLimits.MaxDepth"/>.
        /// </summary>
        public void Blocks(List<Block> blocks)
        {
            foreach (var block in blocks)
            {
                budget.Check();
                switch (block)
                {
                    case ParagraphBlock { Reachable: true } paragraph:
                        foreach (var line in paragraph.Lines)
                        {
                            Lines.Add(new SourceLine([new SourceCell(line, new SourceLocation(Line: Lines.Count + 1))]));
                        }

                        break;
                    case TableBlock { HoldsTable: true } layout:
                        foreach (var cell in layout.Rows.SelectMany(row => row.Cells))
                        {
                            Blocks(cell.Blocks);
                        }

                        break;
                    case TableBlock table:
                        DataTable(table);
                        break;
                }
            }
        }

        private void DataTable(TableBlock table)
        {
            var index = ++_tables;
            var grid = new TableGrid(index, budget);
            foreach (var row in table.Rows)
            {
                grid.AddRow();
                var r = grid.RowCount - 1;
                var column = GridValue(row.GridBefore, 0, "行首空列数", index, r);

                // The row's width as the file states it, before spans are cut to the national tables.
                var stated = column;
                foreach (var cell in row.Cells)
                {
                    var span = Math.Max(1, GridValue(cell.GridSpan, 1, "单元格合并列数", index, r));
                    stated += span;
                    if (stated > MaxColumns)
                    {
                        throw new ReportReadException(string.Create(CultureInfo.InvariantCulture,
                            $"DOCX 文件第{index}个表格第{r + 1}行超过{MaxColumns}列，表格无法读取。{CheckTheTable}"));
                    }

                    span = grid.ClampColumns(span, r, column);
                    if (cell.VerticalMerge is { } vertical && vertical is "" or "continue")
                    {
                        grid.ContinueFromAbove(r, column, span);
                    }
                    else if (cell.HorizontalMerge is { } horizontal && horizontal is "" or "continue" && column > 0)
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

            Lines.AddRange(grid.ToLines());
            if (grid.Finding is { } finding)
            {
                Findings.Add(finding);
            }
        }

        /// <summary>A gridBefore or gridSpan value, or <paramref name="absent"/> when there is none.</summary>
        private static int GridValue(string? value, int absent, string what, int table, int row)
        {
            if (value is null)
            {
                return absent;
            }

            return int.TryParse(value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign,
                    CultureInfo.InvariantCulture, out var number) && number is >= 0 and <= MaxColumns
                ? number
                : throw new ReportReadException(string.Create(CultureInfo.InvariantCulture,
                    $"DOCX 文件第{table}个表格第{row + 1}行的{what}“{value}”不在0至{MaxColumns}之间，表格无法读取。{CheckTheTable}"));
        }

        /// <summary>Every paragraph of the cell, also those inside other markup, one line each.</summary>
        private static string CellText(CellNode cell) =>
            string.Join('\n', cell.Blocks.OfType<ParagraphBlock>().SelectMany(paragraph => paragraph.Lines));
    }
}

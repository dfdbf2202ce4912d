using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Text;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// Reads an HTML page (usually a whole saved government page) into a <see cref="SourceDocument"/>, line by line as
/// a browser would show it.
/// <list type="bullet">
/// <item>The page title (<c>&lt;title&gt;</c>) is the first line. Scripts, styles, hidden elements and the rest of
/// <c>&lt;head&gt;</c> give nothing, except that a page whose body holds no data table but whose scripts hold a
/// table's markup in a string (portals that write the report in with JavaScript) is read with that markup after the
/// body (<see cref="ScriptMarkup"/>).</item>
/// <item>Each block (p, div, h1–h6, li …) and each piece between <c>&lt;br&gt;</c>s is a paragraph line: whitespace
/// collapsed, <c>&amp;nbsp;</c> as a space, trimmed; empty lines are dropped. Its location is the source line of the
/// element the text starts in.</item>
/// <item>A data table gives one line per grid row, rowspan/colspan expanded into a rectangle: the origin of a merged
/// cell holds its text, every other position it covers is an empty <see cref="SourceCell"/> with
/// <see cref="SourceCell.IsSpanned"/> and the origin's location. Positions no cell covers (short rows) are empty and
/// not spanned. Cell text joins the cell's lines with "\n". Tables are numbered 1, 2 … in document order among data
/// tables; locations are <see cref="SourceLocation.InTable"/> with grid row and grid column. A caption is a paragraph
/// line before the rows.</item>
/// <item>A layout table (one that holds another table, a heading, or a cell with more than
/// <see cref="LayoutCellTextLength"/> characters) gives no rows: its cells' contents are read in order as if the
/// table were not there, and it takes no table number.</item>
/// <item>Bounded (<see cref="ReportReadLimits"/>): while the parser reads the markup, every tag is checked against the
/// nesting depth (<see cref="ReportReadLimits.MaxDepth"/>, counting formatting tags left open, which the parser
/// re-creates nested in every later paragraph) and the number of elements (<see cref="ReportReadLimits.MaxElements"/>),
/// and the clock is checked after every tag; a merged cell is cut to the national table's size with a PARSE-SPAN
/// finding; cells and paragraphs count against <see cref="ReportReadLimits.MaxCells"/>.</item>
/// </list>
/// </summary>
public static partial class HtmlSource
{
    /// <summary>A data-table cell of a report holds a label or a number; longer text means the table lays out a page.</summary>
    public const int LayoutCellTextLength = 300;

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
        "audio", "video", "select", "textarea", "input",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "listing", "plaintext", "xmp",
    };

    /// <summary>Reads the page. The markup is the decoded text of the file (see <see cref="SourceDecoding.DecodeHtml"/>).</summary>
    /// <exception cref="ReportReadException">
    /// The markup opens a table it never closes (the file was cut off), or goes over a <see cref="ReportReadLimits"/> limit.
    /// </exception>
    public static SourceDocument Read(string html)
    {
        using var budget = new ReadBudget(ReportReadLimits.Default, "网页");
        return ReportParser.Guarded(budget, () => Read(html, budget));
    }

    internal static SourceDocument Read(string html, ReadBudget budget) => Read(html, budget, scripts: true);

    /// <summary>
    /// Reads the page; with <paramref name="scripts"/>, a page whose body has no data table but whose scripts hold a
    /// table's markup in a string (<see cref="ScriptMarkup"/>) is read with that markup after the body.
    /// </summary>
    private static SourceDocument Read(string html, ReadBudget budget, bool scripts)
    {
        ArgumentNullException.ThrowIfNull(html);
        var guard = new MarkupGuard(budget, StartTags(html));
        var parser = new HtmlParser(new HtmlParserOptions
        {
            IsKeepingSourceReferences = true,

            // The parser flattens anything deeper, so the walk below never recurses deeper than this.
            MaximumDepth = budget.Limits.MaxDepth,
            OnCreated = guard.Created,
            OnToken = guard.Token,
        });
        var document = parser.ParseDocument(html);
        if (scripts)
        {
            // A page cut off inside a table is refused; a script's string may hold a table's opening only.
            guard.RequireClosedTables();
        }

        guard.RequireElements(document);
        var reader = new DocumentWalker(budget);

        var title = document.Head?.QuerySelector("title");
        if (title is not null)
        {
            reader.Paragraphs.Begin(title);
            reader.Paragraphs.Append(title.TextContent);
            reader.Paragraphs.Flush();
        }

        if (document.Body is not null)
        {
            reader.Walk(document.Body);
        }

        reader.Paragraphs.Flush();
        if (scripts && reader.Tables == 0)
        {
            foreach (var script in document.QuerySelectorAll("script"))
            {
                foreach (var markup in ScriptMarkup.Tables(script.TextContent))
                {
                    budget.Check();
                    var inner = Read(markup, budget, scripts: false);
                    reader.Lines.AddRange(inner.Lines);
                    reader.Findings.AddRange(inner.Findings);
                }
            }
        }

        return new SourceDocument(reader.Lines) { Findings = reader.Findings };
    }

    /// <summary>How many start tags the markup can hold at most: every '&lt;' followed by a letter.</summary>
    private static int StartTags(string html)
    {
        var count = 0;
        for (var at = html.IndexOf('<', StringComparison.Ordinal); at >= 0 && at + 1 < html.Length; at = html.IndexOf('<', at + 1))
        {
            if (char.IsAsciiLetter(html[at + 1]))
            {
                count++;
            }
        }

        return count;
    }

    private static bool IsHidden(IElement element) =>
        element.HasAttribute("hidden")
        || (element.GetAttribute("style") is { } style && HiddenStyle().IsMatch(style));

    private static bool IsLayoutTable(IElement table) =>
        table.QuerySelector("table") is not null
        || OwnCells(table).Any(cell =>
            cell.QuerySelector("h1, h2, h3, h4, h5, h6") is not null
            || CollapseWhitespace(cell.TextContent).Length > LayoutCellTextLength);

    private static IEnumerable<IElement> OwnRows(IElement table) =>
        table.Children.SelectMany(child => child.LocalName switch
        {
            "tr" => [child],
            "thead" or "tbody" or "tfoot" => child.Children.Where(row => row.LocalName == "tr"),
            _ => [],
        });

    private static IEnumerable<IElement> OwnCells(IElement table) =>
        OwnRows(table).SelectMany(row => row.Children.Where(IsCell));

    private static bool IsCell(IElement element) => element.LocalName is "td" or "th";

    private static string CollapseWhitespace(string text) => WhitespaceRun().Replace(text, " ").Trim();

    /// <summary>
    /// Reads rowspan/colspan as browsers do: leading digits count ("2px" is 2), anything else is 1. The grid cuts what
    /// is larger than a national table.
    /// </summary>
    private static int Span(IElement cell, string attribute)
    {
        var value = (cell.GetAttribute(attribute) ?? "").AsSpan().Trim();
        var digits = 0;
        while (digits < value.Length && char.IsAsciiDigit(value[digits]))
        {
            digits++;
        }

        return digits > 0 && int.TryParse(value[..Math.Min(digits, 6)], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : 1;
    }

    private static int LineOf(INode node) =>
        node is IElement { SourceReference: { } reference } ? reference.Position.Line : 0;

    [GeneratedRegex("""display\s*:\s*none""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex("""[ \t\n\r\f\u00A0]+""", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespaceRun();

    /// <summary>
    /// Builds lines of text the way a browser lays out inline content: whitespace runs collapse to one space, blocks
    /// and <c>&lt;br&gt;</c> end the current line, and a line that ends up empty is not a line.
    /// </summary>
    private sealed class LineBuilder(Action<string, int> emit)
    {
        private readonly StringBuilder _text = new();
        private int _line;
        private int _pendingLine;

        /// <summary>Remembers where the next text comes from, for the location of the line it starts.</summary>
        public void Begin(INode node)
        {
            var line = LineOf(node);
            if (line > 0)
            {
                _pendingLine = line;
            }
        }

        public void Append(string text)
        {
            foreach (var ch in text)
            {
                if (ch is ' ' or '\t' or '\n' or '\r' or '\f' or '\u00A0')
                {
                    if (_text.Length > 0 && _text[^1] != ' ')
                    {
                        _text.Append(' ');
                    }
                }
                else
                {
                    if (_text.Length == 0)
                    {
                        _line = _pendingLine;
                    }

                    _text.Append(ch);
                }
            }
        }

        /// <summary>Preformatted text keeps its spaces; its line breaks end lines.</summary>
        public void AppendPreformatted(string text)
        {
            var parts = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    Flush();
                    _pendingLine++;
                }

                if (_text.Length == 0 && parts[i].Trim().Length > 0)
                {
                    _line = _pendingLine;
                }

                _text.Append(parts[i].Replace('\u00A0', ' '));
            }
        }

        public void Flush()
        {
            var text = _text.ToString().Trim();
            _text.Clear();
            if (text.Length > 0)
            {
                emit(text, _line);
            }
        }
    }

    /// <summary>Walks the body in document order, emitting paragraph lines and the rows of data tables.</summary>
    private sealed class DocumentWalker
    {
        private readonly ReadBudget _budget;
        private int _tables;

        public DocumentWalker(ReadBudget budget)
        {
            _budget = budget;
            Paragraphs = new LineBuilder((text, line) =>
            {
                _budget.AddCells(1);
                Lines.Add(new SourceLine([new SourceCell(text, new SourceLocation(Line: line > 0 ? line : null))]));
            });
        }

        public List<SourceLine> Lines { get; } = [];

        public List<Finding> Findings { get; } = [];

        public LineBuilder Paragraphs { get; }

        /// <summary>How many data tables the walk has read.</summary>
        public int Tables => _tables;

        public void Walk(INode node) => Visit(node, Paragraphs, tables: true, preformatted: false);

        /// <summary>
        /// Visits a node. With <paramref name="tables"/> false (inside a data-table cell) a table is read as plain
        /// blocks; that happens only for a table nested in a table the caller chose to read as data anyway.
        /// </summary>
        private void Visit(INode node, LineBuilder builder, bool tables, bool preformatted)
        {
            switch (node)
            {
                case IText text when preformatted:
                    builder.AppendPreformatted(text.Data);
                    return;
                case IText text:
                    builder.Append(text.Data);
                    return;
                case IElement element:
                    VisitElement(element, builder, tables, preformatted);
                    return;
            }
        }

        private void VisitElement(IElement element, LineBuilder builder, bool tables, bool preformatted)
        {
            _budget.Check();
            var name = element.LocalName;
            if (Skipped.Contains(name) || IsHidden(element))
            {
                return;
            }

            builder.Begin(element);
            if (name == "br")
            {
                builder.Flush();
                return;
            }

            if (name == "table" && tables && !IsLayoutTable(element))
            {
                builder.Flush();
                ReadDataTable(element);
                return;
            }

            var block = Blocks.Contains(name);
            if (block)
            {
                builder.Flush();
                builder.Begin(element);
            }

            var pre = preformatted || name is "pre" or "listing" or "plaintext" or "xmp";
            foreach (var child in element.ChildNodes)
            {
                Visit(child, builder, tables, pre);
            }

            if (block)
            {
                builder.Flush();
            }
        }

        private void ReadDataTable(IElement table)
        {
            var caption = table.Children.FirstOrDefault(child => child.LocalName == "caption");
            if (caption is not null)
            {
                Visit(caption, Paragraphs, tables: false, preformatted: false);
                Paragraphs.Flush();
            }

            var index = ++_tables;
            var rows = OwnRows(table).ToList();
            var grid = new TableGrid(index, _budget, rows.Count);
            for (var r = 0; r < rows.Count; r++)
            {
                var column = 0;
                foreach (var cell in rows[r].Children.Where(IsCell))
                {
                    column = grid.NextFreeColumn(r, column);
                    var rowSpan = Span(cell, "rowspan");
                    var colSpan = Math.Max(1, Span(cell, "colspan"));
                    column += grid.Place(r, column, rowSpan == 0 ? rows.Count - r : rowSpan, colSpan, CellText(cell));
                }
            }

            Lines.AddRange(grid.ToLines());
            if (grid.Finding is { } finding)
            {
                Findings.Add(finding);
            }
        }

        private string CellText(IElement cell)
        {
            var parts = new List<string>();
            var builder = new LineBuilder((text, _) => parts.Add(text));
            foreach (var child in cell.ChildNodes)
            {
                Visit(child, builder, tables: false, preformatted: false);
            }

            builder.Flush();
            return string.Join('\n', parts);
        }
    }

    /// <summary>
    /// Watches the parser's tokens as it reads them and stops it before a hostile page can cost much: a simplified
    /// model of the parser's stack of open elements and of its formatting tags left open bounds the nesting
    /// (<see cref="ReportReadLimits.MaxDepth"/>; a deep stack makes every later tag slow), and an estimate of the
    /// elements built — each tag may make the parser re-create every formatting tag left open — is checked against
    /// the real count whenever it passes a threshold (<see cref="ReportReadLimits.MaxElements"/>); when the real count
    /// grows several elements per tag (the parser is re-creating open formatting tags) and that pace over the tags
    /// still to come would pass the limit, the page is refused at once instead of being built up to it. It also remembers
    /// where tables start and end: a page cut off while downloading usually stops inside a table, which the parser
    /// would silently close, so that the report would look as if its last rows were missing.
    /// </summary>
    private sealed class MarkupGuard(ReadBudget budget, int startTags)
    {
        /// <summary>Real pages grow about one element per tag; re-created formatting tags make it many.</summary>
        private const int AmplifiedPace = 4;

        /// <summary>Elements whose end tag is optional and that close themselves: they never nest directly.</summary>
        private static readonly HashSet<string> NotNesting = new(StringComparer.Ordinal)
        {
            "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen",
            "link", "meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
            "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
        };

        /// <summary>Elements a second start tag closes first (the parser does not nest them in themselves).</summary>
        private static readonly HashSet<string> ClosedByItself = new(StringComparer.Ordinal) { "a", "nobr", "button", "form", "select" };

        private static readonly HashSet<string> Headings = new(StringComparer.Ordinal) { "h1", "h2", "h3", "h4", "h5", "h6" };

        private static readonly HashSet<string> Formatting = new(StringComparer.Ordinal)
        {
            "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
        };

        private readonly List<string> _open = [];
        private readonly List<(string Name, string Key)> _formatting = [];
        private readonly Stack<int> _tables = new();
        private IDocument? _document;
        private long _estimate;
        private long _threshold = 4096;
        private int _tags;
        private int _tagsAtCount;
        private long _elementsAtCount;

        public void Created(IElement element, TextPosition _) => _document ??= element.Owner;

        public void Token(HtmlToken token, TextRange range)
        {
            budget.Check();
            switch (token)
            {
                case HtmlTagToken { Type: HtmlTokenType.StartTag } start:
                    Start(start, range);
                    break;
                case HtmlTagToken { Type: HtmlTokenType.EndTag } end:
                    End(end.Name);
                    break;
                default:
                    return;
            }

            // Any tag may make the parser re-create the formatting tags left open.
            _estimate += 1 + _formatting.Count;
            if (_estimate > _threshold)
            {
                CountElements();
            }
        }

        public void RequireClosedTables()
        {
            if (_tables.Count > 0)
            {
                throw new ReportReadException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"HTML 文件不完整：第{_tables.Peek()}行开始的表格没有结束标记，文件可能被截断。请重新下载或另存完整网页。"));
            }
        }

        /// <summary>The final count, for pages whose last tags were cheap in the estimate.</summary>
        public void RequireElements(IDocument document)
        {
            _document ??= document;
            CountElements();
        }

        private void Start(HtmlTagToken tag, TextRange range)
        {
            _tags++;
            var name = tag.Name;
            if (name == "table")
            {
                _tables.Push(range.Start.Line);
            }

            if (NotNesting.Contains(name) || (tag.IsSelfClosing && (IsForeign() || name is "svg" or "math")))
            {
                return;
            }

            if (ClosedByItself.Contains(name))
            {
                PopTo(name);
            }
            else if (Headings.Contains(name) && _open.Count > 0 && Headings.Contains(_open[^1]))
            {
                _open.RemoveAt(_open.Count - 1);
            }

            _open.Add(name);
            budget.RequireDepth(_open.Count, "网页标记");
            if (Formatting.Contains(name))
            {
                AddFormatting(tag);
            }
        }

        private void End(string name)
        {
            if (name == "table")
            {
                _tables.TryPop(out _);
            }

            PopTo(name);
            if (Formatting.Contains(name))
            {
                var last = _formatting.FindLastIndex(entry => entry.Name == name);
                if (last >= 0)
                {
                    _formatting.RemoveAt(last);
                }
            }
        }

        /// <summary>
        /// The parser keeps at most three identical formatting tags (same name and attributes) open; different ones it
        /// keeps all, and re-creates them nested inside each other, so they count as depth.
        /// </summary>
        private void AddFormatting(HtmlTagToken tag)
        {
            var key = tag.Name + string.Concat(tag.Attributes.Select(a => " " + a.Name + "=" + a.Value));
            var same = 0;
            var first = -1;
            for (var i = _formatting.Count - 1; i >= 0; i--)
            {
                if (_formatting[i].Key == key)
                {
                    same++;
                    first = i;
                }
            }

            if (same >= 3)
            {
                _formatting.RemoveAt(first);
            }

            _formatting.Add((tag.Name, key));
            budget.RequireDepth(_formatting.Count, "未结束的格式标记（<b>、<font> 等）");
        }

        private void PopTo(string name)
        {
            var index = _open.LastIndexOf(name);
            if (index >= 0)
            {
                _open.RemoveRange(index, _open.Count - index);
            }
        }

        private bool IsForeign() => _open.Contains("svg") || _open.Contains("math");

        /// <summary>Counts the elements built so far, iteratively; the next count comes when the estimate doubles.</summary>
        private void CountElements()
        {
            if (_document is null)
            {
                return;
            }

            var count = 0L;
            var pending = new Stack<INode>();
            pending.Push(_document);
            while (pending.Count > 0)
            {
                var children = pending.Pop().ChildNodes;
                for (var i = 0; i < children.Length; i++)
                {
                    if (children[i] is IElement element)
                    {
                        count++;
                        pending.Push(element);
                    }
                }
            }

            var pace = (count - _elementsAtCount) / Math.Max(1, _tags - _tagsAtCount);
            if (count > budget.Limits.MaxElements
                || (pace >= AmplifiedPace && count + (pace * Math.Max(0, startTags - _tags)) > budget.Limits.MaxElements))
            {
                throw budget.TooManyElements();
            }

            _elementsAtCount = count;
            _tagsAtCount = _tags;
            _estimate = count;
            _threshold = Math.Max(2 * count, 4096);
        }
    }
}

using System.Globalization;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;

namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// Reads a text PDF in process with PdfPig, from the positions of its glyphs and the lines drawn on its pages.
/// <list type="bullet">
/// <item>Tables: the horizontal and vertical rules a page draws (stroked lines, thin filled rectangles, stroked
/// rectangles) that touch each other form a table. Its distinct rule positions cut it into a grid; two neighbouring
/// grid cells with no rule between them are one merged cell. Every glyph inside the table goes to its cell, so a label
/// wrapped over several lines of its cell, or a group label written character by character down a narrow column, reads
/// as one text. The table gives one line per grid row with the same conventions as HTML and DOCX: the origin of a
/// merged cell holds its text, the other positions it covers are <see cref="SourceCell.IsSpanned"/>. Locations are
/// <see cref="SourceLocation.InTable"/> with the <see cref="SourceLocation.Page"/>; tables are numbered in document
/// order.</item>
/// <item>Text outside tables is grouped into lines by baseline; a line is cut into cells where glyphs stand further
/// apart than one and a half characters (tables drawn without rules, page layouts in columns). Locations give the
/// page and the running number of the line. Page numbers and headers are text like any other.</item>
/// <item>Lines come in reading order: page by page, top to bottom.</item>
/// </list>
/// A PDF without text (a scan), an encrypted or damaged file, and one beyond the limits of pages, glyphs or rules give a
/// <see cref="ReportReadException"/> that says what to do.
/// </summary>
public static class PdfSource
{
    /// <summary>The most pages read: an annual report has a handful.</summary>
    public const int MaxPages = 300;

    /// <summary>The most glyphs on one page.</summary>
    public const int MaxLettersPerPage = 50_000;

    /// <summary>The most rule segments on one page used to find tables; beyond it the page is read as text.</summary>
    public const int MaxRulesPerPage = 4_000;

    /// <summary>The most grid cells of one table; beyond it the table is read as text.</summary>
    public const int MaxGridCells = 20_000;

    private const double Tolerance = 2.0;

    /// <exception cref="ReportReadException">The bytes are not a readable text PDF, or go beyond the limits above or
    /// <see cref="ReportReadLimits.Default"/>.</exception>
    public static SourceDocument Read(byte[] bytes, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(fileName);
        using var budget = new ReadBudget(ReportReadLimits.Default, Path.GetFileName(fileName), cancellationToken);
        return Read(bytes, budget);
    }

    /// <summary>As <see cref="Read(byte[], string, CancellationToken)"/>, within <paramref name="budget"/> (time and cells).</summary>
    internal static SourceDocument Read(byte[] bytes, ReadBudget budget)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var name = budget.FileName;
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException exception)
        {
            throw new ReportReadException($"PDF 文件“{name}”已加密，无法读取其中的文字。请向发布机关索取未加密的版本，或另存为网页（.html）、Word 文档（.docx）后再导入。", exception);
        }
        catch (Exception exception) when (IsDamage(exception))
        {
            throw Damaged(name, exception);
        }

        using (document)
        {
            var reader = new Reader(name, budget);
            try
            {
                if (document.NumberOfPages > MaxPages)
                {
                    throw new ReportReadException(string.Create(CultureInfo.InvariantCulture,
                        $"PDF 文件“{name}”有 {document.NumberOfPages} 页，超过 {MaxPages} 页的上限。年度报告只有几页：请确认上传的是报告本身。"));
                }

                for (var number = 1; number <= document.NumberOfPages; number++)
                {
                    budget.Check();
                    reader.Page(document.GetPage(number));
                }
            }
            catch (Exception exception) when (IsDamage(exception))
            {
                throw Damaged(name, exception);
            }

            if (!reader.HasText)
            {
                throw new ReportReadException(
                    $"PDF 文件“{name}”中没有可以提取的文字，可能是扫描件或图片。请改用网页（.html）或 Word 文档（.docx）版本，或先用文字识别（OCR）转换后再导入。");
            }

            return new SourceDocument(reader.Lines);
        }
    }

    /// <summary>What a damaged or hostile file makes PdfPig throw; our own refusals and cancellation pass through.</summary>
    private static bool IsDamage(Exception exception) =>
        exception is not (ReportReadException or OperationCanceledException or OutOfMemoryException);

    private static ReportReadException Damaged(string name, Exception cause) => new(
        $"无法读取 PDF 文件“{name}”：文件已损坏或不是 PDF（{cause.GetType().Name}）。请重新下载，或另存为网页（.html）、Word 文档（.docx）后再导入。",
        cause);

    private readonly record struct Rule(double At, double From, double To);

    /// <summary>A line on a page: a row of a table or a line of text, with the top of its text for reading order.</summary>
    private sealed record PlacedLine(double Top, SourceLine Line);

    private sealed class Reader(string name, ReadBudget budget)
    {
        private int _tables;
        private int _textLines;

        public List<SourceLine> Lines { get; } = [];

        public bool HasText { get; private set; }

        public void Page(Page page)
        {
            var letters = page.Letters;
            if (letters.Count > MaxLettersPerPage)
            {
                throw new ReportReadException(string.Create(CultureInfo.InvariantCulture,
                    $"PDF 文件“{name}”第{page.Number}页的字符超过 {MaxLettersPerPage:N0} 个的上限，无法读取。请确认上传的是年度报告本身。"));
            }

            var glyphs = new List<Letter>(letters.Count);
            foreach (var letter in letters)
            {
                if (!string.IsNullOrWhiteSpace(letter.Value))
                {
                    glyphs.Add(letter);
                }
            }

            HasText |= glyphs.Count > 0;
            var placed = new List<PlacedLine>();
            var inTables = new HashSet<Letter>();
            var (horizontal, vertical) = Rules(page);
            foreach (var table in Grid.Find(horizontal, vertical, budget))
            {
                var index = _tables + 1;
                var rows = table.Read(glyphs, inTables, index, page.Number, budget);
                if (rows.Count > 0)
                {
                    _tables = index;
                    placed.AddRange(rows);
                }
            }

            foreach (var line in TextLines(glyphs.Where(g => !inTables.Contains(g)).ToList()))
            {
                placed.Add(line with { Line = Number(line.Line, page.Number) });
            }

            budget.AddCells(placed.Sum(p => (long)p.Line.Cells.Count));
            Lines.AddRange(placed.OrderByDescending(p => p.Top).Select(p => p.Line));
        }

        private SourceLine Number(SourceLine line, int page)
        {
            var number = ++_textLines;
            return new SourceLine([.. line.Cells.Select(c => c with { Location = c.Location with { Line = number, Page = page } })]);
        }

        /// <summary>The rules of a page: horizontal (At = y) and vertical (At = x) segments, clipping paths left out.</summary>
        private (List<Rule> Horizontal, List<Rule> Vertical) Rules(Page page)
        {
            var horizontal = new List<Rule>();
            var vertical = new List<Rule>();
            foreach (var path in page.Paths)
            {
                if (path.IsClipping || (!path.IsStroked && !path.IsFilled))
                {
                    continue;
                }

                foreach (var subpath in path)
                {
                    if (horizontal.Count + vertical.Count > MaxRulesPerPage)
                    {
                        // More rules than any report table draws: read the page as text.
                        return ([], []);
                    }

                    AddRules(subpath, path.IsStroked, path.IsFilled, horizontal, vertical);
                }
            }

            budget.Check();
            return (horizontal, vertical);
        }

        private static void AddRules(PdfSubpath subpath, bool stroked, bool filled, List<Rule> horizontal, List<Rule> vertical)
        {
            if (subpath.GetBoundingRectangle() is not { } box)
            {
                return;
            }

            if (subpath.IsDrawnAsRectangle || filled)
            {
                if (box.Height <= 2.5 && box.Width > 2.5)
                {
                    horizontal.Add(new Rule((box.Bottom + box.Top) / 2, box.Left, box.Right));
                }
                else if (box.Width <= 2.5 && box.Height > 2.5)
                {
                    vertical.Add(new Rule((box.Left + box.Right) / 2, box.Bottom, box.Top));
                }
                else if (stroked && subpath.IsDrawnAsRectangle)
                {
                    horizontal.Add(new Rule(box.Bottom, box.Left, box.Right));
                    horizontal.Add(new Rule(box.Top, box.Left, box.Right));
                    vertical.Add(new Rule(box.Left, box.Bottom, box.Top));
                    vertical.Add(new Rule(box.Right, box.Bottom, box.Top));
                }

                return;
            }

            foreach (var command in subpath.Commands)
            {
                if (command is not PdfSubpath.Line line)
                {
                    continue;
                }

                var (a, b) = (line.From, line.To);
                if (Math.Abs(a.Y - b.Y) <= 1 && Math.Abs(a.X - b.X) > 2.5)
                {
                    horizontal.Add(new Rule((a.Y + b.Y) / 2, Math.Min(a.X, b.X), Math.Max(a.X, b.X)));
                }
                else if (Math.Abs(a.X - b.X) <= 1 && Math.Abs(a.Y - b.Y) > 2.5)
                {
                    vertical.Add(new Rule((a.X + b.X) / 2, Math.Min(a.Y, b.Y), Math.Max(a.Y, b.Y)));
                }
            }
        }
    }

    /// <summary>Lines of text outside tables: grouped by baseline, cut into cells at wide gaps.</summary>
    private static IEnumerable<PlacedLine> TextLines(List<Letter> letters)
    {
        foreach (var group in Baselines(letters))
        {
            var cells = new List<SourceCell>();
            var text = new StringBuilder();
            Letter? previous = null;
            var cellStart = 0.0;
            foreach (var letter in group.OrderBy(l => l.BoundingBox.Left))
            {
                if (previous is not null)
                {
                    var gap = letter.BoundingBox.Left - previous.BoundingBox.Right;
                    var size = Math.Max(previous.PointSize, 6);
                    if (gap > 1.5 * size)
                    {
                        cells.Add(Cell(text, cellStart));
                        text.Clear();
                        cellStart = letter.BoundingBox.Left;
                    }
                    else if (gap > 0.25 * size && !IsWide(previous.Value) && !IsWide(letter.Value))
                    {
                        text.Append(' ');
                    }
                }
                else
                {
                    cellStart = letter.BoundingBox.Left;
                }

                text.Append(letter.Value);
                previous = letter;
            }

            cells.Add(Cell(text, cellStart));
            yield return new PlacedLine(group.Max(l => l.BoundingBox.Top), new SourceLine(cells));
        }
    }

    /// <summary>A cell of a text line; its column is its left edge in characters of 6 points, for ordering and messages.</summary>
    private static SourceCell Cell(StringBuilder text, double left) =>
        new(text.ToString(), new SourceLocation(Column: 1 + (int)Math.Max(0, Math.Round(left / 6))));

    /// <summary>Chinese characters and full-width punctuation are set without spaces between them.</summary>
    private static bool IsWide(string glyph) => glyph.Length > 0 && glyph[0] >= '\u2E80';

    /// <summary>Glyphs grouped into lines by their baselines, top line first.</summary>
    private static List<List<Letter>> Baselines(List<Letter> letters)
    {
        var lines = new List<List<Letter>>();
        double? baseline = null;
        foreach (var letter in letters.OrderByDescending(l => l.StartBaseLine.Y).ThenBy(l => l.BoundingBox.Left))
        {
            var y = letter.StartBaseLine.Y;
            if (baseline is not { } b || Math.Abs(b - y) > Math.Max(2, letter.PointSize * 0.4))
            {
                lines.Add([]);
                baseline = y;
            }

            lines[^1].Add(letter);
        }

        return lines;
    }

    /// <summary>
    /// A table found from its rules: column edges <see cref="_xs"/> (left to right), row edges <see cref="_ys"/> (top
    /// to bottom), and for each grid cell the merged cell it belongs to.
    /// </summary>
    private sealed class Grid(List<double> xs, List<double> ys, int[,] owner, List<(int Top, int Left, int Bottom, int Right)> cells)
    {
        private readonly List<double> _xs = xs;
        private readonly List<double> _ys = ys;

        /// <summary>Groups rules that touch into tables and builds each table's grid.</summary>
        public static List<Grid> Find(List<Rule> horizontal, List<Rule> vertical, ReadBudget budget)
        {
            var count = horizontal.Count + vertical.Count;
            var parent = new int[count];
            for (var i = 0; i < count; i++)
            {
                parent[i] = i;
            }

            int Root(int i)
            {
                while (parent[i] != i)
                {
                    i = parent[i] = parent[parent[i]];
                }

                return i;
            }

            for (var i = 0; i < horizontal.Count; i++)
            {
                budget.Check();
                var h = horizontal[i];
                for (var j = 0; j < vertical.Count; j++)
                {
                    var v = vertical[j];
                    if (v.At >= h.From - Tolerance && v.At <= h.To + Tolerance && h.At >= v.From - Tolerance && h.At <= v.To + Tolerance)
                    {
                        parent[Root(i)] = Root(horizontal.Count + j);
                    }
                }
            }

            var grids = new List<Grid>();
            foreach (var group in Enumerable.Range(0, count).GroupBy(Root))
            {
                var hs = group.Where(i => i < horizontal.Count).Select(i => horizontal[i]).ToList();
                var vs = group.Where(i => i >= horizontal.Count).Select(i => vertical[i - horizontal.Count]).ToList();
                if (Build(hs, vs) is { } grid)
                {
                    grids.Add(grid);
                }
            }

            return grids;
        }

        private static Grid? Build(List<Rule> hs, List<Rule> vs)
        {
            if (hs.Count < 2 || vs.Count < 2)
            {
                return null;
            }

            var xs = Distinct(vs.Select(v => v.At));
            var ys = Distinct(hs.Select(h => h.At));
            ys.Reverse();
            var rows = ys.Count - 1;
            var columns = xs.Count - 1;
            if (rows < 1 || columns < 1 || rows * columns > MaxGridCells)
            {
                return null;
            }

            // Neighbouring grid cells with no rule between them are one cell.
            var parent = new int[rows * columns];
            for (var i = 0; i < parent.Length; i++)
            {
                parent[i] = i;
            }

            int Root(int i)
            {
                while (parent[i] != i)
                {
                    i = parent[i] = parent[parent[i]];
                }

                return i;
            }

            for (var r = 0; r < rows; r++)
            {
                var middleY = (ys[r] + ys[r + 1]) / 2;
                for (var c = 0; c < columns; c++)
                {
                    var middleX = (xs[c] + xs[c + 1]) / 2;
                    if (c + 1 < columns && !vs.Any(v => Math.Abs(v.At - xs[c + 1]) <= Tolerance && v.From <= middleY + Tolerance && v.To >= middleY - Tolerance))
                    {
                        parent[Root(r * columns + c)] = Root(r * columns + c + 1);
                    }

                    if (r + 1 < rows && !hs.Any(h => Math.Abs(h.At - ys[r + 1]) <= Tolerance && h.From <= middleX + Tolerance && h.To >= middleX - Tolerance))
                    {
                        parent[Root(r * columns + c)] = Root((r + 1) * columns + c);
                    }
                }
            }

            var ids = new Dictionary<int, int>();
            var owner = new int[rows, columns];
            var cells = new List<(int Top, int Left, int Bottom, int Right)>();
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    var root = Root(r * columns + c);
                    if (!ids.TryGetValue(root, out var id))
                    {
                        id = cells.Count;
                        ids[root] = id;
                        cells.Add((r, c, r, c));
                    }

                    owner[r, c] = id;
                    var cell = cells[id];
                    cells[id] = (Math.Min(cell.Top, r), Math.Min(cell.Left, c), Math.Max(cell.Bottom, r), Math.Max(cell.Right, c));
                }
            }

            return new Grid(xs, ys, owner, cells);
        }

        private static List<double> Distinct(IEnumerable<double> values)
        {
            var result = new List<double>();
            foreach (var value in values.Order())
            {
                if (result.Count == 0 || value - result[^1] > Tolerance)
                {
                    result.Add(value);
                }
            }

            return result;
        }

        /// <summary>Puts the glyphs inside the table into its cells and gives one line per grid row; none when the table holds no text.</summary>
        public List<PlacedLine> Read(List<Letter> letters, HashSet<Letter> taken, int tableIndex, int page, ReadBudget budget)
        {
            var inCell = new List<Letter>[cells.Count];
            var any = false;
            foreach (var letter in letters)
            {
                var box = letter.BoundingBox;
                var x = (box.Left + box.Right) / 2;
                var y = (box.Bottom + box.Top) / 2;
                if (x <= _xs[0] || x >= _xs[^1] || y >= _ys[0] || y <= _ys[^1])
                {
                    continue;
                }

                var column = _xs.FindLastIndex(edge => edge <= x);
                var row = _ys.FindLastIndex(edge => edge >= y);
                var id = owner[row, column];
                (inCell[id] ??= []).Add(letter);
                taken.Add(letter);
                any = true;
            }

            if (!any)
            {
                return [];
            }

            var grid = new TableGrid(tableIndex, budget, _ys.Count - 1);
            for (var id = 0; id < cells.Count; id++)
            {
                var (top, left, bottom, right) = cells[id];
                grid.Place(top, left, bottom - top + 1, right - left + 1, inCell[id] is { } glyphs ? Text(glyphs) : "");
            }

            var lines = new List<PlacedLine>();
            var r = 0;
            foreach (var line in grid.ToLines())
            {
                lines.Add(new PlacedLine(_ys[r++], new SourceLine([.. line.Cells.Select(c => c with { Location = c.Location with { Page = page } })], tableIndex)));
            }

            return lines;
        }

        /// <summary>The text of one cell: its lines top to bottom joined without a break (Chinese labels wrap mid-word).</summary>
        private static string Text(List<Letter> letters)
        {
            var text = new StringBuilder();
            foreach (var line in Baselines(letters))
            {
                Letter? previous = null;
                foreach (var letter in line.OrderBy(l => l.BoundingBox.Left))
                {
                    if (previous is not null && letter.BoundingBox.Left - previous.BoundingBox.Right > 0.25 * Math.Max(previous.PointSize, 6)
                        && !IsWide(previous.Value) && !IsWide(letter.Value))
                    {
                        text.Append(' ');
                    }

                    text.Append(letter.Value);
                    previous = letter;
                }
            }

            return text.ToString().Trim();
        }
    }
}

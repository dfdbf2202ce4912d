using System.Text.RegularExpressions;

namespace Gongkai.AnnualReports.Parsing.Recognition;

/// <summary>
/// Text copied or crawled from a web page often holds a whole table — or the whole report — on one line, cells run
/// together: <c>一、本年新收政府信息公开申请数量21710000218二、上年结转…</c>. This pass rewrites such a line into
/// the one-label-per-line form the table readers already read: each statutory heading, each label and each run of
/// numbers on a line of its own (numbers separated by spaces become cells of that line). The narrative between the
/// tables stays whole. Where digits ran together the cell is one run (<c>21710000218</c>); the table readers part it
/// with the table's identities (<see cref="ValueSplitter"/>).
/// </summary>
/// <remarks>
/// A line is flattened when it holds at least two of the tables' strong labels (本年新收…, 第二十条第, 结果维持,
/// 结转下年度…). Inside a table region, text is cut before each numbering mark (一、 （一） 1.) and around each label of
/// the national format (longest first), and a number is cut off where the next row's number ("…00000002.其他法律…")
/// begins. Locations keep the source line and give the column where each piece starts.
/// </remarks>
internal static partial class FlatTables
{
    /// <summary>The most characters in a row, neither numbers nor labels, that a table region may hold.</summary>
    private const int MaxUnknownRun = 30;

    private static readonly string[] StrongAnchors =
        ["本年新收政府信息公开申请数量", "第二十条第", "结果维持", "结转下年度继续办理", "上年结转政府信息公开申请数量", "勾稽关系"];

    /// <summary>Every label of the three tables, folded, longest first: the words a flattened table is cut at.</summary>
    private static readonly string[] Words = BuildWords();

    private static readonly (int Section, string Body)[] SectionBodies =
        [.. LabelMatcher.SectionHeadingWordings.Select(w => ((int)w.Key, Fold(w.Body))).OrderByDescending(w => w.Item2.Length)];

    public static SourceDocument Unflatten(SourceDocument document)
    {
        List<SourceLine>? lines = null;
        for (var i = 0; i < document.Lines.Count; i++)
        {
            var line = document.Lines[i];
            if (line.Cells.Count == 1 && IsFlattened(line.Cells[0].Text))
            {
                lines ??= [.. document.Lines.Take(i)];
                lines.AddRange(Split(line.Cells[0]));
            }
            else if (line.Cells.Count == 1 && SpacedRow(line.Cells[0]) is { } row)
            {
                lines ??= [.. document.Lines.Take(i)];
                lines.Add(row);
            }
            else
            {
                lines?.Add(line);
            }
        }

        return lines is null ? document : new SourceDocument(lines) { Findings = document.Findings };
    }

    /// <summary>
    /// A row copied as one line with its cells apart by spaces, "行政许可 97" or "3.其他 4 0 0 0 0 0 4": a label of the
    /// tables followed only by numbers. Returns the line with the label and each number as cells, or null.
    /// </summary>
    private static SourceLine? SpacedRow(SourceCell cell)
    {
        var text = cell.Text;
        if (text.Length > 200)
        {
            return null;
        }

        var match = SpacedRowPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var label = match.Groups["label"].Value.Trim();
        var canonical = LabelText.Canonical(label);
        if (!LabelMatcher.IsTable2Row(canonical) && LabelMatcher.MatchTable3Row(canonical) is null
            && LabelMatcher.MatchTable4Block(canonical) is null)
        {
            return null;
        }

        var cells = new List<SourceCell> { new(label, cell.Location) };
        foreach (Capture number in match.Groups["number"].Captures)
        {
            cells.Add(new SourceCell(number.Value, At(cell, number.Index)));
        }

        return new SourceLine(cells);
    }

    private static bool IsFlattened(string text)
    {
        if (text.Length < 60)
        {
            return false;
        }

        var folded = Fold(text);
        var anchors = 0;
        foreach (var anchor in StrongAnchors)
        {
            if (folded.Contains(anchor, StringComparison.Ordinal) && ++anchors >= 2)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Cuts one flattened line into headings, narrative paragraphs, labels and number runs.</summary>
    private static List<SourceLine> Split(SourceCell cell)
    {
        var text = cell.Text;
        var folded = Fold(text);
        var result = new List<SourceLine>();
        var headings = FindHeadings(folded);
        var start = 0;
        foreach (var (position, length) in headings)
        {
            Body(cell, folded, start, position, result);
            result.Add(Piece(cell, position, position + length));
            start = position + length;
        }

        Body(cell, folded, start, text.Length, result);
        return result;
    }

    /// <summary>The text between two headings: narrative, then the table region if there is one, then narrative.</summary>
    private static void Body(SourceCell cell, string folded, int start, int end, List<SourceLine> result)
    {
        var region = TableRegion(folded, start, end);
        if (region is not { } table)
        {
            AddParagraph(cell, start, end, result);
            return;
        }

        AddParagraph(cell, start, table.Start, result);
        CutTable(cell, folded, table.Start, table.End, result);
        AddParagraph(cell, table.End, end, result);
    }

    /// <summary>
    /// Where a table stands between <paramref name="start"/> and <paramref name="end"/>: from the first label of the
    /// tables (walking back over labels that directly precede it) to the end of the last number that follows a label.
    /// </summary>
    private static (int Start, int End)? TableRegion(string folded, int start, int end)
    {
        var first = -1;
        foreach (var anchor in StrongAnchors)
        {
            var at = folded.IndexOf(anchor, start, end - start, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }

        if (first < 0)
        {
            return null;
        }

        // The label the anchor is part of ("(本列数据的勾稽关系为…)"), and labels right before it (行政复议行政诉讼
        // before 结果维持, 申请人情况 before the note …), are the table's.
        var regionStart = WordCovering(folded, start, first);
        while (true)
        {
            var before = WordEndingAt(folded, start, regionStart);
            if (before < 0)
            {
                break;
            }

            regionStart = before;
        }

        // The table ends with its last number; what follows is narrative again once a sentence ends or many
        // characters pass that are neither numbers nor labels (a label with a typo is still short).
        var regionEnd = regionStart;
        var unknown = 0;
        for (var i = regionStart; i < end;)
        {
            if (YearAt(folded, i, end))
            {
                // "…行政事业性收费02025年，我局…": a year starts the narrative that follows the table.
                break;
            }

            if (char.IsAsciiDigit(folded[i]))
            {
                regionEnd = i + 1;
                unknown = 0;
                i++;
            }
            else if (WordAt(folded, i, end) is { } word)
            {
                unknown = 0;
                i += word;
            }
            else if (folded[i] == '。' || ++unknown > MaxUnknownRun)
            {
                break;
            }
            else
            {
                i++;
            }
        }

        return regionEnd > regionStart ? (regionStart, regionEnd) : null;
    }

    /// <summary>A year written as the start of a sentence: four digits 19xx or 20xx followed by 年.</summary>
    private static bool YearAt(string folded, int i, int end) =>
        i + 4 < end && folded[i + 4] == '年' && folded[i] is '1' or '2' && (folded[i] == '2' ? folded[i + 1] == '0' : folded[i + 1] == '9')
        && char.IsAsciiDigit(folded[i + 2]) && char.IsAsciiDigit(folded[i + 3]);

    /// <summary>Cuts a table region into label lines and number lines.</summary>
    private static void CutTable(SourceCell cell, string folded, int start, int end, List<SourceLine> result)
    {
        var pieceStart = start;
        var i = start;
        while (i < end)
        {
            var c = folded[i];
            if (char.IsAsciiDigit(c))
            {
                var numberEnd = NumberRunEnd(folded, i, end, out var numberingAt);
                AddText(cell, folded, pieceStart, i, result);
                AddNumbers(cell, folded, i, numberingAt ?? numberEnd, result);
                pieceStart = numberingAt ?? numberEnd;
                i = numberEnd;
                continue;
            }

            if (BlockHeader().Match(folded, i) is { Success: true, Index: var at } block && at == i)
            {
                AddText(cell, folded, pieceStart, i, result);
                result.Add(Piece(cell, i, i + block.Length));
                i += block.Length;
                pieceStart = i;
                continue;
            }

            if (NumberingAt(folded, i) is { } numbering && i > pieceStart)
            {
                AddText(cell, folded, pieceStart, i, result);
                pieceStart = i;
                i += numbering;
                continue;
            }

            if (WordAt(folded, i, end) is { } word)
            {
                // A label right after its numbering mark stays with it ("1." + "属于国家秘密").
                if (i > pieceStart && !IsOnlyNumbering(folded, pieceStart, i))
                {
                    AddText(cell, folded, pieceStart, i, result);
                    pieceStart = i;
                }

                i += word;
                AddText(cell, folded, pieceStart, i, result);
                pieceStart = i;
                continue;
            }

            i++;
        }

        AddText(cell, folded, pieceStart, end, result);
    }

    /// <summary>
    /// The end of the number run at <paramref name="start"/>: digits, decimal points between digits, and spaces between
    /// numbers. When the run ends in a row's own number ("0000000" + "2" + ".其他…"), <paramref name="numberingAt"/>
    /// is where that number starts.
    /// </summary>
    private static int NumberRunEnd(string folded, int start, int end, out int? numberingAt)
    {
        numberingAt = null;
        var i = start;
        while (i < end)
        {
            var c = folded[i];
            if (char.IsAsciiDigit(c) || c == ' ' || c == '\u00A0' || c == '\t')
            {
                i++;
            }
            else if (c == '-' && i + 1 < end && char.IsAsciiDigit(folded[i + 1]))
            {
                // A minus sign (2019's 本年增/减 may be negative) starts the next number of the run.
                i++;
            }
            else if (c == '.' && i + 1 < end && char.IsAsciiDigit(folded[i + 1]) && i > start && char.IsAsciiDigit(folded[i - 1]))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        while (i > start && !char.IsAsciiDigit(folded[i - 1]))
        {
            i--;
        }

        // "…0000000" followed by "2.其他": the last digit numbers the next row.
        if (i < end && i - 1 >= start && folded[i] is '.' or '、' && i + 1 < end && !char.IsAsciiDigit(folded[i + 1]))
        {
            numberingAt = i - 1;
        }

        return i;
    }

    private static void AddNumbers(SourceCell cell, string folded, int start, int end, List<SourceLine> result)
    {
        var cells = new List<SourceCell>();
        var i = start;
        while (i < end)
        {
            while (i < end && !char.IsAsciiDigit(folded[i]))
            {
                i++;
            }

            var tokenStart = i > start && folded[i - 1] == '-' ? i - 1 : i;
            while (i < end && (char.IsAsciiDigit(folded[i]) || folded[i] == '.'))
            {
                i++;
            }

            if (i > tokenStart)
            {
                cells.Add(new SourceCell(cell.Text[tokenStart..i], At(cell, tokenStart)));
            }
        }

        if (cells.Count > 0)
        {
            result.Add(new SourceLine(cells));
        }
    }

    private static void AddText(SourceCell cell, string folded, int start, int end, List<SourceLine> result)
    {
        while (start < end && char.IsWhiteSpace(folded[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(folded[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            result.Add(Piece(cell, start, end));
        }
    }

    private static void AddParagraph(SourceCell cell, int start, int end, List<SourceLine> result)
    {
        var text = cell.Text[start..end].Trim();
        if (text.Length > 0)
        {
            result.Add(new SourceLine([new SourceCell(text, At(cell, start))]));
        }
    }

    private static SourceLine Piece(SourceCell cell, int start, int end) =>
        new([new SourceCell(cell.Text[start..end].Trim(), At(cell, start))]);

    /// <summary>The location of the character at <paramref name="offset"/> of the cell's text.</summary>
    private static SourceLocation At(SourceCell cell, int offset) =>
        cell.Location.Column is { } column ? cell.Location with { Column = column + offset } : cell.Location;

    /// <summary>
    /// The statutory headings inside the line, in order: a numeral and "、" followed by a heading's words (one or two
    /// characters may differ: 行政法复议).
    /// </summary>
    private static List<(int Position, int Length)> FindHeadings(string folded)
    {
        // Sections are known by their words, not their numbers: a report that merged two sections numbers the
        // review-and-litigation section 三、. They come in order, so each heading is looked for after the last.
        var found = new List<(int, int)>();
        var nextSection = 0;
        for (var i = 0; i + 2 < folded.Length && nextSection < NationalFormat.Sections.Count; i++)
        {
            if (folded[i + 1] != '、' || "一二三四五六七八".IndexOf(folded[i], StringComparison.Ordinal) < 0)
            {
                continue;
            }

            foreach (var (section, body) in SectionBodies)
            {
                if (section >= nextSection && MatchBody(folded, i + 2, body) is { } length)
                {
                    found.Add((i, length + 2));
                    nextSection = section + 1;
                    i += length + 1;
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>The length of <paramref name="body"/> as written at <paramref name="at"/>: exactly, or with one character added, missing or changed.</summary>
    private static int? MatchBody(string folded, int at, string body)
    {
        if (string.CompareOrdinal(folded, at, body, 0, body.Length) == 0)
        {
            return body.Length;
        }

        foreach (var length in (int[])[body.Length + 1, body.Length - 1, body.Length])
        {
            if (at + length > folded.Length || length < 4)
            {
                continue;
            }

            if (LabelText.Similarity(folded.Substring(at, length), body) >= 0.85)
            {
                return length;
            }
        }

        return null;
    }

    private static int? NumberingAt(string folded, int i)
    {
        var match = Numbering().Match(folded, i);
        return match.Success && match.Index == i ? match.Length : null;
    }

    private static bool IsOnlyNumbering(string folded, int start, int end) =>
        NumberingAt(folded, start) is { } length && start + length == end;

    /// <summary>The length of the longest label of the tables that starts at <paramref name="i"/>.</summary>
    private static int? WordAt(string folded, int i, int end)
    {
        foreach (var word in Words)
        {
            if (word.Length <= end - i && string.CompareOrdinal(folded, i, word, 0, word.Length) == 0)
            {
                return word.Length;
            }
        }

        return null;
    }

    /// <summary>The start of the longest label that covers <paramref name="position"/>, or the position itself.</summary>
    private static int WordCovering(string folded, int start, int position)
    {
        foreach (var word in Words)
        {
            for (var at = Math.Max(start, position - word.Length + 1); at <= position; at++)
            {
                if (at + word.Length <= folded.Length && string.CompareOrdinal(folded, at, word, 0, word.Length) == 0)
                {
                    return at;
                }
            }
        }

        return position;
    }

    /// <summary>The start of a label that ends exactly at <paramref name="end"/> (not before <paramref name="start"/>), or -1.</summary>
    private static int WordEndingAt(string folded, int start, int end)
    {
        foreach (var word in Words)
        {
            var at = end - word.Length;
            if (at >= start && string.CompareOrdinal(folded, at, word, 0, word.Length) == 0)
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>Full-width ASCII to half-width and curly quotes to straight, one character for one.</summary>
    internal static string Fold(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                '“' or '”' or '「' or '」' => '"',
                _ => c,
            };
        }
    });

    private static string[] BuildWords()
    {
        var labels = new List<string>
        {
            NationalFormat.InformationContent, NationalFormat.ApplicantGroup, NationalFormat.LegalPersonGroup,
            NationalFormat.Table3Note, NationalFormat.Reconsideration, NationalFormat.Litigation,
        };
        foreach (var format in Enum.GetValues<ReportFormat>())
        {
            foreach (var block in NationalFormat.Table2Blocks(format))
            {
                labels.AddRange(block.ColumnLabels);
                labels.AddRange(block.Rows.Select(r => r.Label));
            }

            foreach (var row in NationalFormat.Table3Rows(format))
            {
                labels.Add(StripNumbering(row.Label));
                if (row.Group is { } group)
                {
                    labels.Add(StripNumbering(group));
                }
            }
        }

        labels.AddRange(NationalFormat.Table3ColumnLabels);
        labels.AddRange(NationalFormat.Table4BlockLabels);
        labels.AddRange(NationalFormat.Table4ColumnLabels);

        // 2021's table 二 still says 规范性文件 in many reports.
        labels.Add("规范性文件");
        return [.. labels.Select(Fold).Distinct(StringComparer.Ordinal).OrderByDescending(w => w.Length)];
    }

    private static string StripNumbering(string label)
    {
        var folded = Fold(label);
        var match = Numbering().Match(folded);
        return match.Success && match.Index == 0 ? label[match.Length..] : label;
    }

    [GeneratedRegex(@"^\s*(?<label>[^\d\s][^\t]*?[^\d\s.、])(?:[ \u00A0\u3000]+(?<number>-?\d[\d,]*(?:\.\d+)?|/|-|—))+\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SpacedRowPattern();

    [GeneratedRegex(@"\G(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|[1-9][.、])", RegexOptions.CultureInvariant)]
    private static partial Regex Numbering();

    [GeneratedRegex(@"\G第二十条第\([一二三四五六七八九十]+\)项", RegexOptions.CultureInvariant)]
    private static partial Regex BlockHeader();
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Gongkai.Fuzz;

/// <summary>
/// A deterministic stream of mutated inputs: input <c>i</c> of campaign <c>seed</c> is always the same bytes, made
/// from one seed file by one to three mutations chosen by a generator seeded with (seed, i) alone — so a crashing or
/// slow input is rebuilt from its number, and a test run is the same on every machine.
/// </summary>
public sealed partial class Campaign
{
    private static readonly string[] Extensions = [".txt", ".md", ".html", ".htm", ".docx", ".json", ".doc", "", ".xyz", ".TXT", ".Html"];

    private static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding("GB18030")!;

    private readonly IReadOnlyList<Seed> _seeds;
    private readonly Seed[] _textSeeds;
    private readonly double[] _weights;
    private readonly long _seed;
    private readonly List<(string Name, Func<Random, Seed, Work, bool> Applies, Action<Random, Work> Apply)> _operators;

    public Campaign(IReadOnlyList<Seed> seeds, long seed)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        _seeds = seeds;
        _seed = seed;
        _textSeeds = [.. seeds.Where(s => s.IsText && s.Bytes.Length > 0)];

        // pdftotext is a process per input: PDF seeds are picked rarely so that they do not set the pace.
        _weights = [.. seeds.Select(s => s.Extension == ".pdf" ? 0.1 : 1.0)];
        _operators =
        [
            ("flip", Always, FlipBytes),
            ("interesting-bytes", Always, InterestingBytes),
            ("truncate", Always, Truncate),
            ("delete-range", Always, DeleteRange),
            ("duplicate-range", Always, DuplicateRange),
            ("wrong-extension", (r, s, w) => r.Next(3) == 0, WrongExtension),
            ("splice-lines", Text, (r, w) => w.EditText(text => SpliceLines(r, text))),
            ("tabs-pipes", Text, (r, w) => w.EditText(text => TabsAndPipes(r, text))),
            ("huge-numbers", Text, (r, w) => w.EditText(text => HugeNumbers(r, text))),
            ("control-characters", Text, (r, w) => w.EditText(text => ControlCharacters(r, text))),
            ("encoding", Text, Reencode),
            ("bad-utf8", Text, BadUtf8),
            ("html-nesting", Html, (r, w) => w.EditText(text => Nest(r, text))),
            ("html-spans", Html, (r, w) => w.EditText(text => Spans(r, text))),
            ("html-entities", Html, (r, w) => w.EditText(text => Entities(r, text))),
            ("html-charset", Html, (r, w) => w.EditText(text => Charset(r, text))),
            ("html-markup", Html, (r, w) => w.EditText(text => BreakMarkup(r, text))),
            ("html-formatting", Html, (r, w) => w.EditText(text => OpenFormatting(r, text))),
            ("docx-nesting", Docx, (r, w) => w.EditDocument(xml => DocxNest(r, xml))),
            ("docx-spans", Docx, (r, w) => w.EditDocument(xml => DocxSpans(r, xml))),
            ("docx-entities", Docx, (r, w) => w.EditDocument(xml => DocxEntities(r, xml))),
            ("docx-text", Docx, (r, w) => w.EditDocument(xml => DocxText(r, xml))),
            ("docx-parts", Docx, DocxParts),
            ("docx-bomb", Docx, DocxBomb),
            ("zip-damage", Docx, ZipDamage),
            ("json-nesting", Json, (r, w) => w.EditText(text => JsonNest(r, text))),
            ("json-strings", Json, (r, w) => w.EditText(text => JsonStrings(r, text))),
            ("json-values", Json, (r, w) => w.EditText(text => JsonValues(r, text))),
        ];
    }

    public IReadOnlyList<Seed> Seeds => _seeds;

    /// <summary>Input <paramref name="index"/> of this campaign.</summary>
    public FuzzInput Input(long index)
    {
        var random = new Random(Mix(_seed, index));
        var source = _seeds[Pick(random)];
        var work = new Work(source);
        var count = 1 + random.Next(3);
        var names = new List<string>();
        for (var applied = 0; applied < count;)
        {
            var (name, applies, apply) = _operators[random.Next(_operators.Count)];
            if (!applies(random, source, work))
            {
                continue;
            }

            try
            {
                apply(random, work);
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidDataException or IOException or NotSupportedException)
            {
                // A mutation that cannot be applied to what earlier ones made (a package with an entry the writer
                // refuses, say) leaves the input as it was; the same input number always fails the same way.
                name += " (not applicable)";
            }

            names.Add(name);
            applied++;
        }

        var stem = Path.GetFileNameWithoutExtension(source.Name);
        return new FuzzInput(
            string.Create(CultureInfo.InvariantCulture, $"#{index} {source.Name}: {string.Join(", ", names)}"),
            stem + work.Extension,
            work.Bytes);
    }

    /// <summary>A 31-bit seed from the campaign seed and the input number (SplitMix64).</summary>
    private static int Mix(long seed, long index)
    {
        unchecked
        {
            var z = (ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)index + 0x632BE59BD9B4E019UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
        }
    }

    private int Pick(Random random)
    {
        var target = random.NextDouble() * _weights.Sum();
        for (var i = 0; i < _weights.Length; i++)
        {
            target -= _weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return _weights.Length - 1;
    }

    private static bool Always(Random random, Seed seed, Work work) => true;

    private static bool Text(Random random, Seed seed, Work work) => seed.IsText;

    private static bool Html(Random random, Seed seed, Work work) => seed.Extension == ".html";

    private static bool Docx(Random random, Seed seed, Work work) => seed.Extension == ".docx";

    private static bool Json(Random random, Seed seed, Work work) => seed.Extension == ".json";

    // ---- bytes ----------------------------------------------------------------------------------------------

    private static void FlipBytes(Random random, Work work)
    {
        var bytes = work.Bytes;
        for (var i = 1 + random.Next(16); i > 0 && bytes.Length > 0; i--)
        {
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        }
    }

    private static readonly byte[] Interesting = [0x00, 0xFF, 0x7F, 0x80, 0x1A, 0x0B, 0x0C, 0xEF, 0xBB, 0xBF, 0xFE, 0xED, (byte)'<', (byte)'>', (byte)'"', (byte)'&', (byte)'\t', (byte)'|', (byte)'\n'];

    private static void InterestingBytes(Random random, Work work)
    {
        var bytes = work.Bytes;
        for (var i = 1 + random.Next(8); i > 0 && bytes.Length > 0; i--)
        {
            bytes[random.Next(bytes.Length)] = Interesting[random.Next(Interesting.Length)];
        }
    }

    private static void Truncate(Random random, Work work) => work.Bytes = work.Bytes[..random.Next(work.Bytes.Length + 1)];

    private static void DeleteRange(Random random, Work work)
    {
        var bytes = work.Bytes;
        if (bytes.Length < 2)
        {
            return;
        }

        var start = random.Next(bytes.Length);
        var length = Math.Min(bytes.Length - start, 1 + random.Next(Math.Min(4096, bytes.Length)));
        work.Bytes = [.. bytes[..start], .. bytes[(start + length)..]];
    }

    private static void DuplicateRange(Random random, Work work)
    {
        var bytes = work.Bytes;
        if (bytes.Length < 2)
        {
            return;
        }

        var start = random.Next(bytes.Length);
        var range = bytes[start..Math.Min(bytes.Length, start + 1 + random.Next(4096))];
        var at = random.Next(bytes.Length);
        var times = random.Next(10) == 0 ? 1 + random.Next(200) : 1;
        var copies = Enumerable.Repeat(range, times).SelectMany(r => r);
        work.Bytes = [.. bytes[..at], .. copies, .. bytes[at..]];
    }

    private static void WrongExtension(Random random, Work work) =>
        work.Extension = random.Next(50) == 0 ? ".pdf" : Extensions[random.Next(Extensions.Length)];

    // ---- text ------------------------------------------------------------------------------------------------

    private string SpliceLines(Random random, string text)
    {
        var lines = text.Split('\n').ToList();
        for (var i = 1 + random.Next(5); i > 0; i--)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(4))
            {
                case 0 when lines.Count > 1:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(at, lines[random.Next(lines.Count)]);
                    break;
                case 2:
                    (lines[at], lines[random.Next(lines.Count)]) = (lines[random.Next(lines.Count)], lines[at]);
                    break;
                default:
                    var other = Encoding.UTF8.GetString(_textSeeds[random.Next(_textSeeds.Length)].Bytes).Split('\n');
                    var from = random.Next(other.Length);
                    lines.InsertRange(at, other[from..Math.Min(other.Length, from + 1 + random.Next(20))]);
                    break;
            }
        }

        return string.Join('\n', lines);
    }

    private static string TabsAndPipes(Random random, string text)
    {
        var builder = new StringBuilder(text);
        for (var i = 1 + random.Next(8); i > 0; i--)
        {
            var run = random.Next(100) == 0 ? 10_000 + random.Next(200_000) : 1 + random.Next(8);
            builder.Insert(random.Next(builder.Length + 1), random.Next(2) == 0 ? "\t" : "|", run);
        }

        return builder.ToString();
    }

    private static readonly string[] NumberShapes =
    [
        "99999999999999999999999999999", "-99999999999999999999999999999", "79228162514264337593543950335",
        "1e999", "0.000000000000000000000000000001", "１２３４５６７８９０１２３４５６７８９０", "1,234,567,890,123,456,789,012,345",
        "-0", "+7", "NaN", "∞", "٣",
    ];

    private static string HugeNumbers(Random random, string text)
    {
        var matches = Digits().Matches(text);
        if (matches.Count == 0)
        {
            return text + NumberShapes[random.Next(NumberShapes.Length)];
        }

        var builder = new StringBuilder(text);
        foreach (var match in matches.OrderByDescending(m => m.Index).Where(_ => random.Next(4) == 0).Take(20))
        {
            var replacement = random.Next(3) == 0
                ? new string('9', 20 + random.Next(400))
                : NumberShapes[random.Next(NumberShapes.Length)];
            builder.Remove(match.Index, match.Length).Insert(match.Index, replacement);
        }

        return builder.ToString();
    }

    private static readonly string[] Controls = ["\0", "\u001A", "\v", "\f", "\u001B", "\u2028", "\uFEFF", "\uFFFE", "\uFFFF", "\u0085", "\r", "\u200B"];

    private static string ControlCharacters(Random random, string text)
    {
        var builder = new StringBuilder(text);
        for (var i = 1 + random.Next(10); i > 0; i--)
        {
            builder.Insert(random.Next(builder.Length + 1), Controls[random.Next(Controls.Length)]);
        }

        return builder.ToString();
    }

    private static void Reencode(Random random, Work work)
    {
        var text = work.Text;
        byte[] body = random.Next(7) switch
        {
            0 => Encoding.Unicode.GetBytes(text),
            1 => Encoding.BigEndianUnicode.GetBytes(text),
            2 => Gb18030.GetBytes(text),
            3 => Encoding.UTF32.GetBytes(text),
            4 => Encoding.Latin1.GetBytes(text),
            5 => Encoding.UTF8.GetBytes(text),
            _ => [.. Encoding.Unicode.GetBytes(text), 0xD8],
        };
        byte[][] marks = [[], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0x00, 0x00], [0x2B, 0x2F, 0x76]];
        work.Bytes = [.. marks[random.Next(marks.Length)], .. body];
    }

    private static void BadUtf8(Random random, Work work)
    {
        byte[][] broken = [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE4, 0xB8], [0x80, 0x80, 0x80], [0xF0, 0x9F]];
        var bytes = work.Bytes.ToList();
        for (var i = 1 + random.Next(4); i > 0; i--)
        {
            bytes.InsertRange(random.Next(bytes.Count + 1), broken[random.Next(broken.Length)]);
        }

        work.Bytes = [.. bytes];
    }

    // ---- HTML ------------------------------------------------------------------------------------------------

    private static readonly string[] NestingTags = ["div", "b", "p", "table", "font", "span", "li", "ul", "a", "td", "tr", "blockquote", "i", "h1", "select", "svg", "math"];

    private static readonly int[] Depths = [10, 100, 255, 300, 3_000, 30_000];

    private static string Nest(Random random, string text)
    {
        var tag = NestingTags[random.Next(NestingTags.Length)];
        var depth = Depths[random.Next(Depths.Length)];
        var attribute = random.Next(3) == 0;
        var open = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            open.Append('<').Append(tag);
            if (attribute)
            {
                open.Append(CultureInfo.InvariantCulture, $" class=\"c{i}\"");
            }

            open.Append('>');
            if (random.Next(depth) == 0)
            {
                open.Append("一、总体情况");
            }
        }

        var close = random.Next(2) == 0 ? string.Concat(Enumerable.Repeat($"</{tag}>", depth)) : "";
        var at = TagBoundary(random, text);
        var middle = random.Next(2) == 0 ? "" : text[at..Math.Min(text.Length, at + random.Next(2000))];
        return text[..at] + open + middle + close + text[(at + middle.Length)..];
    }

    private static readonly string[] SpanValues = ["0", "-1", "2", "15", "16", "30", "1000", "65534", "65535", "999999", "99999999999", "2px", "", "1e9", " 3 "];

    private static string Spans(Random random, string text) => Cell().Replace(text, match =>
        random.Next(3) != 0
            ? match.Value
            : $"<{match.Groups[1].Value} {(random.Next(2) == 0 ? "rowspan" : "colspan")}=\"{SpanValues[random.Next(SpanValues.Length)]}\"{match.Groups[2].Value}>");

    private static readonly string[] EntityRefs = ["&#0;", "&#xD800;", "&#xDC00;", "&#x1A;", "&nbsp;", "&amp;", "&#99999999;", "&notanentity", "&lt;table&gt;", "&#x110000;", "&#65279;", "&"];

    private static string Entities(Random random, string text)
    {
        var builder = new StringBuilder(text);
        for (var i = 1 + random.Next(10); i > 0; i--)
        {
            var times = random.Next(20) == 0 ? 10_000 : 1;
            builder.Insert(random.Next(builder.Length + 1), EntityRefs[random.Next(EntityRefs.Length)], times);
        }

        return builder.ToString();
    }

    private static readonly string[] Charsets = ["utf-7", "gbk", "utf-16", "x-user-defined", "big5", "shift_jis", "../../etc", "", "utf-32", "iso-2022-jp", "ibm037", "x-mac-chinesesimp"];

    private static string Charset(Random random, string text)
    {
        var meta = $"<meta charset=\"{Charsets[random.Next(Charsets.Length)]}\">";
        var without = MetaCharset().Replace(text, "");
        var head = without.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
        return head >= 0 ? without.Insert(head + 6, meta) : meta + without;
    }

    private static readonly string[] Markup =
        ["<!--", "-->", "<script>", "</script>", "<style>", "<table>", "</table>", "<plaintext>", "<textarea>", "<svg>", "<math>", "<template>", "<select>", "<tr>", "<td>", "</td>", "<caption>", "<!DOCTYPE html>", "<![CDATA[", "<?xml", "<frameset>", "<noscript>", "<br/>"];

    private static string BreakMarkup(Random random, string text)
    {
        var builder = new StringBuilder(text);
        for (var i = 1 + random.Next(6); i > 0; i--)
        {
            builder.Insert(random.Next(builder.Length + 1), Markup[random.Next(Markup.Length)]);
        }

        if (random.Next(3) == 0)
        {
            return EndTag().Replace(builder.ToString(), match => random.Next(3) == 0 ? "" : match.Value);
        }

        return builder.ToString();
    }

    private static string OpenFormatting(Random random, string text)
    {
        var count = Depths[random.Next(Depths.Length)];
        var tags = string.Concat(Enumerable.Range(0, count).Select(i => $"<b class=\"f{i}\">"));
        var paragraphs = string.Concat(Enumerable.Repeat("<p>x", random.Next(5_000)));
        var at = TagBoundary(random, text);
        return text[..at] + tags + paragraphs + text[at..];
    }

    private static int TagBoundary(Random random, string text)
    {
        var at = random.Next(text.Length + 1);
        var tag = text.IndexOf('<', at);
        return tag >= 0 ? tag : at;
    }

    // ---- DOCX ------------------------------------------------------------------------------------------------

    private static string DocxNest(Random random, string xml)
    {
        var depth = Depths[random.Next(Depths.Length)];
        var body = xml.IndexOf("<w:body>", StringComparison.Ordinal);
        if (body < 0)
        {
            return xml;
        }

        var at = body + "<w:body>".Length;
        var (open, close) = random.Next(3) switch
        {
            0 => ("<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>"),
            1 => ("<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>"),
            _ => ("<w:p><w:r><w:t>", "</w:t></w:r></w:p>"),
        };
        var inner = random.Next(2) == 0 ? "<w:p/>" : "";
        return xml[..at] + string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth)) + xml[at..];
    }

    private static readonly string[] GridValues = ["0", "-1", "15", "16", "999", "1000", "1001", "99999999999", "abc", "", " 2 ", "+3"];

    private static string DocxSpans(Random random, string xml) => TableCell().Replace(xml, match =>
    {
        if (random.Next(3) != 0)
        {
            return match.Value;
        }

        var property = random.Next(4) switch
        {
            0 => $"<w:gridSpan w:val=\"{GridValues[random.Next(GridValues.Length)]}\"/>",
            1 => random.Next(2) == 0 ? "<w:vMerge/>" : "<w:vMerge w:val=\"restart\"/>",
            2 => "<w:hMerge/>",
            _ => $"<w:gridSpan/>",
        };
        return match.Value + "<w:tcPr>" + property + "</w:tcPr>";
    });

    private static string DocxEntities(Random random, string xml)
    {
        if (random.Next(2) == 0)
        {
            var doctype = "<!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>";
            var root = xml.IndexOf("<w:document", StringComparison.Ordinal);
            return root < 0 ? xml : xml.Insert(root, doctype);
        }

        string[] references = ["&#0;", "&#x1A;", "&#xD800;", "&#xFFFE;", "&amp;", "&nbsp;", "&#x110000;"];
        return TextRun().Replace(xml, match =>
            random.Next(5) == 0 ? match.Value + references[random.Next(references.Length)] : match.Value);
    }

    private string DocxText(Random random, string xml) => random.Next(4) switch
    {
        0 => HugeNumbers(random, xml),
        1 => ControlCharacters(random, xml),
        2 => SpliceLines(random, xml.Replace("><", ">\n<", StringComparison.Ordinal)).Replace(">\n<", "><", StringComparison.Ordinal),
        _ => TabsAndPipes(random, xml),
    };

    private static void DocxParts(Random random, Work work)
    {
        if (work.Parts() is not { } parts)
        {
            return;
        }

        switch (random.Next(6))
        {
            case 0:
                parts.RemoveAt(random.Next(parts.Count));
                break;
            case 1:
                string[] targets = ["word/missing.xml", "/", "../x", "%2e%2e/word/document.xml", "word/document.xml#x", "http://example.com/d.xml", "WORD/DOCUMENT.XML", "_rels/.rels", "[Content_Types].xml", "\\\\server\\share", "word/%"];
                var target = targets[random.Next(targets.Length)];
                parts = [.. parts.Select(p => p.Name == "_rels/.rels"
                    ? (p.Name, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(p.Data).Replace("Target=\"word/document.xml\"", $"Target=\"{target}\"", StringComparison.OrdinalIgnoreCase)))
                    : p)];
                break;
            case 2:
                parts.Add(parts[random.Next(parts.Count)]);
                break;
            case 3:
                parts.AddRange(Enumerable.Range(0, random.Next(12_000)).Select(i => ($"x/{i}", Array.Empty<byte>())));
                break;
            case 4:
                parts = [.. parts.Select(p => p.Name == "word/document.xml" ? (p.Name, work.Bytes) : p)];
                break;
            default:
                parts = [.. parts.Select(p => p.Name == "word/document.xml" ? ("word/Document.xml", p.Data) : p)];
                break;
        }

        work.Bytes = Packages.Pack(parts);
    }

    private static readonly int[] BombMegabytes = [2, 40, 200, 1024];

    private static void DocxBomb(Random random, Work work)
    {
        var chunk = new byte[1024 * 1024];
        Array.Fill(chunk, random.Next(2) == 0 ? (byte)'0' : (byte)' ');
        var lying = random.Next(2) == 0 ? (uint?)1024 : null;
        work.Bytes = Packages.DocxBomb(
            Packages.DocumentStart + "<w:p><w:r><w:t>",
            chunk,
            BombMegabytes[random.Next(BombMegabytes.Length)],
            "</w:t></w:r></w:p>" + Packages.DocumentEnd,
            lying);
    }

    /// <summary>Damages the fields of local headers, central-directory entries and the end record.</summary>
    private static void ZipDamage(Random random, Work work)
    {
        var bytes = work.Bytes;
        var signatures = new List<int>();
        for (var i = 0; i + 4 <= bytes.Length; i++)
        {
            if (bytes[i] == (byte)'P' && bytes[i + 1] == (byte)'K' && bytes[i + 2] is 1 or 3 or 5 && bytes[i + 3] is 2 or 4 or 6)
            {
                signatures.Add(i);
            }
        }

        if (signatures.Count == 0)
        {
            FlipBytes(random, work);
            return;
        }

        for (var i = 1 + random.Next(4); i > 0; i--)
        {
            var at = signatures[random.Next(signatures.Count)] + 4 + random.Next(42);
            if (at + 4 > bytes.Length)
            {
                continue;
            }

            var value = random.Next(4) switch
            {
                0 => 0u,
                1 => 0xFFFFFFFFu,
                2 => (uint)random.Next(),
                _ => (uint)random.Next(100),
            };
            BitConverter.TryWriteBytes(bytes.AsSpan(at, random.Next(2) == 0 ? 2 : 4), random.Next(2) == 0 ? (ushort)value : value);
        }

        if (random.Next(4) == 0)
        {
            work.Bytes = bytes[..(signatures[^1] + random.Next(bytes.Length - signatures[^1]))];
        }
    }

    // ---- JSON ------------------------------------------------------------------------------------------------

    private static string JsonNest(Random random, string json)
    {
        var depth = Depths[random.Next(Depths.Length)];
        var (open, close) = random.Next(2) == 0 ? ("[", "]") : ("{\"a\":", "}");
        var value = ValueStart().Match(json, random.Next(json.Length + 1));
        var at = value.Success ? value.Index + 1 : json.Length;
        return json[..at] + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + json[at..];
    }

    private static readonly string[] Escapes = ["\\ud800", "\\udc00", "\\u0000", "\\u001a", "\\uFFFE", "\\", "\\x41", "\\u12", "\"", "\\ud83d\\ude00"];

    private static string JsonStrings(Random random, string json)
    {
        var builder = new StringBuilder(json);
        for (var i = 1 + random.Next(5); i > 0; i--)
        {
            var at = json.IndexOf('"', random.Next(json.Length + 1));
            if (at >= 0)
            {
                builder.Insert(Math.Min(builder.Length, at + 1), Escapes[random.Next(Escapes.Length)]);
            }
        }

        return builder.ToString();
    }

    private static readonly string[] JsonReplacements = ["null", "{}", "[]", "\"\"", "1e400", "-0", "true", "99999999999999999999999999999999", "0.1", "\"12\"", "-1", "2147483648"];

    private static string JsonValues(Random random, string json) => JsonScalar().Replace(json, match =>
        random.Next(8) == 0 ? match.Groups[1].Value + JsonReplacements[random.Next(JsonReplacements.Length)] : match.Value);

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();

    [GeneratedRegex("<(td|th)([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex Cell();

    [GeneratedRegex("<meta[^>]*charset[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();

    [GeneratedRegex("</[a-z0-9]+>", RegexOptions.IgnoreCase)]
    private static partial Regex EndTag();

    [GeneratedRegex("<w:tc>")]
    private static partial Regex TableCell();

    [GeneratedRegex("<w:t(?: [^>]*)?>")]
    private static partial Regex TextRun();

    [GeneratedRegex("[:\\[,]")]
    private static partial Regex ValueStart();

    [GeneratedRegex("(\"[a-zA-Z0-9]+\": )(\"[^\"]*\"|-?[0-9.]+|null|true|false)")]
    private static partial Regex JsonScalar();

    /// <summary>The input being built: bytes and extension, with text and package views for format-aware mutations.</summary>
    private sealed class Work(Seed seed)
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Seed, List<(string Name, byte[] Data)>> UnpackedSeeds = new(ReferenceEqualityComparer.Instance);

        public byte[] Bytes { get; set; } = (byte[])seed.Bytes.Clone();

        public string Extension { get; set; } = seed.Extension;

        /// <summary>The bytes as UTF-8 text (lossy for bytes that are not).</summary>
        public string Text => Encoding.UTF8.GetString(Bytes);

        public void EditText(Func<string, string> edit) => Bytes = Encoding.UTF8.GetBytes(edit(Text));

        /// <summary>The package's parts, or null when the bytes are no longer a readable ZIP archive.</summary>
        public List<(string Name, byte[] Data)>? Parts()
        {
            try
            {
                // A seed's own parts are unpacked once per seed; a changed package is unpacked again.
                return Bytes.AsSpan().SequenceEqual(seed.Bytes)
                    ? [.. UnpackedSeeds.GetOrAdd(seed, s => Packages.Unpack(s.Bytes))]
                    : Packages.Unpack(Bytes);
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException or ArgumentException or NotSupportedException)
            {
                return null;
            }
        }

        /// <summary>Edits word/document.xml as text and packs the package again (a damaged package is left as it is).</summary>
        public void EditDocument(Func<string, string> edit)
        {
            if (Parts() is not { } parts)
            {
                return;
            }

            Bytes = Packages.Pack(parts.Select(p => p.Name == "word/document.xml"
                ? (p.Name, Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(p.Data))))
                : p));
        }
    }
}

using System.Text;

namespace Gongkai.Fuzz;

/// <summary>One input for the readers: what it is (for messages and file names), its file name and its bytes.</summary>
public sealed record FuzzInput(string Name, string FileName, byte[] Bytes)
{
    public override string ToString() => $"{Name} ({FileName}, {Bytes.Length:N0} bytes)";
}

/// <summary>
/// The hostile inputs of issue 9, built in code (several are megabytes or gigabytes once unpacked, so they are not
/// committed as files). The regression tests and `Gongkai.Fuzz --hostile` use the same builders.
/// </summary>
public static class HostileInputs
{
    /// <summary>Builders of every hostile input, with the sizes named in the issue; each input is built only when asked for.</summary>
    public static IReadOnlyList<Func<FuzzInput>> All(string reportText, string reportJson) =>
    [
        () => NestedDocxTables(50_000),
        () => NestedDocxTables(10_000),
        () => DocxZipBomb(),
        () => DocxZipBomb(lyingHeader: true),
        DocxEntityExpansion,
        () => ManyZipEntries(100_000),
        SpanPage,
        NestedSpanTables,
        () => NestedHtml("b", 2_100),
        () => NestedHtml("p", 60_000),
        () => NestedHtml("div", 60_000),
        FormattingAmplification,
        Utf7Page,
        () => LoneSurrogateJson(reportJson),
        () => DeepJson(100_000),
        () => ControlCharacterReport(reportText),
        () => ManyTabs(5_000_000),
        () => ManyLines(10_000_000),
        () => UnclosedComments(1_000_000),
    ];

    /// <summary><paramref name="depth"/> tables each inside the only cell of the one before: 50,000 levels are 7.5 KB.</summary>
    public static FuzzInput NestedDocxTables(int depth)
    {
        var xml = new StringBuilder(Packages.DocumentStart);
        xml.Insert(xml.Length, "<w:tbl><w:tr><w:tc>", depth);
        xml.Append("<w:p><w:r><w:t>x</w:t></w:r></w:p>");
        xml.Insert(xml.Length, "</w:tc></w:tr></w:tbl>", depth);
        xml.Append(Packages.DocumentEnd);
        return new FuzzInput($"docx-nested-tables-{depth}", "nested.docx", Packages.Docx(xml.ToString()));
    }

    /// <summary>
    /// A 1 MiB DOCX whose document part inflates to 1 GiB of text in one run. With <paramref name="lyingHeader"/> the
    /// ZIP headers claim the part is 1 KB.
    /// </summary>
    public static FuzzInput DocxZipBomb(bool lyingHeader = false) => new(
        lyingHeader ? "docx-zip-bomb-lying-size" : "docx-zip-bomb",
        "bomb.docx",
        Packages.DocxBomb(
            Packages.DocumentStart + "<w:p><w:r><w:t>",
            Enumerable.Repeat((byte)'0', 1024 * 1024).ToArray(),
            1024,
            "</w:t></w:r></w:p>" + Packages.DocumentEnd,
            lyingHeader ? 1024u : null));

    /// <summary>The "billion laughs": a document part that declares entities expanding to each other.</summary>
    public static FuzzInput DocxEntityExpansion()
    {
        var doctype = new StringBuilder("<!DOCTYPE w:document [<!ENTITY l0 \"ha\">");
        for (var i = 1; i < 10; i++)
        {
            doctype.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">");
        }

        doctype.Append("]>");
        var xml = Packages.DocumentStart.Replace("<w:document", doctype + "<w:document", StringComparison.Ordinal)
            + "<w:p><w:r><w:t>&l9;</w:t></w:r></w:p>" + Packages.DocumentEnd;
        return new FuzzInput("docx-entity-expansion", "laughs.docx", Packages.Docx(xml));
    }

    /// <summary>A ZIP archive with <paramref name="count"/> empty entries, named .docx.</summary>
    public static FuzzInput ManyZipEntries(int count) => new(
        $"zip-{count}-entries",
        "entries.docx",
        Packages.Raw(Enumerable.Range(0, count).Select(i => new Packages.RawEntry(
            i.ToString(System.Globalization.CultureInfo.InvariantCulture), [], 0, 0, 0))));

    /// <summary>A 27 KB page of cells that ask for hundreds of thousands of rows and columns.</summary>
    public static FuzzInput SpanPage()
    {
        var html = new StringBuilder("<html><body><table>");
        for (var r = 0; r < 100; r++)
        {
            html.Append("<tr>");
            for (var c = 0; c < 5; c++)
            {
                html.Append("<td rowspan=\"65534\" colspan=\"999999\">1</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table></body></html>");
        return new FuzzInput("html-huge-spans", "spans.html", Encoding.UTF8.GetBytes(html.ToString()));
    }

    /// <summary>Tables nested in cells, each cell asking for huge spans.</summary>
    public static FuzzInput NestedSpanTables()
    {
        var html = new StringBuilder("<html><body>");
        for (var t = 0; t < 50; t++)
        {
            html.Append("<table>");
            for (var r = 0; r < 20; r++)
            {
                html.Append("<tr><td rowspan=\"999999\" colspan=\"999999\">").Append(r).Append("</td>")
                    .Append("<td colspan=\"1000\"><table><tr><td rowspan=\"65534\" colspan=\"1000\">0</td></tr></table></td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("</body></html>");
        return new FuzzInput("html-nested-tables-huge-spans", "nested-spans.html", Encoding.UTF8.GetBytes(html.ToString()));
    }

    /// <summary><paramref name="count"/> <c>&lt;tag&gt;</c> start tags with no end tags, then text.</summary>
    public static FuzzInput NestedHtml(string tag, int count)
    {
        var html = new StringBuilder("<html><body>");
        html.Insert(html.Length, $"<{tag}>", count);
        html.Append("x</body></html>");
        return new FuzzInput($"html-nested-{tag}-{count}", $"nested-{tag}.html", Encoding.UTF8.GetBytes(html.ToString()));
    }

    /// <summary>
    /// 250 different formatting tags left open, then 20,000 paragraphs: a browser re-creates all 250 inside every
    /// paragraph (five million elements from 180 KB).
    /// </summary>
    public static FuzzInput FormattingAmplification()
    {
        var html = new StringBuilder("<html><body><p>");
        for (var i = 0; i < 250; i++)
        {
            html.Append(System.Globalization.CultureInfo.InvariantCulture, $"<b class=\"c{i}\">");
        }

        html.Append('x').Insert(html.Length, "<p>x", 20_000).Append("</body></html>");
        return new FuzzInput("html-formatting-amplification", "formatting.html", Encoding.UTF8.GetBytes(html.ToString()));
    }

    /// <summary>A page that declares UTF-7 (which .NET refuses to decode) and is not valid UTF-8.</summary>
    public static FuzzInput Utf7Page()
    {
        var html = "<html><head><meta charset=\"utf-7\"><title>某局2023年政府信息公开工作年度报告</title></head><body><p>一、总体情况</p></body></html>";
        var bytes = Encoding.UTF8.GetBytes(html).Concat(new byte[] { 0xB9, 0xAB, 0xBF, 0xAA }).ToArray();
        return new FuzzInput("html-utf-7", "utf7.html", bytes);
    }

    /// <summary>The JSON form of a report whose title is half a surrogate pair.</summary>
    public static FuzzInput LoneSurrogateJson(string reportJson)
    {
        ArgumentNullException.ThrowIfNull(reportJson);
        var start = reportJson.IndexOf("\"title\": \"", StringComparison.Ordinal) + "\"title\": \"".Length;
        var json = reportJson[..start] + "\\ud800" + reportJson[start..];
        return new FuzzInput("json-lone-surrogate", "surrogate.json", Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Arrays nested <paramref name="depth"/> deep.</summary>
    public static FuzzInput DeepJson(int depth) => new(
        $"json-nested-{depth}", "deep.json", Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)));

    /// <summary>
    /// A report (text) with a NUL in the first cell of its first table row and the DOS end-of-file mark 0x1A after the
    /// title and at the end of that row. A long paragraph is added after the first heading so that the NUL lies past the
    /// first 8 KB, which are sniffed for binary content (a NUL there makes the file binary).
    /// </summary>
    public static FuzzInput ControlCharacterReport(string reportText)
    {
        ArgumentNullException.ThrowIfNull(reportText);
        var lines = reportText.Split('\n').ToList();
        var table = lines.FindIndex(line => line.Contains('\t', StringComparison.Ordinal));
        lines[0] = lines[0].TrimEnd('\r') + "\u001A";
        lines[table] = "\u0000" + lines[table].TrimEnd('\r') + "\u001A";
        var heading = lines.FindIndex(line => line.StartsWith("一、", StringComparison.Ordinal));
        lines.Insert(heading + 1, string.Concat(Enumerable.Repeat("本机关按照条例要求做好政府信息公开工作。", 200)));
        return new FuzzInput("text-control-characters", "control.txt", Encoding.UTF8.GetBytes(string.Join('\n', lines)));
    }

    /// <summary>One line of <paramref name="count"/> tabs (empty cells).</summary>
    public static FuzzInput ManyTabs(int count) => new($"text-{count}-tabs", "tabs.txt", Encoding.UTF8.GetBytes("一、总体情况" + new string('\t', count)));

    /// <summary><paramref name="count"/> one-character lines.</summary>
    public static FuzzInput ManyLines(int count)
    {
        var bytes = new byte[count * 2];
        for (var i = 0; i < count; i++)
        {
            bytes[2 * i] = (byte)'1';
            bytes[(2 * i) + 1] = (byte)'\n';
        }

        return new FuzzInput($"text-{count}-lines", "lines.txt", bytes);
    }

    /// <summary>Comment openings that never close, then a table.</summary>
    public static FuzzInput UnclosedComments(int count)
    {
        var html = new StringBuilder("<html><body>");
        html.Insert(html.Length, "<!--<table>", count);
        return new FuzzInput($"html-{count}-unclosed-comments", "comments.html", Encoding.UTF8.GetBytes(html.ToString()));
    }
}

using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Gongkai.Documents;

namespace Gongkai.AnnualReports.Parsing;

/// <summary>The format of an input file, as far as the readers are concerned.</summary>
public enum SourceKind
{
    Text,
    Markdown,
    Html,
    Docx,
    Pdf,
    Json,
}

/// <summary>
/// Turns the bytes of an input file into text and tells which reader it needs. Chinese government sites publish
/// UTF-8, UTF-16 (Word's "Unicode text") and GBK/GB2312, often without saying which; these methods pick the one
/// the bytes actually are, and refuse files that are not text with a message that says what to do.
/// </summary>
public static partial class SourceDecoding
{
    private const int SampleLength = 8192;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Asked of the provider directly rather than registered globally: decoding a file changes nothing else.
    private static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding("GB18030")!;

    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\v' or '\f' or '\r')).Select(c => (char)c).ToArray());

    private static readonly string[] GbCharsets = ["gb2312", "gbk", "gb18030", "x-gbk", "gb_2312-80", "cp936", "windows-936"];

    /// <summary>
    /// Decodes a text file: a byte-order mark (UTF-8, UTF-16 LE/BE) wins; otherwise strict UTF-8 when the bytes
    /// are valid UTF-8, UTF-16 without a mark when the bytes clearly are that, and GB18030 (a superset of GBK and
    /// GB2312) for everything else. The result never starts with a byte-order mark, and characters no output format
    /// can carry (NUL, other control characters, half surrogate pairs) are replaced as <see cref="SafeText.Clean"/> says.
    /// </summary>
    /// <exception cref="ReportReadException">The file is empty or only whitespace, or it is binary.</exception>
    public static string DecodeText(ReadOnlySpan<byte> bytes, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return RequireText(Decode(bytes, fileName, declared: null), fileName);
    }

    /// <summary>
    /// Decodes an HTML file like <see cref="DecodeText"/>, but when the bytes are not valid UTF-8 it reads them in
    /// the charset the page declares (<c>&lt;meta charset="gbk"&gt;</c>,
    /// <c>content="text/html; charset=gb2312"</c>), as a browser would: GB2312, GBK and GB18030 all as GB18030,
    /// another charset .NET knows (Big5, Shift_JIS …) as itself, and no, an unknown or an unsupported declaration
    /// (UTF-7, which .NET refuses to decode) as GB18030. A page that declares GBK but is valid UTF-8 was re-saved by an
    /// editor that kept the old tag, so the bytes win. Cleaned like <see cref="DecodeText"/>.
    /// </summary>
    /// <exception cref="ReportReadException">The file is empty or only whitespace, or it is binary.</exception>
    public static string DecodeHtml(ReadOnlySpan<byte> bytes, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return RequireText(Decode(bytes, fileName, DeclaredEncoding(DeclaredHtmlCharset(bytes))), fileName);
    }

    /// <summary>
    /// The charset an HTML page declares in its first 8 KB, lower-cased (e.g. "gb2312", "utf-8"), or null when it
    /// declares none.
    /// </summary>
    public static string? DeclaredHtmlCharset(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, SampleLength)]);
        var match = CharsetDeclaration().Match(head);
        return match.Success ? match.Groups["charset"].Value.ToLowerInvariant() : null;
    }

    /// <summary>
    /// Which reader a file needs: by its extension (.txt .md .markdown .htm .html .shtml .xhtml .docx .pdf .json) and,
    /// when the extension says nothing, by its first bytes (zip → DOCX, <c>%PDF</c> → PDF, markup → HTML,
    /// <c>{</c> or <c>[</c> → JSON, anything else → text).
    /// </summary>
    /// <exception cref="ReportReadException">The file is an old binary Word document (.doc).</exception>
    public static SourceKind Sniff(ReadOnlySpan<byte> bytes, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        switch (extension)
        {
            case ".txt":
                return SourceKind.Text;
            case ".md" or ".markdown":
                return SourceKind.Markdown;
            case ".htm" or ".html" or ".shtml" or ".xhtml":
                return SourceKind.Html;
            case ".docx":
                return SourceKind.Docx;
            case ".pdf":
                return SourceKind.Pdf;
            case ".json":
                return SourceKind.Json;
            case ".doc":
                throw OldWordFormat(fileName);
        }

        if (bytes.StartsWith("PK\u0003\u0004"u8))
        {
            return SourceKind.Docx;
        }

        if (bytes.StartsWith("%PDF"u8))
        {
            return SourceKind.Pdf;
        }

        // The OLE compound-file signature: .doc (and .xls/.ppt) from Office 97–2003.
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            throw OldWordFormat(fileName);
        }

        var head = SniffHead(bytes).TrimStart();
        if (head.StartsWith('<') && MarkupTag().IsMatch(head))
        {
            return SourceKind.Html;
        }

        return head.StartsWith('{') || head.StartsWith('[') ? SourceKind.Json : SourceKind.Text;
    }

    private static ReportReadException OldWordFormat(string fileName) => new(
        $"不支持旧版 Word 文档格式（.doc）：“{fileName}”。请用 Word 或 WPS 打开该文件，选择“另存为”，保存为 .docx 格式后再导入。");

    private static string RequireText(string decoded, string fileName)
    {
        var text = SafeText.Clean(decoded);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ReportReadException(
                $"文件“{fileName}”是空的，没有任何文字。请确认文件已完整下载，或重新从原网页另存后再试。");
        }

        return text;
    }

    private static string Decode(ReadOnlySpan<byte> bytes, string fileName, Encoding? declared)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return DecodeChecked(bytes[3..], StrictUtf8, fileName);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return DecodeChecked(bytes[2..], Utf16(bigEndian: false), fileName);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return DecodeChecked(bytes[2..], Utf16(bigEndian: true), fileName);
        }

        var sample = bytes[..Math.Min(bytes.Length, SampleLength)];
        if (sample.Contains((byte)0))
        {
            return TryUtf16WithoutMark(bytes) ?? throw Binary(fileName);
        }

        if (HasManyControlBytes(sample))
        {
            throw Binary(fileName);
        }

        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return StrictUtf8.GetString(bytes);
        }

        // Not UTF-8: on Chinese sites that means GBK or GB2312, both of which GB18030 reads.
        return (declared ?? Gb18030).GetString(bytes);
    }

    private static Encoding? DeclaredEncoding(string? charset)
    {
        if (charset is null)
        {
            return null;
        }

        if (GbCharsets.Contains(charset, StringComparer.Ordinal))
        {
            return Gb18030;
        }

        Encoding? encoding;
        try
        {
            encoding = CodePagesEncodingProvider.Instance.GetEncoding(charset) ?? Encoding.GetEncoding(charset);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            // An unknown name, or one .NET knows but will not decode (UTF-7): read the page as if it declared nothing.
            return null;
        }

        return encoding is UTF8Encoding or UnicodeEncoding or UTF32Encoding ? null : encoding;
    }

    private static string DecodeChecked(ReadOnlySpan<byte> bytes, Encoding encoding, string fileName)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException exception)
        {
            throw new ReportReadException(
                $"文件“{fileName}”的开头标明了 {encoding.WebName} 编码，但内容不是有效的 {encoding.WebName} 文字，文件可能已损坏。请重新下载或另存为 UTF-8 文本后再试。",
                exception);
        }
    }

    private static UnicodeEncoding Utf16(bool bigEndian) =>
        new(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <summary>
    /// UTF-16 text without a byte-order mark has NUL bytes: the high half of every ASCII character (digits, spaces,
    /// line breaks), mostly on one side of each pair, and now and then the low half of a character such as 开 (U+5F00).
    /// Binary data has NULs on both sides alike and decodes to control characters and broken surrogate pairs.
    /// </summary>
    private static string? TryUtf16WithoutMark(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 2 != 0)
        {
            return null;
        }

        var sample = bytes[..Math.Min(bytes.Length, SampleLength)];
        int evenNuls = 0, oddNuls = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            if (sample[i] == 0)
            {
                if (i % 2 == 0)
                {
                    evenNuls++;
                }
                else
                {
                    oddNuls++;
                }
            }
        }

        // Reports are full of digits, spaces and line breaks: in UTF-16 at least one character in twenty is ASCII.
        var asciiHalves = Math.Max(evenNuls, oddNuls);
        if (asciiHalves <= 2 * Math.Min(evenNuls, oddNuls) || asciiHalves * 20 < sample.Length / 2)
        {
            return null;
        }

        try
        {
            var text = Utf16(bigEndian: evenNuls > oddNuls).GetString(bytes);
            var head = text.AsSpan(0, Math.Min(text.Length, SampleLength / 2));
            return head.ContainsAny(ControlCharacters) ? null : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>
    /// Text files carry tabs, line breaks and form feeds, and now and then a stray control byte (an old DOS end-of-file
    /// mark, an escape); binary files are full of them. More than one in a hundred bytes is binary.
    /// </summary>
    private static bool HasManyControlBytes(ReadOnlySpan<byte> sample)
    {
        var count = 0;
        foreach (var b in sample)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r'))
            {
                count++;
            }
        }

        return count > 0 && count * 100 > sample.Length;
    }

    private static ReportReadException Binary(string fileName) => new(
        $"文件“{fileName}”不是文本文件（含有二进制内容），无法读取。请导入年度报告的网页（.html）、Word 文档（.docx）、PDF 或文本文件（.txt）。");

    private static string SniffHead(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 4096)];
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(head[2..(head.Length & ~1)]);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(head[2..(head.Length & ~1)]);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        return Encoding.Latin1.GetString(head);
    }

    [GeneratedRegex("""<meta\b[^>]*?charset\s*=\s*["']?\s*(?<charset>[A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetDeclaration();

    [GeneratedRegex("""<(!doctype\s+html|html|head|body|table|div|p|meta|title)\b""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MarkupTag();
}

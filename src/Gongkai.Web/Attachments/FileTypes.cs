using System.IO.Compression;
using System.Text;

namespace Gongkai.Web.Attachments;

/// <summary>A kind of file the platform stores: its name, MIME type and the extensions a file of that kind may have.</summary>
public sealed record FileType(string Label, string ContentType, IReadOnlyList<string> Extensions);

/// <summary>The verdict on an upload: the type its content is, or the Chinese reason it is refused.</summary>
public sealed record FileCheck(FileType? Type, string? Problem)
{
    public static FileCheck Refuse(string problem) => new(null, problem);
}

/// <summary>
/// Decides what a file is from its content (magic bytes, the entries of zip containers, text decoding), never from
/// its name or the browser's claim, and refuses what the platform must not store or serve: programs, web pages,
/// macro-bearing or unknown formats, and files whose name says something other than their content.
/// </summary>
public static class FileTypes
{
    public static readonly FileType Pdf = new("PDF 文档", "application/pdf", [".pdf"]);
    public static readonly FileType Jpeg = new("JPEG 图片", "image/jpeg", [".jpg", ".jpeg"]);
    public static readonly FileType Png = new("PNG 图片", "image/png", [".png"]);
    public static readonly FileType Docx = new("Word 文档（DOCX）", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"]);
    public static readonly FileType Xlsx = new("Excel 表格（XLSX）", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"]);
    public static readonly FileType Odt = new("OpenDocument 文档（ODT）", "application/vnd.oasis.opendocument.text", [".odt"]);
    public static readonly FileType Ofd = new("OFD 版式文档", "application/ofd", [".ofd"]);
    public static readonly FileType Text = new("纯文本", "text/plain; charset=utf-8", [".txt"]);
    public static readonly FileType Csv = new("CSV 表格", "text/csv; charset=utf-8", [".csv"]);

    public static IReadOnlyList<FileType> Accepted { get; } = [Pdf, Jpeg, Png, Docx, Xlsx, Odt, Ofd, Text, Csv];

    /// <summary>The accepted formats in one Chinese phrase, for hints and messages.</summary>
    public const string AcceptedText = "PDF、JPEG、PNG、Word（DOCX）、Excel（XLSX）、ODT、OFD、纯文本（TXT）和 CSV";

    /// <summary>The extensions for an HTML accept attribute (a hint to the browser; the server decides by content).</summary>
    public static string AcceptAttribute => string.Join(',', Accepted.SelectMany(t => t.Extensions));

    private const int HeaderLength = 8192;
    private const int TextSampleLength = 65536;

    /// <summary>Inspects <paramref name="content"/> (readable and seekable, left at its start) named <paramref name="fileName"/>.</summary>
    public static FileCheck Inspect(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        var check = ByContent(content);
        content.Position = 0;
        if (check.Type is not { } type)
        {
            return check;
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (type.Extensions.Contains(extension, StringComparer.Ordinal))
        {
            return check;
        }

        if (type == Text && Csv.Extensions.Contains(extension, StringComparer.Ordinal))
        {
            return new FileCheck(Csv, null); // CSV is text; the name says which
        }

        return FileCheck.Refuse(extension.Length == 0
            ? $"文件名没有扩展名。文件内容是{type.Label}，请把文件名改为以 {type.Extensions[0]} 结尾后再上传。"
            : $"文件名的扩展名是“{extension}”，但文件内容是{type.Label}，两者不符。请确认选择了正确的文件，或者改正扩展名后再上传。");
    }

    private static FileCheck ByContent(Stream content)
    {
        content.Position = 0;
        var header = new byte[HeaderLength];
        var length = content.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        var head = header.AsSpan(0, length);
        if (length == 0)
        {
            return FileCheck.Refuse("文件是空的（0 字节），请检查后重新选择。");
        }

        if (Executable(head) is { } program)
        {
            return FileCheck.Refuse($"文件是可执行程序（{program}），出于安全考虑不能上传。");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            return FileCheck.Refuse("文件是旧版 Office 格式（.doc、.xls 等），这种格式可能带有宏，不能上传。请另存为 PDF、DOCX 或 XLSX 后再上传。");
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return new FileCheck(Pdf, null);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return new FileCheck(Jpeg, null);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return new FileCheck(Png, null);
        }

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return Container(content);
        }

        return TextFile(content);
    }

    private static string? Executable(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("MZ"u8))
        {
            return "Windows 程序";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46]))
        {
            return "Linux 程序";
        }

        if (head.Length >= 4 && (head[..4].SequenceEqual((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCE]) || head[..4].SequenceEqual((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCF])
            || head[..4].SequenceEqual((ReadOnlySpan<byte>)[0xCE, 0xFA, 0xED, 0xFE]) || head[..4].SequenceEqual((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE])
            || head[..4].SequenceEqual((ReadOnlySpan<byte>)[0xCA, 0xFE, 0xBA, 0xBE])))
        {
            return "macOS 程序或 Java 类文件";
        }

        return head.StartsWith("#!"u8) ? "脚本" : null;
    }

    /// <summary>DOCX, XLSX, ODT and OFD are zip containers: the entries say which one (and whether it carries macros).</summary>
    private static FileCheck Container(Stream content)
    {
        try
        {
            content.Position = 0;
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (names.Contains("word/document.xml"))
            {
                return names.Contains("word/vbaProject.bin")
                    ? FileCheck.Refuse("Word 文档中含有宏，不能上传。请另存为不含宏的 DOCX 或 PDF 后再上传。")
                    : new FileCheck(Docx, null);
            }

            if (names.Contains("xl/workbook.xml"))
            {
                return names.Contains("xl/vbaProject.bin")
                    ? FileCheck.Refuse("Excel 表格中含有宏，不能上传。请另存为不含宏的 XLSX 或 PDF 后再上传。")
                    : new FileCheck(Xlsx, null);
            }

            if (names.Contains("OFD.xml"))
            {
                return new FileCheck(Ofd, null);
            }

            if (zip.GetEntry("mimetype") is { Length: < 200 } mimetype)
            {
                using var reader = new StreamReader(mimetype.Open(), Encoding.ASCII);
                if (string.Equals(reader.ReadToEnd().Trim(), "application/vnd.oasis.opendocument.text", StringComparison.Ordinal))
                {
                    return new FileCheck(Odt, null);
                }
            }

            return FileCheck.Refuse($"文件是压缩包，不是允许上传的文档格式。请上传 {AcceptedText}文件，不要压缩。");
        }
        catch (InvalidDataException)
        {
            return FileCheck.Refuse("文件已损坏，无法读取。请检查后重新上传。");
        }
    }

    /// <summary>Plain text: UTF-8, UTF-16 with a byte-order mark, or GB 18030; no control characters; not a web page.</summary>
    private static FileCheck TextFile(Stream content)
    {
        content.Position = 0;
        var sample = new byte[TextSampleLength];
        var length = content.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        var complete = content.Position >= content.Length;
        if (Decode(sample.AsSpan(0, length), complete) is not { } text)
        {
            return FileCheck.Refuse($"无法识别文件类型。只能上传 {AcceptedText}文件。");
        }

        if (text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f')))
        {
            return FileCheck.Refuse($"无法识别文件类型（文件中有不可显示的控制字符）。只能上传 {AcceptedText}文件。");
        }

        var start = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        string[] markup = ["<!doctype html", "<html", "<script", "<svg", "<iframe", "<body", "<?xml"];
        if (markup.Any(m => start.StartsWith(m, StringComparison.OrdinalIgnoreCase)) || text.Contains("<script", StringComparison.OrdinalIgnoreCase))
        {
            return FileCheck.Refuse("文件是网页（HTML）或含有脚本的标记文件，出于安全考虑不能上传。请把内容另存为 PDF 后再上传。");
        }

        return new FileCheck(Text, null);
    }

    private static string? Decode(ReadOnlySpan<byte> bytes, bool complete)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            var utf16 = bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? Encoding.Unicode : Encoding.BigEndianUnicode;
            var even = bytes[2..][..((bytes.Length - 2) & ~1)];
            return utf16.GetString(even);
        }

        if (bytes.IndexOf((byte)0) >= 0)
        {
            return null;
        }

        // A sample cut from a longer file may end inside a character: drop up to three trailing bytes and retry.
        for (var cut = 0; cut <= (complete ? 0 : 3) && cut < bytes.Length; cut++)
        {
            var part = bytes[..^cut];
            if (Strict(new UTF8Encoding(false, true), part) is { } utf8)
            {
                return utf8;
            }

            if (Strict(Gb18030, part) is { } gb)
            {
                return gb;
            }
        }

        return null;
    }

    private static readonly Encoding Gb18030 = CreateGb18030();

    private static Encoding CreateGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    private static string? Strict(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}

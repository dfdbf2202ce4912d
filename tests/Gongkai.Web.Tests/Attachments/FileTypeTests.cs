using System.IO.Compression;
using System.Text;
using Gongkai.Web.Attachments;

namespace Gongkai.Tests.Attachments;

public class FileTypeTests
{
    public static TheoryData<string, string> Accepted => new()
    {
        { "答复.pdf", "application/pdf" },
        { "扫描件.JPG", "image/jpeg" },
        { "扫描件.jpeg", "image/jpeg" },
        { "截图.png", "image/png" },
        { "名单.docx", FileTypes.Docx.ContentType },
        { "统计.xlsx", FileTypes.Xlsx.ContentType },
        { "文件.odt", FileTypes.Odt.ContentType },
        { "电子公文.ofd", "application/ofd" },
        { "说明.txt", "text/plain; charset=utf-8" },
        { "说明-gbk.txt", "text/plain; charset=utf-8" },
        { "资助名单.csv", "text/csv; charset=utf-8" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Files_of_the_accepted_kinds_are_recognised_by_their_content(string name, string contentType)
    {
        using var content = new MemoryStream(Sample(name));

        var check = FileTypes.Inspect(content, name);

        check.Problem.ShouldBeNull();
        check.Type!.ContentType.ShouldBe(contentType);
        content.Position.ShouldBe(0, "the stream is left at its start for storing");
    }

    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "setup.pdf", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0], "文件是可执行程序（Windows 程序），出于安全考虑不能上传。" },
        { "tool.txt", [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0], "文件是可执行程序（Linux 程序），出于安全考虑不能上传。" },
        { "run.txt", Encoding.ASCII.GetBytes("#!/bin/sh\nrm -rf /\n"), "文件是可执行程序（脚本），出于安全考虑不能上传。" },
        { "page.txt", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>hi</body></html>"), "文件是网页（HTML）或含有脚本的标记文件，出于安全考虑不能上传。请把内容另存为 PDF 后再上传。" },
        { "note.txt", Encoding.UTF8.GetBytes("请看 <script>alert(1)</script>"), "文件是网页（HTML）或含有脚本的标记文件，出于安全考虑不能上传。请把内容另存为 PDF 后再上传。" },
        { "picture.pdf", Sample("x.png"), "文件名的扩展名是“.pdf”，但文件内容是PNG 图片，两者不符。请确认选择了正确的文件，或者改正扩展名后再上传。" },
        { "letter.pdf", Encoding.UTF8.GetBytes("这其实是一段文字"), "文件名的扩展名是“.pdf”，但文件内容是纯文本，两者不符。请确认选择了正确的文件，或者改正扩展名后再上传。" },
        { "名单", Sample("x.docx"), "文件名没有扩展名。文件内容是Word 文档（DOCX），请把文件名改为以 .docx 结尾后再上传。" },
        { "old.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "文件是旧版 Office 格式（.doc、.xls 等），这种格式可能带有宏，不能上传。请另存为 PDF、DOCX 或 XLSX 后再上传。" },
        { "macro.docx", Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), ("word/vbaProject.bin", "x")), "Word 文档中含有宏，不能上传。请另存为不含宏的 DOCX 或 PDF 后再上传。" },
        { "files.zip", Zip(("a.exe", "MZ")), "文件是压缩包，不是允许上传的文档格式。请上传 PDF、JPEG、PNG、Word（DOCX）、Excel（XLSX）、ODT、OFD、纯文本（TXT）和 CSV文件，不要压缩。" },
        { "empty.pdf", [], "文件是空的（0 字节），请检查后重新选择。" },
        { "data.bin", [1, 2, 3, 4, 0, 0, 0, 5], "无法识别文件类型。只能上传 PDF、JPEG、PNG、Word（DOCX）、Excel（XLSX）、ODT、OFD、纯文本（TXT）和 CSV文件。" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Programs_web_pages_macros_unknown_content_and_misnamed_files_are_refused_with_the_reason(string name, byte[] bytes, string problem)
    {
        using var content = new MemoryStream(bytes);

        var check = FileTypes.Inspect(content, name);

        check.Type.ShouldBeNull();
        check.Problem.ShouldBe(problem);
    }

    /// <summary>A small but real file of the kind its name says.</summary>
    internal static byte[] Sample(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".pdf" => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
        ".jpg" or ".jpeg" => [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1],
        ".png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R'],
        ".docx" => Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")),
        ".xlsx" => Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")),
        ".odt" => Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>")),
        ".ofd" => Zip(("OFD.xml", "<ofd:OFD/>"), ("Doc_0/Document.xml", "<ofd:Document/>")),
        _ when name.Contains("gbk", StringComparison.Ordinal) => CodePages().GetBytes("政府信息公开申请补正说明：学段为小学。\r\n"),
        _ => Encoding.UTF8.GetBytes("政府信息公开申请补正说明：学段为小学，年份为2023年。\n"),
    };

    internal static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (entryName, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entryName).Open(), Encoding.UTF8);
                writer.Write(text);
            }
        }

        return buffer.ToArray();
    }

    private static Encoding CodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}

using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Gongkai.AnnualReports.Parsing;
using static Gongkai.Tests.AnnualReports.Parsing.ParsingFixtures;

namespace Gongkai.Tests.AnnualReports.Parsing;

public class SourceDecodingTests
{
    private const string Report = "三、收到和处理政府信息公开申请情况\r\n（七）总计\t1\t0\t0\t0\t0\t0\t1\r\n危及“三安全一稳定”\n";

    // Taken from the provider without registering it, so the code under test cannot lean on a registration made here.
    private static Encoding CodePage(string name) => CodePagesEncodingProvider.Instance.GetEncoding(name)!;

    public static TheoryData<string, byte[]> Encodings => new()
    {
        { "UTF-8", Encoding.UTF8.GetBytes(Report) },
        { "UTF-8 with mark", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Report)] },
        { "UTF-16 LE with mark", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Report)] },
        { "UTF-16 BE with mark", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Report)] },
        { "UTF-16 LE without mark", Encoding.Unicode.GetBytes(Report) },
        { "UTF-16 BE without mark", Encoding.BigEndianUnicode.GetBytes(Report) },
        { "GBK", CodePage("GBK").GetBytes(Report) },
        { "GB18030", CodePage("GB18030").GetBytes(Report) },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Text_is_decoded_from_the_encoding_its_bytes_are_in(string encoding, byte[] bytes)
    {
        var text = SourceDecoding.DecodeText(bytes, "report.txt");

        text.ShouldBe(Report, encoding);
    }

    [Fact]
    public void Any_report_text_survives_a_round_trip_through_every_Unicode_encoding_with_a_mark()
    {
        var alphabet = File.ReadAllText(Directory.GetFiles(SamplesDirectory(), "*.txt")[0]).Distinct().ToArray();
        var texts = Gen.ArrayOf(Gen.Elements(alphabet))
            .Select(chars => "年" + new string(chars))
            .ToArbitrary();

        Prop.ForAll(texts, text =>
            SourceDecoding.DecodeText([.. Encoding.UTF8.GetBytes(text)], "a.txt") == text
            && SourceDecoding.DecodeText([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)], "a.txt") == text
            && SourceDecoding.DecodeText([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)], "a.txt") == text
            && SourceDecoding.DecodeText([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)], "a.txt") == text)
            .QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("empty.txt")]
    [InlineData("whitespace.txt")]
    public void An_empty_file_is_refused_naming_the_file(string name)
    {
        var exception = Should.Throw<ReportReadException>(() => SourceDecoding.DecodeText(Bytes(name), name));

        exception.Message.ShouldBe($"文件“{name}”是空的，没有任何文字。请确认文件已完整下载，或重新从原网页另存后再试。");
    }

    [Fact]
    public void A_byte_order_mark_alone_is_an_empty_file()
    {
        Should.Throw<ReportReadException>(() => SourceDecoding.DecodeText([0xEF, 0xBB, 0xBF], "bom.txt"))
            .Message.ShouldContain("是空的");
    }

    [Fact]
    public void A_binary_file_is_refused_saying_what_to_import_instead()
    {
        var exception = Should.Throw<ReportReadException>(() => SourceDecoding.DecodeText(Bytes("binary.dat"), "binary.dat"));

        exception.Message.ShouldBe(
            "文件“binary.dat”不是文本文件（含有二进制内容），无法读取。请导入年度报告的网页（.html）、Word 文档（.docx）、PDF 或文本文件（.txt）。");
    }

    [Fact]
    public void Many_control_bytes_without_NULs_are_binary_but_a_stray_one_is_not()
    {
        var stray = Encoding.UTF8.GetBytes("一、总体情况\u001A\r\n" + new string('年', 200));
        var many = Enumerable.Range(0, 400).Select(i => (byte)(i % 2 == 0 ? 0x01 : 0x41)).ToArray();

        SourceDecoding.DecodeText(stray, "a.txt").ShouldStartWith("一、总体情况");
        Should.Throw<ReportReadException>(() => SourceDecoding.DecodeText(many, "a.txt")).Message.ShouldContain("二进制");
    }

    [Fact]
    public void A_mark_that_lies_about_the_content_is_reported_as_damage()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. CodePage("GBK").GetBytes("年度报告")];

        Should.Throw<ReportReadException>(() => SourceDecoding.DecodeText(bytes, "a.txt")).Message.ShouldContain("可能已损坏");
    }

    [Theory]
    [InlineData("<html><head><meta charset=\"GBK\"></head>", "gbk")]
    [InlineData("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\" />", "gb2312")]
    [InlineData("<META HTTP-EQUIV='Content-Type' CONTENT='text/html;charset=UTF-8'>", "utf-8")]
    [InlineData("<html><head><title>年度报告</title></head>", null)]
    public void The_charset_a_page_declares_is_found(string head, string? charset)
    {
        SourceDecoding.DeclaredHtmlCharset(Encoding.ASCII.GetBytes(head)).ShouldBe(charset);
    }

    [Fact]
    public void The_GBK_fixture_declares_gb2312_and_decodes_to_Chinese()
    {
        var bytes = Bytes("report-002-gbk.html");

        SourceDecoding.DeclaredHtmlCharset(bytes).ShouldBe("gb2312");
        System.Text.Unicode.Utf8.IsValid(bytes).ShouldBeFalse();
        SourceDecoding.DecodeHtml(bytes, "report-002-gbk.html").ShouldContain("<title>延津县人民政府办公室2023年政府信息公开工作年度报告");
    }

    [Fact]
    public void A_page_re_saved_as_UTF_8_with_an_old_GBK_tag_is_read_as_UTF_8()
    {
        var page = "<meta charset=\"gbk\"><p>政府信息公开工作年度报告</p>";

        SourceDecoding.DecodeHtml(Encoding.UTF8.GetBytes(page), "a.html").ShouldBe(page);
    }

    [Fact]
    public void A_page_in_another_declared_charset_is_read_in_that_charset()
    {
        var page = "<meta charset=\"big5\"><p>政府資訊公開工作年度報告</p>";

        SourceDecoding.DecodeHtml(CodePage("big5").GetBytes(page), "a.html").ShouldBe(page);
    }

    [Theory]
    [InlineData("a.txt", SourceKind.Text)]
    [InlineData("a.md", SourceKind.Markdown)]
    [InlineData("a.MARKDOWN", SourceKind.Markdown)]
    [InlineData("a.htm", SourceKind.Html)]
    [InlineData("a.html", SourceKind.Html)]
    [InlineData("a.shtml", SourceKind.Html)]
    [InlineData("a.docx", SourceKind.Docx)]
    [InlineData("a.pdf", SourceKind.Pdf)]
    [InlineData("a.json", SourceKind.Json)]
    public void The_extension_decides_the_kind(string name, SourceKind kind)
    {
        SourceDecoding.Sniff("%PDF-1.4"u8, name).ShouldBe(kind);
    }

    [Theory]
    [InlineData("report-004.docx", SourceKind.Docx)]
    [InlineData("report-001.pdf", SourceKind.Pdf)]
    [InlineData("report-001.html", SourceKind.Html)]
    [InlineData("report-002-gbk.html", SourceKind.Html)]
    [InlineData("not-a-docx.docx", SourceKind.Text)]
    public void Without_an_extension_the_content_decides_the_kind(string fixture, SourceKind kind)
    {
        SourceDecoding.Sniff(Bytes(fixture), "download").ShouldBe(kind);
    }

    [Theory]
    [InlineData("  \r\n<table><tr><td>1</td></tr></table>", SourceKind.Html)]
    [InlineData("<p>一、总体情况</p>", SourceKind.Html)]
    [InlineData("<?xml version=\"1.0\"?><report/>", SourceKind.Text)]
    [InlineData(" {\"year\": 2023}", SourceKind.Json)]
    [InlineData("[1, 2]", SourceKind.Json)]
    [InlineData("一、总体情况", SourceKind.Text)]
    public void Markup_and_JSON_are_recognised_by_their_first_characters(string content, SourceKind kind)
    {
        SourceDecoding.Sniff(Encoding.UTF8.GetBytes(content), "download.dat").ShouldBe(kind);
        SourceDecoding.Sniff([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(content)], "download.dat").ShouldBe(kind);
    }

    [Theory]
    [InlineData("report.doc")]
    [InlineData("REPORT.DOC")]
    [InlineData("download")]
    public void An_old_Word_document_is_refused_asking_for_docx(string name)
    {
        var exception = Should.Throw<ReportReadException>(() => SourceDecoding.Sniff(Bytes("old-word.doc"), name));

        exception.Message.ShouldBe(
            $"不支持旧版 Word 文档格式（.doc）：“{name}”。请用 Word 或 WPS 打开该文件，选择“另存为”，保存为 .docx 格式后再导入。");
    }

    private static string SamplesDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!Directory.Exists(Path.Combine(directory.FullName, "samples", "reports")))
        {
            directory = directory.Parent ?? throw new DirectoryNotFoundException("samples/reports");
        }

        return Path.Combine(directory.FullName, "samples", "reports");
    }
}

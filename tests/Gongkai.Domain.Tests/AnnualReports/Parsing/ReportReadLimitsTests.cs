using System.Text;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Parsing;
using Gongkai.AnnualReports.Rendering;
using Gongkai.AnnualReports.Validation;
using Gongkai.Fuzz;

namespace Gongkai.Tests.AnnualReports.Parsing;

/// <summary>Each limit of <see cref="ReportReadLimits"/>, set low, refuses a real report with a message that names it.</summary>
public sealed class ReportReadLimitsTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("gongkai-limits-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static AnnualReport Sample => ReportParser.ParseText(Samples.Text("001")).Report;

    private static byte[] SampleHtml => Encoding.UTF8.GetBytes(HtmlReportRenderer.Render(Sample));

    private static byte[] SampleDocx
    {
        get
        {
            using var docx = new MemoryStream();
            DocxReportRenderer.Render(Sample, docx);
            return docx.ToArray();
        }
    }

    private static async Task<ReportReadException> RefusedAsync(byte[] bytes, string name, ReportReadLimits limits)
    {
        var exception = await Should.ThrowAsync<ReportReadException>(() => ReportParser.ParseBytesAsync(bytes, name, limits: limits));
        exception.IsUnexpected.ShouldBeFalse();
        return exception;
    }

    [Fact]
    public void The_defaults_are_the_documented_ones_and_a_limit_must_be_positive()
    {
        var limits = ReportReadLimits.Default;

        (limits.MaxInputBytes, limits.MaxPartBytes, limits.MaxInflatedBytes, limits.MaxCompressionRatio).ShouldBe((20L << 20, 32L << 20, 64L << 20, 100));
        (limits.MaxDepth, limits.MaxElements, limits.MaxCells, limits.TimeBudget).ShouldBe((256, 100_000, 50_000, TimeSpan.FromSeconds(10)));
        Should.Throw<ArgumentOutOfRangeException>(() => (limits with { MaxCells = 0 }).Validate());
        Should.Throw<ArgumentOutOfRangeException>(() => (limits with { TimeBudget = TimeSpan.Zero }).Validate());
    }

    [Fact]
    public async Task A_file_larger_than_the_input_limit_is_refused_before_it_is_read()
    {
        var bytes = Encoding.UTF8.GetBytes(Samples.Text("001"));
        var limits = ReportReadLimits.Default with { MaxInputBytes = 2048 };
        var path = Path.Combine(_work, "report.txt");
        await File.WriteAllBytesAsync(path, bytes);

        var exception = await RefusedAsync(bytes, "report.txt", limits);
        var fromFile = await Should.ThrowAsync<ReportReadException>(() => ReportParser.ParseFileAsync(path, limits));
        var fromStream = await Should.ThrowAsync<ReportReadException>(() => ReportParser.ReadAllAsync(new NonSeekable(bytes), "report.txt", limits));

        exception.Message.ShouldBe(
            $"文件“report.txt”有 {bytes.Length / 1024.0:0.#} KB，超过了 2 KB 的上限，不像是年度报告。请上传报告本身（DOCX、PDF、HTML、TXT 或 Markdown），去掉其中的大图片后再试。");
        fromFile.Message.ShouldBe(exception.Message);
        fromStream.Message.ShouldBe("文件“report.txt”超过了 2 KB 的上限，不像是年度报告。请上传报告本身（DOCX、PDF、HTML、TXT 或 Markdown），去掉其中的大图片后再试。");
    }

    [Fact]
    public async Task A_word_part_larger_than_the_part_limit_is_stopped_while_inflating()
    {
        var exception = await RefusedAsync(SampleDocx, "report.docx", ReportReadLimits.Default with { MaxPartBytes = 16 * 1024 });

        exception.Message.ShouldStartWith("文件“report.docx”其中的“word/document.xml”解压后超过 16 KB 的上限，不像是正常的 Word 文档");
    }

    [Fact]
    public async Task All_parts_together_count_against_the_inflated_limit()
    {
        var exception = await RefusedAsync(SampleDocx, "report.docx", ReportReadLimits.Default with { MaxInflatedBytes = 16 * 1024 });

        exception.Message.ShouldStartWith("文件“report.docx”解压后的内容合计超过 16 KB 的上限");
    }

    [Fact]
    public async Task A_part_that_inflates_beyond_the_ratio_is_stopped_just_past_the_grace()
    {
        var document = Packages.DocumentStart + "<w:p><w:r><w:t>" + new string('0', 4 * 1024 * 1024) + "</w:t></w:r></w:p>" + Packages.DocumentEnd;
        var zeros = Packages.Raw(
        [
            Packages.Deflated("[Content_Types].xml", Encoding.UTF8.GetBytes(Packages.ContentTypes)),
            Packages.Deflated("_rels/.rels", Encoding.UTF8.GetBytes(Packages.Relationships)),
            Packages.Deflated("word/document.xml", Encoding.UTF8.GetBytes(document)),
        ]);

        var exception = await RefusedAsync(zeros, "zeros.docx", ReportReadLimits.Default);
        var allowed = await RefusedAsync(zeros, "zeros.docx", ReportReadLimits.Default with { MaxCompressionRatio = 100_000 });

        exception.Message.ShouldStartWith("文件“zeros.docx”其中的“word/document.xml”压缩比超过 100:1 的上限");
        allowed.Message.ShouldStartWith("没有找到国家格式的表二、表三或表四。", customMessage: "with a higher ratio the part is read to its end");
    }

    [Theory]
    [InlineData("report.html")]
    [InlineData("report.docx")]
    [InlineData("report.json")]
    public async Task Nesting_deeper_than_the_depth_limit_is_refused_in_every_markup(string name)
    {
        var bytes = Path.GetExtension(name) switch
        {
            ".html" => Encoding.UTF8.GetBytes("<div><div><div><div>" + HtmlReportRenderer.Render(Sample) + "</div></div></div></div>"),
            ".docx" => SampleDocx,
            _ => Encoding.UTF8.GetBytes(Gongkai.AnnualReports.Json.ReportJson.Serialize(Sample)),
        };

        var exception = await RefusedAsync(bytes, name, ReportReadLimits.Default with { MaxDepth = 3 });

        exception.Message.ShouldContain($"文件“{name}”中的");
        exception.Message.ShouldContain("嵌套超过 3 层的上限，无法读取");
    }

    [Fact]
    public async Task A_page_with_more_elements_than_the_limit_is_refused()
    {
        var exception = await RefusedAsync(SampleHtml, "report.html", ReportReadLimits.Default with { MaxElements = 200 });

        exception.Message.ShouldStartWith("网页“report.html”的元素超过 200 个的上限");
    }

    [Theory]
    [InlineData("report.txt")]
    [InlineData("report.html")]
    [InlineData("report.docx")]
    public async Task A_document_with_more_cells_than_the_limit_is_refused(string name)
    {
        var bytes = Path.GetExtension(name) switch
        {
            ".html" => SampleHtml,
            ".docx" => SampleDocx,
            _ => Encoding.UTF8.GetBytes(Samples.Text("001")),
        };

        var exception = await RefusedAsync(bytes, name, ReportReadLimits.Default with { MaxCells = 100 });

        exception.Message.ShouldBe(
            $"文件“{name}”中的表格单元格和段落超过 100 个的上限，无法读取。年度报告只有几百个单元格：请确认上传的是报告本身，或把报告部分另存为单独的文件后再导入。");
    }

    [Fact]
    public async Task Reading_longer_than_the_time_budget_is_stopped()
    {
        var input = HostileInputs.ManyLines(5_000_000);
        var limits = ReportReadLimits.Default with { MaxCells = int.MaxValue, TimeBudget = TimeSpan.FromMilliseconds(100) };

        var exception = await RefusedAsync(input.Bytes, input.FileName, limits);

        exception.Message.ShouldBe(
            "读取文件“lines.txt”用时超过 0.1 秒的上限，已停止。文件可能过于复杂或已损坏：请用原来的软件打开，另存为 Word 文档（.docx）或文本文件（.txt）后再导入。");
    }

    [Fact]
    public async Task A_cancelled_caller_gets_its_cancellation_not_a_read_error()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() =>
            ReportParser.ParseBytesAsync(Encoding.UTF8.GetBytes(Samples.Text("001")), "report.txt", cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task A_pdf_read_past_the_time_budget_is_stopped_between_pages()
    {
        using var budget = new ReadBudget(ReportReadLimits.Default with { TimeBudget = TimeSpan.FromMilliseconds(1) }, "slow.pdf");
        await Task.Delay(50);

        var exception = Should.Throw<ReportReadException>(() => PdfSource.Read(File.ReadAllBytes(PathOf("report-001.pdf")), budget));

        exception.Message.ShouldStartWith("读取文件“slow.pdf”用时超过 0 秒的上限，已停止。");
        exception.Limit.ShouldBe(nameof(ReportReadLimits.TimeBudget));
    }

    [Fact]
    public void A_pdf_with_more_cells_than_the_limit_is_refused()
    {
        using var budget = new ReadBudget(ReportReadLimits.Default with { MaxCells = 100 }, "big.pdf");

        var exception = Should.Throw<ReportReadException>(() => PdfSource.Read(File.ReadAllBytes(PathOf("report-001.pdf")), budget));

        exception.Limit.ShouldBe(nameof(ReportReadLimits.MaxCells));
        exception.Message.ShouldStartWith("文件“big.pdf”中的表格单元格和段落超过 100 个的上限，无法读取。");
    }

    [Fact]
    public async Task A_span_larger_than_the_national_tables_is_cut_with_a_finding_and_the_report_still_reads()
    {
        var html = Encoding.UTF8.GetString(SampleHtml);
        var first = html.IndexOf("<th", html.IndexOf("<table class=\"national table3\"", StringComparison.Ordinal), StringComparison.Ordinal);
        first.ShouldBeGreaterThan(0);
        var widened = html.Insert(first + 3, " rowspan=\"65534\"");

        var parsed = await ReportParser.ParseBytesAsync(Encoding.UTF8.GetBytes(widened), "report.html");

        var finding = parsed.Findings.First(f => f.RuleId == RuleCatalogue.ParseSpan);
        finding.Severity.ShouldBe(Severity.Review);
        finding.Message.ShouldContain("合并了 65534 行，超过国家格式表格的");
        ReportCheck.Findings(parsed).ShouldContain(finding);
    }

    [Fact]
    public void An_unforeseen_failure_inside_a_reader_still_leaves_as_the_documented_error()
    {
        using var budget = new ReadBudget(ReportReadLimits.Default, "odd.docx");

        var exception = Should.Throw<ReportReadException>(() =>
            ReportParser.Guarded<int>(budget, () => throw new InvalidOperationException("a bug")));

        exception.IsUnexpected.ShouldBeTrue();
        exception.InnerException.ShouldBeOfType<InvalidOperationException>();
        exception.Message.ShouldBe(
            "无法读取文件“odd.docx”：读取时遇到了意外的问题（InvalidOperationException）。文件可能已损坏或格式异常：请用原来的软件打开，另存为 Word 文档（.docx）或文本文件（.txt）后再导入；如果问题反复出现，请把文件交给平台管理员。");
    }

    private static string PathOf(string name) => ParsingFixtures.PathOf(name);

    /// <summary>An upload stream: read once, length unknown.</summary>
    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

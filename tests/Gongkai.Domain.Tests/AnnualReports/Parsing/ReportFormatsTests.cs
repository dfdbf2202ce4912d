using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Parsing;
using Gongkai.AnnualReports.Rendering;

namespace Gongkai.Tests.AnnualReports.Parsing;

/// <summary>Every input format reads the same report; every output format reads back as the report it came from.</summary>
public class ReportFormatsTests
{
    public static TheoryData<string, string> PublishedForms() => new()
    {
        { "report-001.html", "001" },
        { "report-004.docx", "004" },
        { "report-001.pdf", "001" },
    };

    [Theory]
    [MemberData(nameof(PublishedForms))]
    public async Task A_report_published_as_html_docx_or_pdf_reads_as_its_text_copy(string fixture, string sample)
    {
        var expected = ReportParser.ParseText(Samples.Text(sample)).Report;

        var result = await ReportParser.ParseFileAsync(ParsingFixtures.PathOf(fixture));

        result.Findings.ShouldBeEmpty();
        result.Report.Title.ShouldNotBeNull();
        if (fixture.EndsWith(".pdf", StringComparison.Ordinal))
        {
            // A PDF sets spaces between Chinese and digits ("109 号"): compare the text without spaces.
            foreach (var section in expected.Sections)
            {
                Compact(result.Report.Section(section.Key)!.Text).ShouldBe(Compact(section.Text), section.Heading);
            }

            expected = StripText(expected);
            result = result with { Report = StripText(result.Report) };
        }

        ReportComparison.Differences(expected, result.Report).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_gbk_page_holding_only_part_of_a_report_reads_that_part_and_says_what_is_missing()
    {
        var expected = ReportParser.ParseText(Samples.Text("002")).Report;

        var result = await ReportParser.ParseFileAsync(ParsingFixtures.PathOf("report-002-gbk.html"));

        result.Report.Organization.ShouldBe("延津县人民政府办公室");
        result.Report.Year.ShouldBe(2023);
        foreach (var field in NationalFormat.Table2Fields(ReportFormat.Format2021))
        {
            result.Report.Table2[field].ShouldBe(expected.Table2[field]);
        }

        result.Findings.Select(f => (f.RuleId, f.Message)).ShouldBe(
        [
            ("PARSE-TABLE-MISSING", "没有找到表三（收到和处理政府信息公开申请情况）。请按国家格式填写表三。"),
            ("PARSE-TABLE-MISSING", "没有找到表四（政府信息公开行政复议、行政诉讼情况）的数字。请按国家格式填写表四的15个单元格。"),
        ]);
    }

    [Fact]
    public async Task Cells_read_from_html_point_at_their_table_row_and_cell()
    {
        var result = await ReportParser.ParseFileAsync(ParsingFixtures.PathOf("report-001.html"));

        var cell = result.Report.Table3[Table3Row.TotalProcessed, Table3Column.Total];
        cell.Location!.Table.ShouldNotBeNull();
        cell.Location.Row.ShouldNotBeNull();
        cell.Location.Cell.ShouldBe(10, "总计 is the tenth grid column of table 三");
    }

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static AnnualReport StripText(AnnualReport report)
    {
        var copy = report.Clone();
        for (var i = 0; i < copy.Sections.Count; i++)
        {
            copy.Sections[i] = copy.Sections[i] with { Text = Compact(copy.Sections[i].Text) };
        }

        return copy;
    }

    public static TheoryData<string, string> SamplesAndOutputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var sample in new[] { "000", "001", "002", "003", "004" })
        {
            foreach (var output in new[] { "html", "md", "docx", "json" })
            {
                data.Add(sample, output);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SamplesAndOutputs))]
    public async Task Rendering_a_sample_and_reading_it_back_gives_the_same_model(string sample, string output)
    {
        var original = ReportParser.ParseText(Samples.Text(sample)).Report;

        var reread = await RoundTripAsync(original, output);

        ReportComparison.Differences(original, reread.Report).ShouldBeEmpty();
        reread.Findings.Where(f => f.RuleId.StartsWith("PARSE", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void Random_valid_reports_read_back_unchanged_from_every_output_format()
    {
        var property = Prop.ForAll(ValidReports.ToArbitrary(), report =>
        {
            foreach (var output in new[] { "html", "md", "docx", "json" })
            {
                var reread = RoundTripAsync(report, output).GetAwaiter().GetResult();
                ReportComparison.Differences(report, reread.Report).ShouldBeEmpty(output);
            }
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), property);
    }

    private static async Task<ReportParseResult> RoundTripAsync(AnnualReport report, string output)
    {
        byte[] bytes;
        switch (output)
        {
            case "html":
                bytes = Encoding.UTF8.GetBytes(HtmlReportRenderer.Render(report));
                break;
            case "md":
                bytes = Encoding.UTF8.GetBytes(MarkdownReportRenderer.Render(report));
                break;
            case "docx":
                using (var stream = new MemoryStream())
                {
                    DocxReportRenderer.Render(report, stream);
                    bytes = stream.ToArray();
                }

                break;
            default:
                bytes = Encoding.UTF8.GetBytes(ReportJson.Serialize(report));
                break;
        }

        return await ReportParser.ParseBytesAsync(bytes, "report." + output);
    }

    private static readonly string[] Sentences =
    [
        "本机关坚持以公开为常态、不公开为例外，全年主动公开政府信息。",
        "（一）主动公开：通过政府门户网站发布各类信息。",
        "（二）依申请公开：严格按照法定时限答复。",
        "一是加强政策解读；二是规范信息发布流程。",
        "本年度未收取信息处理费。",
        "无",
        "2.需要报告的其他事项",
    ];

    private static readonly string[] Organizations = ["示范县教育局", "某某市自然资源和规划局", "新乡市人民政府办公室", "金水区政务服务办公室"];

    private static readonly Gen<Cell> Counts = Gen.Frequency(
        (6, Gen.Choose(0, 400).Select(n => Cell.Of(n))),
        (1, Gen.Constant(Cell.Parse(""))),
        (1, Gen.Elements("/", "—", "无").Select(p => Cell.Parse(p))));

    private static readonly Gen<AnnualReport> ValidReports =
        from format in Gen.Elements(ReportFormat.Format2021, ReportFormat.Format2019)
        from organization in Gen.Elements(Organizations)
        from year in Gen.Choose(2019, 2026)
        from texts in Gen.ArrayOf(Gen.SubListOf(Sentences).Select(l => string.Join('\n', l.Count == 0 ? ["无"] : l)), 6)
        from cells in Gen.ArrayOf(Counts, FormatCell.All(format).Count)
        from fee in Gen.Choose(0, 100000).Select(n => Cell.Of(n / 1000m))
        select Build(format, organization, year, texts, cells, fee);

    private static AnnualReport Build(ReportFormat format, string organization, int year, string[] texts, Cell[] cells, Cell fee)
    {
        var report = new AnnualReport { Format = format, Organization = organization, Year = year, Title = NationalFormat.Title(organization, year) };
        foreach (var section in NationalFormat.Sections)
        {
            report.Sections.Add(new ReportSection(section.Key, section.Heading, texts[(int)section.Key]));
        }

        var all = FormatCell.All(format);
        for (var i = 0; i < all.Count; i++)
        {
            all[i].Set(report, cells[i]);
        }

        if (format == ReportFormat.Format2021)
        {
            report.Table2[Table2Field.FeesWanYuan] = fee;
        }

        return report;
    }
}

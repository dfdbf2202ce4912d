using System.Text.Json;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Parsing;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Tests.AnnualReports;

/// <summary>The five real reports, end to end: what they say, and what the checks find in them.</summary>
public class SampleCheckTests
{
    [Theory]
    [InlineData("000", "FMT-HEADER")]
    [InlineData("001")]
    [InlineData("002")]
    [InlineData("003", "SEC5-EMPTY", "SEC6-FEE")]
    [InlineData("004")]
    public async Task Each_sample_has_no_errors_and_exactly_its_known_defects(string sample, params string[] rules)
    {
        var checkedReport = await Samples.CheckAsync(sample);

        checkedReport.ReadError.ShouldBeNull();
        checkedReport.HasErrors.ShouldBeFalse();
        checkedReport.Findings.Select(f => f.RuleId).ShouldBe(rules);
        checkedReport.Report!.Year.ShouldBe(2023);
    }

    [Fact]
    public async Task The_header_typo_of_sample_000_points_at_its_cell_with_the_expected_text()
    {
        var finding = (await Samples.CheckAsync("000")).Findings.ShouldHaveSingleItem();

        finding.Severity.ShouldBe(Severity.Warning);
        finding.Expected.ShouldBe("本年废止件数");
        finding.Actual.ShouldBe("本年度止件数");
        finding.Location.ShouldBe(SourceLocation.AtLine(20, 13));
    }

    [Fact]
    public async Task The_empty_sections_of_sample_003_point_at_their_headings()
    {
        var findings = (await Samples.CheckAsync("003")).Findings;

        findings[0].Location!.Line.ShouldBe(82, "the heading 五、存在的主要问题及改进情况, whose section says only “无”");
        findings[0].Actual.ShouldBe("无");
        findings[1].Location!.Line.ShouldBe(86, "the heading 六、其他需要报告的事项");
    }

    public static TheoryData<string> SampleNumbers => ["000", "001", "002", "003", "004"];

    /// <summary>
    /// Golden files: the JSON form of each sample is committed beside this test and compared cell by cell.
    /// Set GONGKAI_UPDATE_GOLDEN=1 to rewrite them deliberately after a change in what the parser reads.
    /// </summary>
    [Theory]
    [MemberData(nameof(SampleNumbers))]
    public void Each_sample_reads_exactly_as_its_golden_json(string sample)
    {
        var actual = ReportJson.Serialize(ReportParser.ParseText(Samples.Text(sample)).Report);
        var goldenPath = Path.Combine(GoldenFolder, Path.GetFileNameWithoutExtension(Samples.Path(sample)) + ".json");
        if (Environment.GetEnvironmentVariable("GONGKAI_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(goldenPath, actual);
        }

        File.Exists(goldenPath).ShouldBeTrue($"golden file {goldenPath} (create it with GONGKAI_UPDATE_GOLDEN=1)");
        using var expectedJson = JsonDocument.Parse(File.ReadAllText(goldenPath));
        using var actualJson = JsonDocument.Parse(actual);
        var expectedValues = Flatten(expectedJson.RootElement, "$");
        var actualValues = Flatten(actualJson.RootElement, "$");

        foreach (var (path, value) in expectedValues)
        {
            actualValues.ShouldContainKey(path);
            actualValues[path].ShouldBe(value, path);
        }

        actualValues.Keys.Except(expectedValues.Keys).ShouldBeEmpty("paths the golden file does not have");
    }

    private static string GoldenFolder =>
        Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "AnnualReports", "Golden");

    private static Dictionary<string, string> Flatten(JsonElement element, string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var pair in Flatten(property.Value, path + "." + property.Name))
                    {
                        result.Add(pair.Key, pair.Value);
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var pair in Flatten(item, path + "[" + index++ + "]"))
                    {
                        result.Add(pair.Key, pair.Value);
                    }
                }

                break;
            default:
                result.Add(path, element.GetRawText());
                break;
        }

        return result;
    }
}

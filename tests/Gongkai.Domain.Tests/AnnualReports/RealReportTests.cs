using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Accuracy;
using Gongkai.AnnualReports.Parsing;

namespace Gongkai.Tests.AnnualReports;

/// <summary>
/// The reader on reports agencies actually published (RealReports/, provenance in each expected file), against the
/// values a person read in them by eye: no cell read wrong without a finding saying so, no error about a report
/// that is the reader's misreading, every real defect found.
/// </summary>
public class RealReportTests
{
    private const string ExpectedSuffix = ".expected.json";

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "AnnualReports", "RealReports");

    public static TheoryData<string> Reports => [.. Names()];

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task A_real_report_is_read_without_a_silent_misreading_a_false_error_or_a_missed_defect(string name)
    {
        var result = await MeasureAsync(name);

        result.ReadError.ShouldBeNull();
        result.HeaderDifferences.ShouldBeEmpty();
        result.WrongCells.ShouldBeEmpty();
        result.FalseErrors.Select(f => $"{f.RuleId} {f.Message}").ShouldBeEmpty();
        result.MissedDefects.Select(d => d.What).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_corpus_is_read_at_least_as_well_as_the_figures_in_the_readme()
    {
        var results = await Task.WhenAll(Names().Select(MeasureAsync));

        // The README's accuracy table (gongkai report accuracy) states these figures; a change that reads fewer
        // files or cells exactly must say why there.
        results.Length.ShouldBeGreaterThanOrEqualTo(63);
        results.Count(r => r.IsExact).ShouldBeGreaterThanOrEqualTo(46);
        results.Sum(r => r.ExactCells).ShouldBeGreaterThanOrEqualTo(12461);
        results.Sum(r => r.WrongCells.Count).ShouldBe(0);
    }

    private static IEnumerable<string> Names() => Directory.EnumerateFiles(Folder, "*" + ExpectedSuffix)
        .Select(f => Path.GetFileName(f)[..^ExpectedSuffix.Length]).Order(StringComparer.Ordinal);

    private static async Task<FileAccuracy> MeasureAsync(string name)
    {
        var expected = ExpectedReading.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, name + ExpectedSuffix)));
        var source = Directory.EnumerateFiles(Folder, name + ".*").Single(f => !f.EndsWith(ExpectedSuffix, StringComparison.Ordinal));
        var parsed = await ReportParser.ParseFileAsync(source);
        return ReadingAccuracy.Compare(name, expected, parsed.Report, ReportCheck.Findings(parsed));
    }
}

using System.Diagnostics;
using Gongkai.Fuzz;

namespace Gongkai.Tests.AnnualReports.Parsing;

/// <summary>
/// The fuzz harness (bench/Gongkai.Fuzz) in CI: a short, seeded campaign — the same inputs on every run — and every
/// input that ever broke a reader (FuzzRegressions/). Each input must end in a report that is checked and rendered in
/// every format, or in the documented <see cref="Gongkai.AnnualReports.Parsing.ReportReadException"/>; a time budget
/// refusal counts as a failure (it means a hang the other limits missed). The time bound per input is generous: it
/// catches hangs, not slowness, which bench/ measures. A stack overflow would end the test host, failing the run.
/// </summary>
public class ReaderFuzzTests
{
    /// <summary>About a minute of one core; the long runs are `Gongkai.Fuzz --count 1000000`.</summary>
    private const int CampaignInputs = 4_000;

    private const long CampaignSeed = 20261122;

    /// <summary>
    /// Wall time is not CPU time: on a CI machine running other tests beside this one, an input that takes 0.3 s
    /// alone can take ten times as long. The bounds catch hangs, not slowness, on a loaded machine too.
    /// </summary>
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(120);

    private static readonly Gongkai.AnnualReports.Parsing.ReportReadLimits Limits =
        Gongkai.AnnualReports.Parsing.ReportReadLimits.Default with { TimeBudget = TimeSpan.FromSeconds(90) };

    private static readonly string RegressionFolder = Path.Combine(AppContext.BaseDirectory, "AnnualReports", "Parsing", "FuzzRegressions");

    [Fact]
    public async Task A_seeded_campaign_ends_every_input_in_a_report_or_the_documented_error()
    {
        var campaign = new Campaign(Seeds.Load(), CampaignSeed);
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < CampaignInputs; i++)
        {
            var input = campaign.Input(i);
            var outcome = await RunAsync(input, i, failures);
            if (outcome is not null)
            {
                outcomes[outcome.Label] = outcomes.GetValueOrDefault(outcome.Label) + 1;
            }
        }

        failures.ShouldBeEmpty(string.Join('\n', failures));
        outcomes.GetValueOrDefault("read").ShouldBeGreaterThan(CampaignInputs / 10, "the campaign must reach the recognizer and the renderers, not only the error paths");
    }

    public static TheoryData<string> Regressions() => [.. Directory.EnumerateFiles(RegressionFolder).Where(f => Path.GetFileName(f) != "README.md").Select(Path.GetFileName).Order(StringComparer.Ordinal).Cast<string>()];

    [Theory]
    [MemberData(nameof(Regressions))]
    public async Task An_input_that_once_broke_a_reader_ends_in_a_report_or_the_documented_error(string name)
    {
        var failures = new List<string>();

        await RunAsync(new FuzzInput(name, name, await File.ReadAllBytesAsync(Path.Combine(RegressionFolder, name))), 0, failures);

        failures.ShouldBeEmpty(string.Join('\n', failures));
    }

    private static async Task<Outcome?> RunAsync(FuzzInput input, long index, List<string> failures)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var outcome = await FuzzTarget.RunAsync(input, index, limits: Limits);
            if (clock.Elapsed > Hang)
            {
                failures.Add($"{input}: took {clock.Elapsed.TotalSeconds:N1} s");
            }

            return outcome;
        }
        catch (Exception exception)
        {
            failures.Add($"{input}: {exception}");
            return null;
        }
    }
}

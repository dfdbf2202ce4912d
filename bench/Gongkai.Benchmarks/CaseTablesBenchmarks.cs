using BenchmarkDotNet.Attributes;
using Gongkai.AnnualReports;
using Gongkai.Applications;

namespace Gongkai.Benchmarks;

/// <summary>
/// Aggregating a large agency's (or a whole province's) cases into table 三 must stay well under a second.
/// Run: <c>dotnet run -c Release --project bench/Gongkai.Benchmarks -- --filter *CaseTables*</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
[MemoryDiagnoser]
public class CaseTablesBenchmarks
{
    private CaseSummary[] _cases = [];

    [Params(1_000_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20240101);
        var first = new DateOnly(2023, 1, 1);
        var outcomes = Enum.GetValues<Outcome>();
        _cases = new CaseSummary[Count];
        for (var i = 0; i < _cases.Length; i++)
        {
            var received = first.AddDays(random.Next(3 * 365));
            var applicant = (ApplicantType)random.Next(6);
            _cases[i] = random.Next(10) == 0
                ? new CaseSummary(applicant, received)
                : new CaseSummary(applicant, received, received.AddDays(random.Next(60)), outcomes[random.Next(outcomes.Length)]);
        }
    }

    [Benchmark]
    public Table3 Table3For2024() => CaseTables.BuildTable3(_cases, 2024);
}

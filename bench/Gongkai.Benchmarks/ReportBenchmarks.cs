using System.Text;
using BenchmarkDotNet.Attributes;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Parsing;

namespace Gongkai.Benchmarks;

/// <summary>
/// Parse + validate throughput on the five sample reports, from bytes (decoding included) to findings, on one core.
/// MB/s = the samples' total size / the mean time of one operation (all five reports).
/// Run: dotnet run -c Release --project bench/Gongkai.Benchmarks -- --filter '*ReportBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private (byte[] Bytes, string Name)[] _samples = [];

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Gongkai.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the Gongkai repository.");
    }

    [GlobalSetup]
    public void Setup()
    {
        _samples = [.. Directory.GetFiles(Path.Combine(RepositoryRoot(), "samples", "reports"), "*.txt").Order(StringComparer.Ordinal)
            .Select(f => (File.ReadAllBytes(f), Path.GetFileName(f)))];
        Console.WriteLine($"// samples: {_samples.Length} files, {_samples.Sum(s => s.Bytes.Length)} bytes");
    }

    [Benchmark(Description = "parse + validate the 5 samples (bytes → findings)")]
    public int ParseAndValidate()
    {
        var findings = 0;
        foreach (var (bytes, name) in _samples)
        {
            var parsed = ReportParser.ParseText(SourceDecoding.DecodeText(bytes, name));
            findings += ReportCheck.Findings(parsed).Count;
        }

        return findings;
    }

    [Benchmark(Description = "parse only")]
    public int Parse()
    {
        var cells = 0;
        foreach (var (bytes, _) in _samples)
        {
            cells += ReportParser.ParseText(Encoding.UTF8.GetString(bytes)).Report.Labels.Count;
        }

        return cells;
    }
}

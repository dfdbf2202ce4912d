using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Parsing;

namespace Gongkai.Tests;

/// <summary>The five real 2023 reports shipped in samples/reports, copied next to the tests.</summary>
internal static class Samples
{
    public static IReadOnlyList<string> Names { get; } =
        [.. Directory.GetFiles(Folder, "*.txt").Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal).Cast<string>()];

    public static string Folder => System.IO.Path.Combine(AppContext.BaseDirectory, "Samples");

    /// <summary>The sample whose file name starts with the given number, e.g. "001".</summary>
    public static string Path(string number) =>
        System.IO.Path.Combine(Folder, Names.Single(n => n.StartsWith(number, StringComparison.Ordinal)));

    public static string Text(string number) => File.ReadAllText(Path(number));

    /// <summary>Reads and checks one sample as `gongkai report check` does (the platform reads uploads, not paths).</summary>
    public static async Task<CheckedReport> CheckAsync(string number)
    {
        var path = Path(number);
        var parsed = await ReportParser.ParseFileAsync(path);
        return new CheckedReport(path, parsed.Report, ReportCheck.Findings(parsed));
    }
}

using System.CommandLine;
using System.Globalization;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Accuracy;
using Gongkai.AnnualReports.Parsing;

namespace Gongkai.Cli;

/// <summary>
/// `gongkai report accuracy FOLDER`: reads every real report of a corpus folder (each <c>NAME.ext</c> beside its
/// <c>NAME.expected.json</c>), checks it and compares the reading with the values a person read by eye, then prints
/// per layout class: files exact, cells exact, cells flagged for review, cells silently wrong, false errors, missed
/// defects.
/// </summary>
internal static class AccuracyCommand
{
    private const string ExpectedSuffix = ".expected.json";

    public static Command Create(CliContext context)
    {
        var folder = new Argument<string>("FOLDER") { Description = "真实报告语料文件夹：每份报告文件旁有同名的 .expected.json（人工读出的预期值）" };
        var verbose = new Option<bool>("--verbose") { Description = "逐份列出读错、待核对的单元格和误报的错误" };
        var command = new Command("accuracy", "用人工核对过的真实报告衡量读取的准确度：按版式分类统计") { folder, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(folder)!;
            if (!Directory.Exists(path))
            {
                context.Error.WriteLine($"gongkai: 找不到文件夹“{path}”。");
                return GongkaiCommand.InputError;
            }

            var results = await MeasureAsync(path, context.Error, cancellationToken);
            if (results.Count == 0)
            {
                context.Error.WriteLine($"gongkai: 文件夹“{path}”中没有 *{ExpectedSuffix} 预期值文件。");
                return GongkaiCommand.InputError;
            }

            Write(context.Out, results, parse.GetValue(verbose));
            return GongkaiCommand.Success;
        });
        return command;
    }

    /// <summary>Reads and compares every report of the folder that has an expected file; a bad expected file is reported and skipped.</summary>
    internal static async Task<List<FileAccuracy>> MeasureAsync(string folder, TextWriter error, CancellationToken cancellationToken)
    {
        var results = new List<FileAccuracy>();
        foreach (var expectedPath in Directory.EnumerateFiles(folder, "*" + ExpectedSuffix, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var stem = expectedPath[..^ExpectedSuffix.Length];
            var source = Directory.EnumerateFiles(Path.GetDirectoryName(expectedPath)!, Path.GetFileName(stem) + ".*")
                .FirstOrDefault(f => !f.EndsWith(ExpectedSuffix, StringComparison.Ordinal));
            ExpectedReading expected;
            try
            {
                expected = ExpectedReading.Parse(await File.ReadAllTextAsync(expectedPath, cancellationToken));
            }
            catch (ReportReadException exception)
            {
                error.WriteLine($"跳过“{expectedPath}”：{exception.Message}");
                continue;
            }

            if (source is null)
            {
                error.WriteLine($"跳过“{expectedPath}”：旁边没有同名的报告文件。");
                continue;
            }

            results.Add(await MeasureFileAsync(source, expected, cancellationToken));
        }

        return results;
    }

    internal static async Task<FileAccuracy> MeasureFileAsync(string source, ExpectedReading expected, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(source);
        try
        {
            var parsed = await ReportParser.ParseFileAsync(source, cancellationToken: cancellationToken);
            return ReadingAccuracy.Compare(name, expected, parsed.Report, ReportCheck.Findings(parsed));
        }
        catch (ReportReadException exception)
        {
            return ReadingAccuracy.Compare(name, expected, null, [], exception.Message);
        }
    }

    private static void Write(TextWriter output, List<FileAccuracy> results, bool verbose)
    {
        foreach (var result in results)
        {
            var state = result.ReadError is not null ? "无法读取"
                : result.IsExact ? (result.UnsureCells.Count > 0 ? "准确（含待核对）" : "准确")
                : "有差异";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.File}  [{result.Layout}]  {state}  单元格 {result.ExactCells}/{result.Cells}  待核对 {result.FlaggedCells.Count}  读错 {result.WrongCells.Count}  误报错误 {result.FalseErrors.Count}  漏报问题 {result.MissedDefects.Count}"));
            if (!verbose)
            {
                continue;
            }

            if (result.ReadError is { } readError)
            {
                output.WriteLine("    无法读取：" + readError);
            }

            foreach (var difference in result.HeaderDifferences)
            {
                output.WriteLine("    " + difference);
            }

            foreach (var path in result.WrongCells)
            {
                output.WriteLine("    读错：" + path);
            }

            foreach (var path in result.FlaggedCells)
            {
                output.WriteLine("    待核对且不同：" + path);
            }

            foreach (var finding in result.FalseErrors)
            {
                output.WriteLine($"    误报：{finding.RuleId} {finding.Message}");
            }

            foreach (var defect in result.MissedDefects)
            {
                output.WriteLine("    漏报：" + defect.What);
            }
        }

        output.WriteLine();
        output.WriteLine("| 版式 | 文件 | 完全准确 | 单元格准确 | 待核对 | 读错（未提示） | 误报错误 | 漏报问题 |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in results.GroupBy(r => r.Layout).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            WriteRow(output, group.Key, [.. group]);
        }

        WriteRow(output, "合计", results);
    }

    private static void WriteRow(TextWriter output, string name, List<FileAccuracy> results)
    {
        var cells = results.Sum(r => r.Cells);
        var exact = results.Sum(r => r.ExactCells);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {results.Count} | {results.Count(r => r.IsExact)} | {exact}/{cells} ({(cells == 0 ? 0 : 100.0 * exact / cells):0.0}%) | {results.Sum(r => r.FlaggedCells.Count)} | {results.Sum(r => r.WrongCells.Count)} | {results.Sum(r => r.FalseErrors.Count)} | {results.Sum(r => r.MissedDefects.Count)} |"));
    }
}

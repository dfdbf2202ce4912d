using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gongkai.AnnualReports;
using Gongkai.AnnualReports.Json;
using Gongkai.AnnualReports.Parsing;
using Gongkai.AnnualReports.Rendering;
using Gongkai.AnnualReports.Validation;

namespace Gongkai.Cli;

/// <summary>`gongkai report check|render|stats`.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("report", "政府信息公开工作年度报告：检查、转换格式、汇总统计");
        command.Subcommands.Add(Check(context));
        command.Subcommands.Add(Render(context));
        command.Subcommands.Add(Stats(context));
        command.Subcommands.Add(AccuracyCommand.Create(context));
        return command;
    }

    private static Command Check(CliContext context)
    {
        var inputs = new Argument<string[]>("FILE|FOLDER") { Description = "报告文件或文件夹（文本、Markdown、HTML、DOCX、PDF、JSON）", Arity = ArgumentArity.OneOrMore };
        var previous = new Option<string?>("--previous") { Description = "上一年度的报告，用于跨年度检查（上年结转、现行有效件数）" };
        var format = new Option<string>("--format") { Description = "输出格式：text 或 json", DefaultValueFactory = _ => "text" };
        var limits = new LimitOptions();
        var command = new Command("check", "检查年度报告：表格勾稽关系、格式、正文与表格是否一致等（gongkai rules 列出全部规则）") { inputs, previous, format };
        limits.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var json = CliFormats.IsJson(parse.GetValue(format)!);
                return await RunCheckAsync(context, parse.GetValue(inputs)!, parse.GetValue(previous), json, limits.Read(parse), cancellationToken);
            }
            catch (CommandLineInputException exception)
            {
                context.Error.WriteLine("gongkai: " + exception.Message);
                return GongkaiCommand.InputError;
            }
        });
        return command;
    }

    internal static async Task<int> RunCheckAsync(
        CliContext context, IReadOnlyList<string> inputs, string? previousPath, bool json, ReportReadLimits limits, CancellationToken cancellationToken)
    {
        AnnualReport? previous = null;
        if (previousPath is not null)
        {
            try
            {
                previous = (await ReportParser.ParseFileAsync(previousPath, limits, cancellationToken)).Report;
            }
            catch (ReportReadException exception)
            {
                context.Error.WriteLine($"gongkai: 无法读取 --previous 指定的上年报告“{previousPath}”：{exception.Message}");
                return GongkaiCommand.InputError;
            }
        }

        var files = ReportInputs.Expand(inputs);
        if (files.Count == 0)
        {
            context.Error.WriteLine("gongkai: 没有找到可检查的报告文件（支持 " + string.Join(' ', ReportInputs.Extensions) + "）。");
            return GongkaiCommand.InputError;
        }

        var parsed = new (ReportParseResult? Result, string? Error)[files.Count];
        using (var progress = new ProgressBar(context.Error, files.Count, context.ErrorIsTerminal && files.Count > 20))
        {
            await Parallel.ForAsync(0, files.Count, cancellationToken, async (i, token) =>
            {
                try
                {
                    parsed[i] = (await ReportParser.ParseFileAsync(files[i], limits, token), null);
                }
                catch (ReportReadException exception)
                {
                    parsed[i] = (null, exception.Message);
                }

                progress.Advance();
            });
        }

        // Reports of the same organisation for consecutive years in one batch are checked across years too.
        var byOrganizationYear = new Dictionary<(string, int), AnnualReport>();
        foreach (var (result, _) in parsed)
        {
            if (result?.Report is { Organization: { } organization, Year: { } year } report)
            {
                byOrganizationYear.TryAdd((organization, year), report);
            }
        }

        var checkedReports = new CheckedReport[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            var (result, error) = parsed[i];
            if (result is null)
            {
                checkedReports[i] = new CheckedReport(files[i], null, [], error);
                return;
            }

            var report = result.Report;
            var last = previous ?? (report is { Organization: { } o, Year: { } y } && byOrganizationYear.TryGetValue((o, y - 1), out var found) ? found : null);
            checkedReports[i] = new CheckedReport(files[i], report, ReportCheck.Findings(result, last));
        });

        if (json)
        {
            WriteJson(context.Out, checkedReports);
        }
        else
        {
            WriteText(context.Out, checkedReports);
        }

        return checkedReports.Any(r => !r.WasRead) ? GongkaiCommand.InputError
            : checkedReports.Any(r => r.HasErrors) ? GongkaiCommand.Findings
            : GongkaiCommand.Success;
    }

    private static void WriteText(TextWriter output, IReadOnlyList<CheckedReport> reports)
    {
        foreach (var report in reports)
        {
            output.WriteLine(report.File);
            if (!report.WasRead)
            {
                output.WriteLine($"  无法读取：{report.ReadError}");
                output.WriteLine();
                continue;
            }

            var model = report.Report!;
            output.WriteLine($"  {model.Organization ?? "（未识别机关名称）"} · {(model.Year is { } year ? year.ToString(CultureInfo.InvariantCulture) + "年度" : "（未识别年度）")} · {FormatName(model.Format)}");
            if (report.Findings.Count == 0)
            {
                output.WriteLine("  未发现问题。");
            }

            foreach (var finding in report.Findings)
            {
                var where = finding.Location is { } location ? " " + location : "";
                output.WriteLine($"  {SeverityText.Label(finding.Severity)} {finding.RuleId}{where}：{finding.Message}");
            }

            output.WriteLine();
        }

        var summary = Summarize(reports);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"共检查 {summary.Total} 份报告：{summary.WithErrors} 份有错误，{summary.WithWarnings} 份只有警告，{summary.Clean} 份未发现问题，{summary.Unreadable} 份无法读取。"));
        if (summary.NeedsReview > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"其中 {summary.NeedsReview} 份有“待核对”的读取问题：程序无法确定原文的某些数字，请对照原文核对这些单元格。"));
        }
    }

    private static void WriteJson(TextWriter output, IReadOnlyList<CheckedReport> reports)
    {
        var summary = Summarize(reports);
        var findings = reports.SelectMany(r => r.Findings).ToList();
        var json = new CheckJson(
            [.. reports.Select(CheckedReportJson (report) => report.Report is not { } model
                ? new UnreadableReportJson(report.File, report.ReadError)
                : new ReadReportJson(
                    report.File,
                    model.Organization,
                    model.Year,
                    model.Format == ReportFormat.Format2019 ? "2019" : "2021",
                    [.. report.Findings.Select(f => new FindingJson(
                        f.RuleId, SeverityText.Name(f.Severity), f.Message, f.Location?.ToString(), f.Expected, f.Actual, f.Cells))]))],
            new CheckSummaryJson(
                summary.Total,
                summary.WithErrors,
                summary.WithWarnings,
                summary.NeedsReview,
                summary.Clean,
                summary.Unreadable,
                findings.Count(f => f.Severity == Severity.Error),
                findings.Count(f => f.Severity == Severity.Warning),
                findings.Count(f => f.Severity == Severity.Review),
                findings.GroupBy(f => f.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal)));
        output.WriteLine(JsonSerializer.Serialize(json, CliJson.Output.CheckJson));
    }

    private static (int Total, int WithErrors, int WithWarnings, int Clean, int Unreadable, int NeedsReview) Summarize(IReadOnlyList<CheckedReport> reports)
    {
        var unreadable = reports.Count(r => !r.WasRead);
        var errors = reports.Count(r => r.WasRead && r.HasErrors);
        var warnings = reports.Count(r => r.WasRead && !r.HasErrors && r.Findings.Any(f => f.Severity is Severity.Warning or Severity.Review));
        var review = reports.Count(r => r.Findings.Any(f => f.Severity == Severity.Review));
        return (reports.Count, errors, warnings, reports.Count - unreadable - errors - warnings, unreadable, review);
    }

    private static Command Render(CliContext context)
    {
        var input = new Argument<string>("FILE") { Description = "要转换的报告（任何可读格式）" };
        var to = new Option<string>("--to") { Description = "目标格式：html、md、docx 或 json", Required = true };
        to.AcceptOnlyFromAmong("html", "md", "docx", "json");
        var output = new Option<string?>("-o", "--output") { Description = "输出文件；省略时写到标准输出（docx 必须指定）" };
        var limits = new LimitOptions();
        var command = new Command("render", "按国家格式输出报告：HTML（可打印）、Markdown、DOCX 或 JSON（gongkai-annual-report/v1）") { input, to, output };
        limits.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(input)!;
            ReportParseResult parsed;
            try
            {
                parsed = await ReportParser.ParseFileAsync(path, limits.Read(parse), cancellationToken);
            }
            catch (CommandLineInputException exception)
            {
                context.Error.WriteLine("gongkai: " + exception.Message);
                return GongkaiCommand.InputError;
            }
            catch (ReportReadException exception)
            {
                context.Error.WriteLine($"gongkai: 无法读取“{path}”：{exception.Message}");
                return GongkaiCommand.InputError;
            }

            foreach (var finding in parsed.Findings)
            {
                context.Error.WriteLine($"注意：{finding.Message}");
            }

            var target = parse.GetValue(output);
            var format = parse.GetValue(to)!;
            if (format == "docx")
            {
                if (target is null)
                {
                    context.Error.WriteLine("gongkai: 输出 DOCX 时请用 -o 指定文件，例如 -o 报告.docx。");
                    return GongkaiCommand.InputError;
                }

                await using var stream = File.Create(target);
                DocxReportRenderer.Render(parsed.Report, stream);
                return GongkaiCommand.Success;
            }

            var text = format switch
            {
                "html" => HtmlReportRenderer.Render(parsed.Report),
                "md" => MarkdownReportRenderer.Render(parsed.Report),
                _ => ReportJson.Serialize(parsed.Report),
            };
            if (target is null)
            {
                context.Out.Write(text);
            }
            else
            {
                await File.WriteAllTextAsync(target, text, cancellationToken);
            }

            return GongkaiCommand.Success;
        });
        return command;
    }

    private static Command Stats(CliContext context)
    {
        var folder = new Argument<string[]>("FOLDER") { Description = "报告文件夹或文件", Arity = ArgumentArity.OneOrMore };
        var csv = new Option<string?>("--csv") { Description = "把每份报告的全部单元格（每行一份报告，每列一个单元格）和合计写入 CSV 文件" };
        var limits = new LimitOptions();
        var command = new Command("stats", "汇总多份报告的表格：逐份列出并求和") { folder, csv };
        limits.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            ReportReadLimits readLimits;
            try
            {
                readLimits = limits.Read(parse);
            }
            catch (CommandLineInputException exception)
            {
                context.Error.WriteLine("gongkai: " + exception.Message);
                return GongkaiCommand.InputError;
            }

            var files = ReportInputs.Expand(parse.GetValue(folder)!);
            var rows = new List<(string File, AnnualReport Report)>();
            var unreadable = 0;
            foreach (var file in files)
            {
                try
                {
                    rows.Add((file, (await ReportParser.ParseFileAsync(file, readLimits, cancellationToken)).Report));
                }
                catch (ReportReadException exception)
                {
                    unreadable++;
                    context.Error.WriteLine($"无法读取“{file}”：{exception.Message}");
                }
            }

            ReportStats.WriteSummary(context.Out, rows);
            if (parse.GetValue(csv) is { } csvPath)
            {
                await using var writer = new StreamWriter(csvPath, false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
                ReportStats.WriteCsv(writer, rows);
                context.Out.WriteLine($"已写入 {csvPath}（{rows.Count} 份报告 + 合计）。");
            }

            return unreadable > 0 ? GongkaiCommand.InputError : GongkaiCommand.Success;
        });
        return command;
    }

    private static string FormatName(ReportFormat format) => format == ReportFormat.Format2019 ? "2019年版格式" : "2021年版格式";

    /// <summary>--max-size and --time-limit: the reader limits a user may change for a batch (the rest keep their defaults).</summary>
    private sealed class LimitOptions
    {
        private readonly Option<string?> _maxSize = new("--max-size")
        {
            Description = string.Create(CultureInfo.InvariantCulture,
                $"单个文件的大小上限（MB，默认 {ReportReadLimits.Default.MaxInputBytes / (1024 * 1024)}）；更大的文件不读取"),
        };

        private readonly Option<string?> _timeLimit = new("--time-limit")
        {
            Description = string.Create(CultureInfo.InvariantCulture,
                $"读取单个文件的时间上限（秒，默认 {ReportReadLimits.Default.TimeBudget.TotalSeconds}）；超时的文件报告为无法读取"),
        };

        public void AddTo(Command command)
        {
            command.Options.Add(_maxSize);
            command.Options.Add(_timeLimit);
        }

        public ReportReadLimits Read(ParseResult parse)
        {
            var limits = ReportReadLimits.Default;
            if (parse.GetValue(_maxSize) is { } size)
            {
                limits = limits with { MaxInputBytes = CliNumbers.Parse("--max-size", size, 1) * 1024L * 1024L };
            }

            if (parse.GetValue(_timeLimit) is { } seconds)
            {
                limits = limits with { TimeBudget = TimeSpan.FromSeconds(CliNumbers.Parse("--time-limit", seconds, 1)) };
            }

            return limits;
        }
    }
}

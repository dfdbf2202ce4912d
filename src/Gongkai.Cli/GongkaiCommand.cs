using System.CommandLine;

namespace Gongkai.Cli;

/// <summary>
/// The `gongkai` command line: a thin layer over the library. Each command lives in its own file with a static
/// <c>Create(CliContext)</c> that builds it; this class only assembles them.
/// </summary>
public static class GongkaiCommand
{
    /// <summary>Exit code: everything checked and no errors.</summary>
    public const int Success = 0;

    /// <summary>Exit code: some report has errors.</summary>
    public const int Findings = 1;

    /// <summary>Exit code: some input could not be read, or the command line was wrong.</summary>
    public const int InputError = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        context ??= CliContext.Default(stdout, stderr);

        var root = new RootCommand("Gongkai 公开：政府信息公开年度报告检查、生成与办理期限计算");
        foreach (var command in Commands(context))
        {
            root.Subcommands.Add(command);
        }

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 || parseResult.CommandResult.Command == root && args.Length == 0)
        {
            foreach (var error in parseResult.Errors)
            {
                stderr.WriteLine($"gongkai: {error.Message}");
            }

            stderr.WriteLine("用法：gongkai <命令> [选项]；gongkai --help 列出全部命令。");
            return InputError;
        }

        return parseResult.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    private static IEnumerable<Command> Commands(CliContext context)
    {
        yield return RulesCommand.Create(context);
        yield return DeadlineCommand.Create(context);
        yield return FeeCommand.Create(context);
        yield return ReportCommand.Create(context);
        yield return DbCommand.Create(context);
    }
}

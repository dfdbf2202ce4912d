namespace Gongkai.Cli;

/// <summary>The `gongkai` command line: parses arguments and dispatches to the library.</summary>
public static class GongkaiCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        stderr.WriteLine("gongkai: no command yet");
        return 2;
    }
}

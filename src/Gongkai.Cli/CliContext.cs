namespace Gongkai.Cli;

/// <summary>What a command may touch of the outside world: its output streams, the clock, and whether stderr is a terminal.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, TimeProvider Clock, bool ErrorIsTerminal)
{
    public static CliContext Default(TextWriter stdout, TextWriter stderr) =>
        new(stdout, stderr, TimeProvider.System, !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error));
}

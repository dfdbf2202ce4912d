namespace Gongkai.Cli;

internal static class Program
{
    public static int Main(string[] args) => GongkaiCommand.Run(args, Console.Out, Console.Error);
}

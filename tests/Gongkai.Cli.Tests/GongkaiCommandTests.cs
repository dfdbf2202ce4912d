using Gongkai.Cli;

namespace Gongkai.Tests.Cli;

public class GongkaiCommandTests
{
    [Fact]
    public void Without_a_command_it_fails_with_exit_code_2()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = GongkaiCommand.Run([], stdout, stderr);

        exitCode.ShouldBe(2);
    }
}

using Gongkai.Cli;

namespace Gongkai.Tests.Cli;

public class ProgressBarTests
{
    [Fact]
    public void On_a_terminal_the_bar_is_redrawn_in_place_and_cleared_at_the_end()
    {
        using var error = new StringWriter();

        using (var bar = new ProgressBar(error, total: 4, enabled: true))
        {
            for (var i = 0; i < 4; i++)
            {
                bar.Advance();
            }
        }

        var text = error.ToString();
        text.ShouldContain("\r检查中 [#####---------------] 1/4");
        text.ShouldContain("\r检查中 [####################] 4/4");
        text.ShouldEndWith("\r");
    }

    [Fact]
    public void When_stderr_is_not_a_terminal_nothing_is_written()
    {
        using var error = new StringWriter();

        using (var bar = new ProgressBar(error, total: 100, enabled: false))
        {
            bar.Advance();
        }

        error.ToString().ShouldBeEmpty();
    }
}

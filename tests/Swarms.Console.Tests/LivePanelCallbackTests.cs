using Swarms.Agents;
using Swarms.Agents.Tests.Support;
using Swarms.Agents.Tests.Workflows;
using Swarms.Console.Tests.Support;
using Spectre.Console;

namespace Swarms.Console.Tests;

public class LivePanelCallbackTests
{
    [Fact]
    public async Task RunAsync_Terminal_CustomTitleAndBorderCompleteTextOnScreenOnce()
    {
        using var console = TestConsoles.Terminal();
        var panel = ConsoleCallbacks.LivePanel("📈 Market watch", BoxBorder.Double, Color.Gold1);

        var answer = await panel.RunAsync(console, () =>
            new Agent(TestAgents.Options(client: TestAgents.Local(tokensPerSecond: 400))).RunAsync(TestAgents.Task, panel.OnToken));

        Assert.Equal(answer, panel.Text);
        var screen = TerminalScreen.Render(console.Output);
        Assert.Single(screen, l => l.StartsWith('╔') && l.Contains("📈 Market watch", StringComparison.Ordinal));
        var inside = string.Join('\n', screen.Where(l => l.StartsWith('║')).Select(l => l[1..^1].Trim()));
        Assert.Equal(1, TestAgents.Occurrences(inside, answer));
        // The live frames drew the text while it grew (more than one frame reached the output).
        Assert.True(TestAgents.Occurrences(console.Output, "📈 Market watch") >= 2);
    }

    [Fact]
    public async Task RunAsync_Redirected_PanelPrintedOnceWithoutEscapes()
    {
        using var console = TestConsoles.Redirected();
        var panel = new LivePanelCallback { Title = "Research", Border = BoxBorder.Ascii };

        var answer = await panel.RunAsync(console, () => new Agent(TestAgents.Options()).RunAsync(TestAgents.Task, panel.OnTokenInfo));

        var output = console.Output;
        Assert.DoesNotContain('\u001b', output);
        Assert.Equal(1, TestAgents.Occurrences(output, "Research"));
        Assert.Equal(answer, panel.Text);
        Assert.Contains(answer.Split('\n')[^1], output, StringComparison.Ordinal);
    }
}

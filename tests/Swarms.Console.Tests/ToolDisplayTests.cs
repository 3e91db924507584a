using Spectre.Console.Testing;
using Swarms.Agents;
using Swarms.Agents.Tests.Support;
using Swarms.Agents.Tools;
using Swarms.Agents.Workflows;
using Swarms.Console.Tests.Support;

namespace Swarms.Console.Tests;

/// <summary>Tool calls and results shown compactly: the agent's panel, the dashboard and plain lines (local model, real tools).</summary>
public class ToolDisplayTests
{
    private const string CallLine = "⚙ calculator {\"expression\":\"6 * 7\"} → 42";

    private static Agent Calculating(Action<AgentOptions>? configure = null)
    {
        var options = TestAgents.Options();
        options.AgentName = "Calc";
        options.Tools = [BuiltInTools.Calculator()];
        configure?.Invoke(options);
        return new Agent(options);
    }

    [Fact]
    public async Task RunAsync_RedirectedStreamingPanel_ToolCallAndResultLinesBeforeTheAnswer()
    {
        using var console = TestConsoles.Redirected();
        var agent = Calculating(o => { o.PrintOn = true; o.StreamingOn = true; o.Output = new SpectreConsoleOutput(console); });

        var answer = await agent.RunAsync("What is 6 * 7?");

        var lines = console.Output.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("🤖 Agent: Calc | Loops: 1", lines[0]);
        Assert.Equal("⚙ calculator {\"expression\":\"6 * 7\"}", lines[1]);
        Assert.Equal("⚙ calculator → 42", lines[2]);
        Assert.Equal(answer, string.Join('\n', lines[3..]).TrimEnd('\n'));
    }

    [Fact]
    public async Task RunAsync_TerminalPanel_ShowsTheToolLineAboveTheAnswer()
    {
        using var console = TestConsoles.Terminal();
        var agent = Calculating(o => { o.PrintOn = true; o.StreamingOn = true; o.Output = new SpectreConsoleOutput(console); });

        await agent.RunAsync("What is 6 * 7?");

        var screen = TerminalScreen.Render(console.Output).ToList();
        int tool = screen.FindIndex(l => l.Contains(CallLine, StringComparison.Ordinal));
        int answer = screen.FindIndex(l => l.Contains("Answer: 42.", StringComparison.Ordinal));
        Assert.True(tool >= 0 && answer > tool, string.Join('\n', screen));
    }

    [Fact]
    public async Task RunAsync_DashboardNotATerminal_PlainToolLinesPrefixedWithTheAgent()
    {
        var console = new TestConsole();
        var workflow = new SequentialWorkflow([Calculating()], new SequentialWorkflowOptions { Name = "calc", ShowDashboard = true, Output = new SpectreConsoleOutput(console) });

        await workflow.RunAsync("What is 6 * 7?");

        var output = console.Output.ReplaceLineEndings("\n");
        Assert.Contains("\n[Calc] ⚙ calculator {\"expression\":\"6 * 7\"}\n[Calc] ⚙ calculator → 42\n", output, StringComparison.Ordinal);
        Assert.Contains("[Calc] Answer: 42.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LiveDashboard_FinalPanelListsTheToolCallAndTheHeaderCountsIt()
    {
        var console = new TestConsole().SupportsAnsi(true).Interactive().Width(120).Height(40);
        var workflow = new ConcurrentWorkflow([Calculating()], new ConcurrentWorkflowOptions { Name = "calc", ShowDashboard = true, Output = new SpectreConsoleOutput(console) });

        await workflow.RunAsync("What is 6 * 7?");

        Assert.Contains(CallLine, console.Output, StringComparison.Ordinal);
        Assert.Contains("1 tool call", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ToolFails_LineShowsTheError()
    {
        var console = new TestConsole();
        var workflow = new SequentialWorkflow([Calculating()], new SequentialWorkflowOptions { Name = "calc", ShowDashboard = true, Output = new SpectreConsoleOutput(console) });

        await workflow.RunAsync("What is 1 / (2 - 2)?");

        Assert.Contains("[Calc] ⚙ calculator ✗ DivideByZeroException: division by zero", console.Output, StringComparison.Ordinal);
    }
}

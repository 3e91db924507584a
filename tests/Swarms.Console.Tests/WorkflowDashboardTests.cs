using Spectre.Console.Testing;
using Swarms.Agents.Dashboard;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;

namespace Swarms.Agents.Tests.Workflows;

public class WorkflowDashboardTests
{
    private static List<Agent> Agents(bool oneFails = false) =>
    [
        new ScriptedChatClient { TokenDelay = TimeSpan.FromMilliseconds(10), Reply = _ => "chart shows an uptrend with strong momentum" }.Agent("Technical-Analyst"),
        new ScriptedChatClient { TokenDelay = TimeSpan.FromMilliseconds(10), Reply = _ => "valuation looks stretched versus peers",
            Failure = oneFails ? new InvalidOperationException("quota exceeded") : null }.Agent("Fundamental-Analyst"),
        new ScriptedChatClient { TokenDelay = TimeSpan.FromMilliseconds(10), Reply = _ => "news flow is upbeat this week" }.Agent("Sentiment-Analyst"),
    ];

    [Fact]
    public async Task RunAsync_LiveTerminal_ShowsEveryAgentsNameStatusAndText()
    {
        var console = new TestConsole().SupportsAnsi(true).Interactive().Width(100).Height(40);
        var workflow = new ConcurrentWorkflow(Agents(), new ConcurrentWorkflowOptions { Name = "market-analysis", ShowDashboard = true, Console = console });

        var result = await workflow.RunAsync("Analyze TSLA");

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        var output = console.Output;
        Assert.Contains("market-analysis", output, StringComparison.Ordinal);
        foreach (var agent in result.Agents)
        {
            Assert.Contains(agent.Agent, output, StringComparison.Ordinal);
        }

        Assert.Contains("completed", output, StringComparison.Ordinal);
        Assert.Contains("chart shows an uptrend with strong momentum", output, StringComparison.Ordinal);
        Assert.Contains("valuation looks stretched versus peers", output, StringComparison.Ordinal);
        Assert.Contains("news flow is upbeat this week", output, StringComparison.Ordinal);
        Assert.Contains("Summary", output, StringComparison.Ordinal);
        Assert.Contains("market-analysis completed: 3/3 agents completed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TenAgentsStreamingAtOnce_RendersEveryAgentAndOneSummary()
    {
        var console = new TestConsole().SupportsAnsi(true).Interactive().Width(100).Height(60);
        var agents = Enumerable.Range(1, 10).Select(i => new ScriptedChatClient
        {
            TokenDelay = TimeSpan.FromMilliseconds(2), Reply = _ => string.Join(' ', Enumerable.Repeat($"token{i}", 50)),
        }.Agent($"Agent-{i:00}")).ToList();
        var workflow = new ConcurrentWorkflow(agents, new ConcurrentWorkflowOptions { Name = "ten", ShowDashboard = true, Console = console });

        var result = await workflow.RunAsync("task");

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        var output = console.Output;
        Assert.All(agents, a => Assert.Contains(a.Name, output, StringComparison.Ordinal));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(output, "ten completed: 10/10 agents completed"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(output, "Summary"));
    }

    [Fact]
    public async Task RunAsync_LiveTerminalWithFailure_ShowsFailedStatusAndError()
    {
        var console = new TestConsole().SupportsAnsi(true).Interactive().Width(120).Height(40);
        var workflow = new ConcurrentWorkflow(Agents(oneFails: true), new ConcurrentWorkflowOptions { Name = "market-analysis", ShowDashboard = true, Console = console });

        await workflow.RunAsync("Analyze TSLA");

        Assert.Contains("failed", console.Output, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: quota", console.Output, StringComparison.Ordinal);
        Assert.Contains("partially completed: 2/3 agents completed", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NotATerminal_PrintsPlainLinesWithoutEscapes()
    {
        var console = new TestConsole();
        var workflow = new SequentialWorkflow(Agents(), new SequentialWorkflowOptions { Name = "pipeline", ShowDashboard = true, Console = console });

        await workflow.RunAsync("Analyze TSLA");

        var output = console.Output;
        Assert.DoesNotContain('\u001b', output);
        Assert.Contains("pipeline: 3 agents (Technical-Analyst, Fundamental-Analyst, Sentiment-Analyst)", output, StringComparison.Ordinal);
        Assert.Contains("[Technical-Analyst] started", output, StringComparison.Ordinal);
        Assert.Contains("[Technical-Analyst] chart shows an uptrend with strong momentum", output, StringComparison.Ordinal);
        Assert.Contains("[Sentiment-Analyst] completed · 16 tokens", output, StringComparison.Ordinal);
        Assert.Contains("Summary:", output, StringComparison.Ordinal);
        Assert.Contains("pipeline completed: 3/3 agents completed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DashboardOff_PrintsNothing()
    {
        var console = new TestConsole().SupportsAnsi(true).Interactive();
        var agents = Agents();
        foreach (var agent in agents)
        {
            agent.Options.PrintOn = true;
            agent.Options.StreamingOn = true;
            agent.Options.Console = console;
        }

        var result = await new ConcurrentWorkflow(agents, new ConcurrentWorkflowOptions { Console = console }).RunAsync("task");

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Equal("", console.Output);
    }

    [Fact]
    public void Frame_WhileRunning_ShowsSpinnerStatusTokensAndTextTail()
    {
        var state = new DashboardState(["A", "B"]);
        var now = DateTimeOffset.UnixEpoch;
        state.Apply(new AgentStarted("A", 1, 1) { Timestamp = now });
        state.Apply(new TextDelta("A", 1, string.Join(' ', Enumerable.Range(1, 400).Select(i => $"w{i}"))) { Timestamp = now });

        var console = new TestConsole().Width(60);
        console.Write(DashboardView.Frame("flow", state.Snapshot(now.AddSeconds(2), 0), TimeSpan.FromSeconds(2), 60, 20, 3));

        var output = console.Output;
        Assert.Contains("flow", output, StringComparison.Ordinal);
        Assert.Contains("A  running  1 tokens · 2.0s", output, StringComparison.Ordinal);
        Assert.Contains("B  pending", output, StringComparison.Ordinal);
        Assert.Contains("w400", output, StringComparison.Ordinal);
        Assert.DoesNotContain("w1 ", output, StringComparison.Ordinal);
        Assert.True(console.Lines.Count <= 20, $"{console.Lines.Count} lines");
    }

    [Fact]
    public void TextTail_LongText_KeepsLastWrappedLines()
    {
        var tail = TextTail.Last("one two three four five six seven eight nine ten", 10, 2);
        Assert.Equal("seven\neight nine\nten".Split('\n')[1..], tail.Split('\n'));
    }
}

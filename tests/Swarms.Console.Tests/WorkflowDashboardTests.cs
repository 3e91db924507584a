using Swarms.Agents;
using Swarms.Agents.Tests.Support;
using Swarms.Agents.Tests.Workflows;
using Swarms.Console.Tests.Support;
using Spectre.Console.Testing;
using Swarms.Console.Dashboard;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;

namespace Swarms.Console.Tests;

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
        var workflow = new ConcurrentWorkflow(Agents(), new ConcurrentWorkflowOptions { Name = "market-analysis", ShowDashboard = true, Output = new SpectreConsoleOutput(console) });

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
        var workflow = new ConcurrentWorkflow(agents, new ConcurrentWorkflowOptions { Name = "ten", ShowDashboard = true, Output = new SpectreConsoleOutput(console) });

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
        var workflow = new ConcurrentWorkflow(Agents(oneFails: true), new ConcurrentWorkflowOptions { Name = "market-analysis", ShowDashboard = true, Output = new SpectreConsoleOutput(console) });

        await workflow.RunAsync("Analyze TSLA");

        Assert.Contains("failed", console.Output, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: quota", console.Output, StringComparison.Ordinal);
        Assert.Contains("partially completed: 2/3 agents completed", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NotATerminal_PrintsPlainLinesWithoutEscapes()
    {
        var console = new TestConsole();
        var workflow = new SequentialWorkflow(Agents(), new SequentialWorkflowOptions { Name = "pipeline", ShowDashboard = true, Output = new SpectreConsoleOutput(console) });

        await workflow.RunAsync("Analyze TSLA");

        var output = console.Output;
        Assert.DoesNotContain('\u001b', output);
        Assert.Contains("pipeline: 3 agents (Technical-Analyst, Fundamental-Analyst, Sentiment-Analyst)", output, StringComparison.Ordinal);
        Assert.Contains("[Technical-Analyst] started", output, StringComparison.Ordinal);
        Assert.Contains("[Technical-Analyst] chart shows an uptrend with strong momentum", output, StringComparison.Ordinal);
        Assert.Contains("[Sentiment-Analyst] completed · 6 output tokens", output, StringComparison.Ordinal);
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
            agent.Options.Output = new SpectreConsoleOutput(console);
        }

        var result = await new ConcurrentWorkflow(agents, new ConcurrentWorkflowOptions { ShowDashboard = false, Output = new SpectreConsoleOutput(console) }).RunAsync("task");

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Equal("", console.Output);
    }

    [Fact]
    public async Task RunAsync_DashboardUnsetAndAgentsPrint_ShowsTheDashboardNotTheAgentsPanels()
    {
        var console = new TestConsole();
        var agents = Agents();
        foreach (var agent in agents)
        {
            agent.Options.PrintOn = true;
            agent.Options.StreamingOn = true;
            agent.Options.Output = new SpectreConsoleOutput(console);
        }

        await new SequentialWorkflow(agents, name: "pipeline").RunAsync("task");

        Assert.Contains("pipeline completed: 3/3 agents completed", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("🤖 Agent:", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SequentialWorkflow_ShortConstructorWithDashboard_ShowsTheRunningAgentsTokensLive()
    {
        var console = new TestConsole().SupportsAnsi(true).Interactive().Width(100).Height(30);
        var researcher = new ScriptedChatClient { TokenDelay = TimeSpan.FromMilliseconds(15), Reply = _ => string.Join(' ', Enumerable.Range(1, 40).Select(i => $"fact{i}")) };
        var writer = new ScriptedChatClient { TokenDelay = TimeSpan.FromMilliseconds(15), Reply = _ => "the article" };
        var agents = new[] { researcher.Agent("Researcher"), writer.Agent("Writer") };
        foreach (var agent in agents)
        {
            agent.Options.Output = new SpectreConsoleOutput(console);
        }

        var result = await new SequentialWorkflow(agents, showDashboard: true, name: "research-writer").RunAsync("Write about tides");

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        var output = console.Output;
        int summary = output.IndexOf("Summary", StringComparison.Ordinal);
        // A live frame showed the researcher streaming (running, part of its text) while the writer waited.
        var frame = System.Text.RegularExpressions.Regex.Match(output, @"Researcher  running[^\n]*\n[\s\S]*?fact1[\s\S]*?Writer  pending");
        Assert.True(frame.Success && frame.Index < summary, output);
        Assert.Contains("research-writer completed: 2/2 agents completed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LiveTerminalCancelled_EveryAgentsTextAsItStoodThenCancelled()
    {
        var console = new TestConsole().SupportsAnsi(true).Interactive().EmitAnsiSequences().Width(120).Height(40);
        console.Profile.Capabilities.Unicode = true;
        using var cts = new CancellationTokenSource();
        var agents = Enumerable.Range(1, 2).Select(i => new ScriptedChatClient
        {
            TokenDelay = TimeSpan.FromMilliseconds(20), Reply = _ => string.Join(' ', Enumerable.Range(1, 500).Select(w => $"a{i}w{w}")),
        }.Agent($"Agent-{i}")).ToList();
        int deltas = 0;
        var workflow = new ConcurrentWorkflow(agents, new ConcurrentWorkflowOptions
        {
            Name = "long", ShowDashboard = true, Output = new SpectreConsoleOutput(console),
            OnEvent = e =>
            {
                if (e is TextDelta && ++deltas == 20)
                {
                    cts.Cancel();
                }
            },
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => workflow.RunAsync("task", cts.Token));

        var screen = string.Join('\n', TerminalScreen.Render(console.Output));
        Assert.Contains("a1w1 a1w2", screen, StringComparison.Ordinal);
        Assert.Contains("a2w1 a2w2", screen, StringComparison.Ordinal);
        Assert.Equal(2, TestAgents.Occurrences(screen, "cancelled  "));
        Assert.EndsWith("cancelled", screen.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("Summary", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NotATerminalCancelled_LinesSoFarThenCancelled()
    {
        var console = new TestConsole();
        using var cts = new CancellationTokenSource();
        var agent = new ScriptedChatClient { TokenDelay = TimeSpan.FromMilliseconds(5), Reply = _ => string.Join(' ', Enumerable.Range(1, 500).Select(w => $"w{w}")) }.Agent("Solo");
        int deltas = 0;
        var workflow = new SequentialWorkflow([agent], new SequentialWorkflowOptions
        {
            Name = "solo", ShowDashboard = true, Output = new SpectreConsoleOutput(console),
            OnEvent = e =>
            {
                if (e is TextDelta && ++deltas == 10)
                {
                    cts.Cancel();
                }
            },
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => workflow.RunAsync("task", cts.Token));

        var lines = console.Output.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal("solo: 1 agent (Solo)", lines[0]);
        Assert.StartsWith("[Solo] w1 w2", lines[^2], StringComparison.Ordinal);
        Assert.Equal("cancelled", lines[^1]);
    }

    [Fact]
    public async Task RunAsync_NotATerminalAnswerCutByMaxTokens_SaysStoppedAtMaxTokensNotCompleted()
    {
        var console = new TestConsole();
        var agent = new Agent(new AgentOptions
        {
            AgentName = "Short", PrintOn = false, MaxTokens = 10,
            ChatClient = new Swarms.Agents.Models.LocalChatClient(new Swarms.Agents.Models.LocalModelOptions { TokensPerSecond = 0 }),
        });

        await new SequentialWorkflow([agent], new SequentialWorkflowOptions { Name = "short", ShowDashboard = true, Output = new SpectreConsoleOutput(console) }).RunAsync("task");

        Assert.Contains("[Short] stopped: max tokens · ", console.Output, StringComparison.Ordinal);
        Assert.Contains("  Short: stopped: max tokens · ", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NotATerminalRetriedAgent_RetryLineGivesTheCause()
    {
        var console = new TestConsole();
        int calls = 0;
        var flaky = new ScriptedChatClient { Reply = _ => "fine now" };
        var agent = new Agent(new AgentOptions
        {
            AgentName = "Flaky", PrintOn = false, RetryDelay = TimeSpan.FromMilliseconds(1),
            ChatClient = new CountingChatClient(flaky) { FailCall = call => Interlocked.Increment(ref calls) == 1 ? new TimeoutException("no answer in time") : null },
        });

        await new SequentialWorkflow([agent], new SequentialWorkflowOptions { Name = "retry", ShowDashboard = true, Output = new SpectreConsoleOutput(console) }).RunAsync("task");

        Assert.Contains("[Flaky] attempt 1 failed (TimeoutException: no answer in time); retrying (attempt 2)", console.Output, StringComparison.Ordinal);
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
        Assert.Contains("A  running  1 output token · 2.0s", output, StringComparison.Ordinal);
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

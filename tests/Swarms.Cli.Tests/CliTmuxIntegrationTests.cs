using Swarms.Tests.Terminal;

namespace Swarms.Cli.Tests;

/// <summary>
/// End to end: the built CLI runs in a real terminal (tmux, 160x50) and the screen is read while agents stream on the
/// local model: the concurrent dashboard, the sequential one, and Ctrl+C. Needs tmux (installed by <c>.ci/run</c>).
/// </summary>
public sealed class CliTmuxIntegrationTests : IDisposable
{
    private static readonly string[] AgentNames = ["Technical-Analyst", "Fundamental-Analyst", "Sentiment-Analyst"];
    private readonly string _workDir = Directory.CreateTempSubdirectory("swarms-tmux-").FullName;

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    private static string Swarms(int tokensPerSecond, string arguments)
    {
        var dll = Repository.CliDll;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return $"env SWARMS_LOCAL_TOKENS_PER_SECOND={tokensPerSecond} '{dotnet}' '{dll}' {arguments}";
    }

    [Fact]
    public async Task Run_MarketAnalysisInATerminal_ShowsThreeAgentsStreamingThenTheSummary()
    {
        await using var tmux = new Tmux();
        await tmux.StartAsync(_workDir, Swarms(30, "run market-analysis 'Analyze TSLA'"));

        var (whileRunning, screen) = await tmux.WatchAsync(s => AgentNames.All(n => s.Contains(n, StringComparison.Ordinal))
            && Tmux.Count(s, " running ") >= 2 && s.Contains("analysis: \"TSLA\"", StringComparison.Ordinal));

        Assert.True(whileRunning is not null, $"never saw the three agents streaming at once; last screen:\n{screen}");
        Assert.Contains("market-analysis", whileRunning, StringComparison.Ordinal);
        Assert.Contains("SWARMS_EXIT=0", screen, StringComparison.Ordinal);
        Assert.Contains("Summary", screen, StringComparison.Ordinal);
        Assert.Contains("market-analysis completed: 3/3 agents completed", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ResearchWriterInATerminal_TheResearcherStreamsLiveWhileTheWriterWaits()
    {
        await using var tmux = new Tmux();
        await tmux.StartAsync(_workDir, Swarms(30, "run research-writer 'The future of tidal energy'"));

        var (whileRunning, screen) = await tmux.WatchAsync(s =>
            s.Contains("Researcher  running", StringComparison.Ordinal) && s.Contains("Writer  pending", StringComparison.Ordinal)
            && s.Contains("Research brief", StringComparison.Ordinal));

        Assert.True(whileRunning is not null, $"never saw the researcher streaming while the writer waited; last screen:\n{screen}");
        Assert.Contains("SWARMS_EXIT=0", screen, StringComparison.Ordinal);
        Assert.Contains("research-writer completed: 2/2 agents completed", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CtrlC_WhileAgentsStream_TheirTextStaysOnScreenMarkedCancelledAndTheExitCodeIs130()
    {
        await using var tmux = new Tmux();
        await tmux.StartAsync(_workDir, Swarms(8, "run market-analysis 'Analyze TSLA'"));

        var (streaming, _) = await tmux.WatchAsync(s => Tmux.Count(s, "analysis: \"TSLA\"") >= 3, TimeSpan.FromSeconds(60), untilSeen: true);
        Assert.NotNull(streaming);
        Assert.False(Tmux.Exited(streaming), "the run ended before Ctrl+C could be sent");
        await tmux.SendKeysAsync("C-c");
        await tmux.WatchAsync(limit: TimeSpan.FromSeconds(30));
        var screen = await tmux.HistoryAsync();

        Assert.Contains("SWARMS_EXIT=130", screen, StringComparison.Ordinal);
        // Each agent's text as it stood, under its name marked cancelled, with the tokens it had streamed.
        Assert.Equal(3, Tmux.Count(screen, "cancelled  "));
        Assert.DoesNotContain("cancelled  0 output tokens", screen, StringComparison.Ordinal);
        Assert.True(Tmux.Count(screen, "analysis: \"TSLA\"") >= 3, screen);
        Assert.Contains("\ncancelled\nswarms: cancelled.\n", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("Summary", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_WithTheCalculatorInATerminal_ShowsTheToolCallItsResultAndTheAnswer()
    {
        await using var tmux = new Tmux();
        await tmux.StartAsync(_workDir, Swarms(30, "agent --tool calculator 'What is 17 * 23?'"));

        var (done, screen) = await tmux.WatchAsync(s => s.Contains("SWARMS_EXIT=", StringComparison.Ordinal));

        Assert.True(done is not null, $"the agent did not finish; last screen:\n{screen}");
        Assert.Contains("SWARMS_EXIT=0", screen, StringComparison.Ordinal);
        Assert.Contains("⚙ calculator {\"expression\":\"17 * 23\"} → 391", screen, StringComparison.Ordinal);
        Assert.Contains("Answer: 391.", screen, StringComparison.Ordinal);
        Assert.True(screen.IndexOf("⚙ calculator", StringComparison.Ordinal) < screen.IndexOf("Answer: 391.", StringComparison.Ordinal), screen);
    }
}

using Swarms.Agents;
using Swarms.Agents.Tests.Support;
using Swarms.Agents.Tests.Workflows;
using Swarms.Console.Tests.Support;
using Swarms.Agents.Models;

namespace Swarms.Console.Tests;

public class ProgressBarCallbackTests
{
    [Fact]
    public async Task RunAsync_DetailedCallback_CountsReportedOutputTokensAgainstMaxTokens()
    {
        using var console = TestConsoles.Terminal();
        var options = TestAgents.Options();
        options.MaxTokens = 500;
        var agent = new Agent(options);
        var progress = ConsoleCallbacks.ProgressBar(agent);

        var answer = await progress.RunAsync(console, () => agent.RunAsync(TestAgents.Task, progress.OnTokenInfo));

        Assert.Equal(500, progress.ExpectedTokens);
        Assert.Equal(TokenCounter.Count(answer), progress.TokensReceived);
        Assert.True(progress.IsComplete);
        var screen = string.Join('\n', TerminalScreen.Render(console.Output));
        Assert.Contains($"Analyst generating", screen, StringComparison.Ordinal);
        Assert.Contains($"{progress.TokensReceived}/500 tokens", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PlainCallbackAnswerLongerThanExpected_ExpectedGrowsToTheCount()
    {
        using var console = TestConsoles.Redirected();
        var progress = new ProgressBarCallback(expectedTokens: 10, "Writing");

        var answer = await progress.RunAsync(console, () => new Agent(TestAgents.Options()).RunAsync(TestAgents.Task, progress.OnToken));

        Assert.True(progress.TokensReceived >= TokenCounter.Count(answer));
        Assert.Equal(progress.TokensReceived, progress.ExpectedTokens);
        Assert.DoesNotContain('\u001b', console.Output);
        Assert.Equal($"{progress.TokensReceived}/{progress.TokensReceived} tokens", progress.ToString());
    }
}

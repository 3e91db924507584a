using Swarms.Agents.Models;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Tests;

public class AgentLocalModelTests
{
    private static Agent NewAgent(Action<AgentOptions>? configure = null)
    {
        var options = new AgentOptions
        {
            AgentName = "Analyst",
            SystemPrompt = "You are a fundamental analyst.",
            PrintOn = false,
            ChatClient = new LocalChatClient(new LocalModelOptions { TokensPerSecond = 0 }),
        };
        configure?.Invoke(options);
        return new Agent(options);
    }

    [Fact]
    public async Task RunAsync_WithCallback_CallbackReceivesEveryTokenOfTheReturnedAnswer()
    {
        var tokens = new List<string>();
        var answer = await NewAgent().RunAsync("Analyze TSLA", tokens.Add);

        Assert.True(tokens.Count > 20);
        Assert.Equal(answer, string.Concat(tokens));
        Assert.Contains("Fundamental analysis", answer);
        Assert.Contains("\"TSLA\"", answer);
    }

    [Fact]
    public async Task RunStreamingAsync_LocalModel_EventsAreOrderedAndCompletedCarriesUsage()
    {
        var events = new List<SwarmEvent>();
        await foreach (var e in NewAgent().RunStreamingAsync("Analyze TSLA"))
        {
            events.Add(e);
        }

        Assert.IsType<AgentStarted>(events[0]);
        var completed = Assert.IsType<AgentCompleted>(events[^1]);
        Assert.Equal("stop", completed.FinishReason);
        Assert.Equal(LocalModelOptions.ModelName, completed.Model);
        Assert.Equal(TokenCounter.Count(completed.Output), completed.Usage.OutputTokens);
        Assert.True(completed.Usage.InputTokens > 0);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Single(events.Select(e => e.RunId).Distinct());
    }

    [Fact]
    public async Task RunAsync_UntypedLambdaThatFitsBothCallbackShapes_BindsToTheTokenTextCallback()
    {
        var text = new System.Text.StringBuilder();

        // StringBuilder.Append has string and object overloads: this lambda fits Action<string> and Action<TokenInfo>.
        var answer = await NewAgent().RunAsync("Analyze TSLA", t => text.Append(t));

        Assert.Equal(answer, text.ToString());
    }
}

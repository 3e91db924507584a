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

    [Fact]
    public async Task RunStreamingAsync_RunOptions_EventsCarryTheCallersRunIdFirstAttemptAndSequence()
    {
        var sequence = new CountingSequence(after: 41);

        var events = new List<SwarmEvent>();
        await foreach (var e in NewAgent().RunStreamingAsync("Analyze TSLA", new AgentRunOptions { RunId = "run-7", FirstAttempt = 3, Sequence = sequence }))
        {
            events.Add(e);
        }

        Assert.All(events, e => Assert.Equal("run-7", e.RunId));
        Assert.Equal(Enumerable.Range(42, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Equal(3, Assert.IsType<AgentStarted>(events[0]).Attempt);
        Assert.All(events.OfType<TextDelta>(), d => Assert.Equal(3, d.Attempt));
        Assert.Equal(3, Assert.IsType<AgentCompleted>(events[^1]).Attempt);
        Assert.Equal(events.Count, sequence.Taken);
    }

    [Fact]
    public void RunStreamingAsync_FirstAttemptZero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NewAgent().RunStreamingAsync("x", new AgentRunOptions { FirstAttempt = 0 }));
    }

    /// <summary>A caller-owned sequence (a durable run log hands out numbers across processes).</summary>
    private sealed class CountingSequence(long after) : IEventSequence
    {
        private long _last = after;

        public int Taken { get; private set; }

        public long NextSeq()
        {
            Taken++;
            return ++_last;
        }
    }
}

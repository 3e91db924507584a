using Microsoft.Extensions.Logging;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tests.Support;

namespace Swarms.Agents.Tests;

public class AgentRunTests
{
    [Fact]
    public async Task RunAsync_ThrowingCallback_LoggedOnceOtherCallbackGetsEveryTokenModelCalledOnce()
    {
        var model = new CountingChatClient(TestAgents.Local());
        var logs = new CapturingLoggerFactory();
        var options = TestAgents.Options(model);
        options.LoggerFactory = logs;
        var infos = new List<TokenInfo>();
        options.TokenCallback = infos.Add;
        int calls = 0;

        var answer = await new Agent(options).RunAsync(TestAgents.Task, (string _) =>
        {
            calls++;
            throw new InvalidOperationException("callback bug");
        });

        Assert.Equal(1, model.Calls);
        var warnings = logs.Entries.Where(e => e.Level >= LogLevel.Warning).ToList();
        Assert.Single(warnings);
        Assert.IsType<InvalidOperationException>(warnings[0].Exception);
        Assert.Contains("Agent Analyst", warnings[0].Message, StringComparison.Ordinal);
        Assert.Equal(answer, string.Concat(infos.Select(i => i.Content)));
        Assert.Equal(infos.Count - 1, calls);
        Assert.True(infos[^1].IsLast);
        Assert.Equal("stop", infos[^1].FinishReason);
    }

    [Fact]
    public async Task RunAsync_MulticastCallbackWithThrowingMember_OtherMemberStillGetsEveryToken()
    {
        var logs = new CapturingLoggerFactory();
        var options = TestAgents.Options();
        options.LoggerFactory = logs;
        var tokens = new List<string>();
        Action<string> callback = _ => throw new InvalidOperationException("first member fails");
        callback += tokens.Add;

        var answer = await new Agent(options).RunAsync(TestAgents.Task, callback);

        Assert.Equal(answer, string.Concat(tokens));
        Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task RunAsync_RuntimeCallback_OverridesOptionsCallback()
    {
        var fromOptions = new List<string>();
        var atRunTime = new List<string>();
        var options = TestAgents.Options();
        options.StreamingCallback = fromOptions.Add;
        var agent = new Agent(options);

        var answer = await agent.RunAsync(TestAgents.Task, atRunTime.Add);
        Assert.Empty(fromOptions);
        Assert.Equal(answer, string.Concat(atRunTime));

        // Without a run-time callback the options' callback is used; no flag is needed for it to fire.
        await agent.RunAsync(TestAgents.Task);
        Assert.Equal(answer, string.Concat(fromOptions));
    }

    [Fact]
    public async Task RunAsync_RuntimeTokenCallback_OverridesOptionsTokenCallback()
    {
        var fromOptions = new List<TokenInfo>();
        var atRunTime = new List<TokenInfo>();
        var options = TestAgents.Options();
        options.TokenCallback = fromOptions.Add;

        await new Agent(options).RunAsync(TestAgents.Task, atRunTime.Add);

        Assert.Empty(fromOptions);
        Assert.True(atRunTime.Count > 10);
        Assert.Equal(Enumerable.Range(0, atRunTime.Count), atRunTime.Select(t => t.Index));
    }

    [Fact]
    public async Task RunAsync_MaxLoopsThree_ThreeModelCallsAndTheConversationGrows()
    {
        var model = new CountingChatClient(TestAgents.Local());
        var options = TestAgents.Options(model);
        options.MaxLoops = 3;
        var starts = new List<int>();
        var agent = new Agent(options);

        var answer = await agent.RunAsync(TestAgents.Task);
        await foreach (var e in agent.RunStreamingAsync(TestAgents.Task))
        {
            if (e is AgentStarted started)
            {
                starts.Add(started.Step);
            }
        }

        Assert.Equal(6, model.Calls);
        // system + task; then + answer + continue prompt at each loop.
        Assert.Equal([2, 4, 6], model.MessageCounts.Take(3));
        Assert.Equal([1, 2, 3], starts);
        Assert.StartsWith("Refinement 3", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Interactive_ReadsInputBetweenLoopsAndStopsAtExitWord()
    {
        var model = new CountingChatClient(TestAgents.Local());
        var options = TestAgents.Options(model);
        options.MaxLoops = 5;
        options.Interactive = true;
        var input = new ScriptedInput("focus on margins", "EXIT", "never read");
        options.UserInput = input;

        var answer = await new Agent(options).RunAsync(TestAgents.Task);

        Assert.Equal(2, model.Calls);
        Assert.Equal([2, 4], model.MessageCounts);
        Assert.Contains("your note \"focus on margins\"", answer, StringComparison.Ordinal);
        Assert.Equal(2, input.Asked.Count);
        // Each turn is asked with the answer so far.
        Assert.StartsWith("**Fundamental analysis", input.Asked[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunStreamingAsync_InteractiveWithNowhereToReadFrom_FailsSayingWhatToSet()
    {
        var options = TestAgents.Options();
        options.MaxLoops = 2;
        options.Interactive = true;

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in new Agent(options).RunStreamingAsync(TestAgents.Task))
            {
            }
        });

        Assert.Contains("AgentOptions.UserInput", ex.Message, StringComparison.Ordinal);
    }

    private sealed class ScriptedInput(params string[] lines) : Swarms.Agents.Output.IUserInput
    {
        private int _next;

        public List<string> Asked { get; } = [];

        public ValueTask<string?> ReadAsync(Agent agent, string lastAnswer, CancellationToken cancellationToken)
        {
            Asked.Add(lastAnswer);
            return ValueTask.FromResult(_next < lines.Length ? lines[_next++] : null);
        }
    }

    [Fact]
    public async Task RunAsync_OptionsChangedBetweenRuns_NextRunUsesThem()
    {
        var options = TestAgents.Options();
        var agent = new Agent(options);
        var infos = new List<TokenInfo>();
        await agent.RunAsync(TestAgents.Task, infos.Add);
        Assert.Equal("stop", infos[^1].FinishReason);

        options.MaxTokens = 20;
        options.SystemPrompt = "You are a risk analyst.";
        infos.Clear();
        var answer = await agent.RunAsync(TestAgents.Task, infos.Add);

        Assert.Equal("length", infos[^1].FinishReason);
        Assert.InRange(infos[^1].Usage!.OutputTokens, 1, 20);
        Assert.StartsWith("**Risk assessment", answer, StringComparison.Ordinal);

        options.MaxLoops = 0;
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => agent.RunAsync(TestAgents.Task));
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;
using Swarms.Agents.Models;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tests.Fakes;

namespace Swarms.Agents.Tests.Models;

/// <summary>
/// Model failures through the real OpenAI and Azure OpenAI SDK clients against a local Chat Completions
/// server with scripted faults: which are retried, how long the agent waits, what the events show, how a run
/// fails for good, and how cancellation surfaces.
/// </summary>
public sealed class ChatClientFailureIntegrationTests : IAsyncLifetime
{
    private ChatCompletionsServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatCompletionsServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunStreamingAsync_429WithRetryAfter_RetriesAfterTheDelayTheServerAskedFor(string provider)
    {
        // The agent's own backoff is 20 ms; only honouring Retry-After explains a wait of about a second.
        _server.Enqueue(FakeReply.Error(429, retryAfter: "1"), FakeReply.Text("Fine."));

        var events = await ServerAgents.CollectAsync(ServerAgents.Create(_server, provider), "Go");

        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(900),
            $"retried after {(requests[1].ReceivedAt - requests[0].ReceivedAt).TotalMilliseconds} ms");
        var failed = Assert.Single(events.OfType<AgentFailed>());
        Assert.True(failed.WillRetry);
        Assert.StartsWith("HTTP 429", failed.Error, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(failed.Error, "HTTP 429"));
        Assert.Equal([1, 2], events.OfType<AgentStarted>().Select(s => s.Attempt));
        var completed = Assert.IsType<AgentCompleted>(events[^1]);
        Assert.Equal(("Fine.", 2), (completed.Output, completed.Attempt));
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunStreamingAsync_429WithEmptyErrorCode_CauseReadsCleanly(string provider)
    {
        _server.Enqueue(new FakeReply { Status = 429, ErrorType = "rate_limit", ErrorCode = "" }, FakeReply.Text("Fine."));

        var events = await ServerAgents.CollectAsync(ServerAgents.Create(_server, provider), "Go");

        Assert.Equal("HTTP 429 (rate_limit): Scripted failure 429", Assert.Single(events.OfType<AgentFailed>()).Error);
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunStreamingAsync_500_IsRetriedAndTheNextAttemptAnswers(string provider)
    {
        _server.Enqueue(FakeReply.Error(500), FakeReply.Text("Recovered."));

        var events = await ServerAgents.CollectAsync(ServerAgents.Create(_server, provider), "Go");

        Assert.Equal(2, _server.Requests.Count);
        Assert.Contains("500", Assert.Single(events.OfType<AgentFailed>()).Error, StringComparison.Ordinal);
        Assert.Equal("Recovered.", Assert.IsType<AgentCompleted>(events[^1]).Output);
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunAsync_StreamCutMidway_ReturnsTheFullTextOnce(string provider)
    {
        string[] deltas = ["One ", "two ", "three ", "four."];
        _server.Enqueue(new FakeReply { Content = deltas, CutAfterChunks = 3 }, new FakeReply { Content = deltas });

        var answer = await ServerAgents.Create(_server, provider).RunAsync("Count").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("One two three four.", answer);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunStreamingAsync_StreamCutMidway_NewAttemptIsAnnouncedAndOutputNotDuplicated(string provider)
    {
        string[] deltas = ["One ", "two ", "three ", "four."];
        _server.Enqueue(new FakeReply { Content = deltas, CutAfterChunks = 3 }, new FakeReply { Content = deltas });

        var events = await ServerAgents.CollectAsync(ServerAgents.Create(_server, provider), "Count");

        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal([1, 2], events.OfType<AgentStarted>().Select(s => s.Attempt));
        Assert.True(Assert.Single(events.OfType<AgentFailed>()).WillRetry);
        // Attempt 1 got the role chunk and two deltas before the cut; attempt 2 streams everything.
        Assert.Equal(["One ", "two "], events.OfType<TextDelta>().Where(d => d.Attempt == 1).Select(d => d.Delta));
        Assert.Equal(deltas, events.OfType<TextDelta>().Where(d => d.Attempt == 2).Select(d => d.Delta));
        var completed = Assert.IsType<AgentCompleted>(events[^1]);
        Assert.Equal("One two three four.", completed.Output);
        Assert.Equal(2, completed.Attempt);
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunStreamingAsync_ServerClosesTheStreamAfterHalfTheTokensWithoutDone_FailsRetriesAndAnswersWholeOnce(string provider)
    {
        string[] deltas = ["One ", "two ", "three ", "four ", "five ", "six."];
        // The role chunk and two deltas, then a clean end of the response: no finish reason, no [DONE].
        _server.Enqueue(new FakeReply { Content = deltas, EndAfterChunks = 3 }, new FakeReply { Content = deltas });

        var events = await ServerAgents.CollectAsync(ServerAgents.Create(_server, provider), "Count");

        Assert.Equal(2, _server.Requests.Count);
        var failed = Assert.Single(events.OfType<AgentFailed>());
        Assert.True(failed.WillRetry);
        Assert.Contains("without a finish reason", failed.Error, StringComparison.Ordinal);
        Assert.Equal([1, 2], events.OfType<AgentStarted>().Select(s => s.Attempt));
        var completed = Assert.IsType<AgentCompleted>(events[^1]);
        Assert.Equal(("One two three four five six.", 2, "stop"), (completed.Output, completed.Attempt, completed.FinishReason));
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunAsync_ServerAlwaysClosesTheStreamEarly_FailsWithAgentRunExceptionInsteadOfAFragment(string provider)
    {
        _server.DefaultReply = new FakeReply { Content = ["Half ", "an ", "answer"], EndAfterChunks = 2 };
        var agent = ServerAgents.Create(_server, provider, o => o.RetryAttempts = 1);

        var ex = await Assert.ThrowsAsync<AgentRunException>(() => agent.RunAsync("Go").WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(2, ex.Attempts);
        Assert.Contains("without a finish reason", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task SequentialWorkflow_FirstAgentsStreamClosedEarly_TheNextAgentGetsTheWholeAnswerNotTheFragment(string provider)
    {
        _server.Enqueue(
            new FakeReply { Content = ["Research: ", "tides ", "are ", "lunar."], EndAfterChunks = 2 },
            new FakeReply { Content = ["Research: ", "tides ", "are ", "lunar."] },
            new FakeReply { Content = ["Article."] });
        var workflow = new Swarms.Agents.Workflows.SequentialWorkflow(
            [ServerAgents.Create(_server, provider, o => o.AgentName = "Researcher"), ServerAgents.Create(_server, provider, o => o.AgentName = "Writer")]);

        var result = await workflow.RunAsync("Write about tides").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Article.", result.Output);
        var toWriter = _server.Requests[2].Messages[^1]!["content"]!.GetValue<string>();
        Assert.EndsWith("Research: tides are lunar.", toWriter, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunStreamingAsync_ServerSilentPastNetworkTimeout_TimesOutAndRetries(string provider)
    {
        // Only the first request stalls; any later attempt answers (a loaded machine may need more than one).
        _server.Enqueue(new FakeReply { Content = ["late"], ChunkDelay = TimeSpan.FromSeconds(30) });
        _server.DefaultReply = FakeReply.Text("On time.");
        var settings = ServerAgents.Settings(_server, provider) with { NetworkTimeout = TimeSpan.FromSeconds(1) };
        var agent = ServerAgents.Create(_server, provider, o => o.ChatClient = ChatClientFactory.Create(settings));

        var events = await ServerAgents.CollectAsync(agent, "Go");

        var failed = events.OfType<AgentFailed>().First();
        Assert.StartsWith("timed out", failed.Error, StringComparison.Ordinal);
        Assert.True(failed.WillRetry);
        var completed = Assert.IsType<AgentCompleted>(events[^1]);
        Assert.Equal("On time.", completed.Output);
        Assert.True(completed.Attempt >= 2);
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunAsync_FailsOnEveryAttempt_ThrowsAgentRunExceptionNamingAgentModelAndCause(string provider)
    {
        _server.DefaultReply = FakeReply.Error(503);
        var agent = ServerAgents.Create(_server, provider, o => o.RetryAttempts = 1);
        var events = new List<SwarmEvent>();

        var ex = await Assert.ThrowsAsync<AgentRunException>(() => ServerAgents.CollectAsync(agent, "Go", events));

        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(2, ex.Attempts);
        Assert.Equal("Analyst", ex.AgentName);
        var model = provider == ServerAgents.AzureOpenAi ? ServerAgents.Deployment : "gpt-fake-1";
        Assert.Equal(model, ex.Model);
        Assert.Contains("'Analyst'", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{model}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal([true, false], events.OfType<AgentFailed>().Select(f => f.WillRetry));
        Assert.DoesNotContain(events, e => e is AgentCompleted);
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunAsync_400BadRequest_FailsAtOnceWithoutRetry(string provider)
    {
        _server.Enqueue(FakeReply.Error(400));
        var agent = ServerAgents.Create(_server, provider);

        var ex = await Assert.ThrowsAsync<AgentRunException>(() => agent.RunAsync("Go").WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Single(_server.Requests);
        Assert.Equal(1, ex.Attempts);
        Assert.Contains("400", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunAsync_CancelledDuringSlowStream_ThrowsOperationCanceledPromptly(string provider)
    {
        _server.Enqueue(new FakeReply { Content = Enumerable.Repeat("tick ", 100).ToArray(), ChunkDelay = TimeSpan.FromMilliseconds(200) });
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();
        var agent = ServerAgents.Create(_server, provider);

        var run = agent.RunAsync("Go slowly", (string _) => received.TrySetResult(), cts.Token);
        await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var stopwatch = Stopwatch.StartNew();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(30)));

        // The full stream would take 20 s; a prompt stop takes a fraction of a chunk's delay.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"stopped after {stopwatch.ElapsedMilliseconds} ms");
        Assert.Single(_server.Requests);
    }
}

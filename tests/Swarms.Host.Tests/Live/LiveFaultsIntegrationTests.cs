using System.Collections.Concurrent;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tests.Fakes;
using Swarms.Host.Tests.Support;

namespace Swarms.Host.Tests.Live;

/// <summary>
/// A model stream cut mid-answer (the Chat Completions test server resets the socket) fails an attempt of every agent;
/// the activity tries again, a new attempt. The live client drops the failed attempt's text and ends with each agent's
/// final output exactly.
/// </summary>
public sealed class LiveFaultsIntegrationTests : IAsyncLifetime
{
    // The cut fails the attempt; the agent turn's activity makes a new one (AgentFailed willRetry, AgentStarted attempt 2).
    // Re-execution of the whole activity after a crash is LiveHostCrashIntegrationTests'.
    private const string Fragile = """
        { "name": "fragile", "kind": "concurrent", "agents": [
          { "name": "Technical", "systemPrompt": "agent-technical", "options": { "retryAttempts": 2 } },
          { "name": "Fundamental", "systemPrompt": "agent-fundamental", "options": { "retryAttempts": 2 } },
          { "name": "Sentiment", "systemPrompt": "agent-sentiment", "options": { "retryAttempts": 2 } } ] }
        """;

    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private ChatCompletionsServer _model = null!;
    private InProcessHost _host = null!;

    public async Task InitializeAsync()
    {
        _model = await ChatCompletionsServer.StartAsync();
        _model.Responder = Reply;
        _host = await InProcessHost.StartAsync(
            new Dictionary<string, string>
            {
                ["SWARMS_MODEL_PROVIDER"] = "openai",
                ["OPENAI_BASE_URL"] = _model.BaseAddress.ToString(),
                ["OPENAI_API_KEY"] = "test-key",
                ["OPENAI_MODEL"] = "gpt-fake-1",
            },
            root => File.WriteAllText(Path.Combine(root, "swarms", "fragile.json"), Fragile));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _model.DisposeAsync();
    }

    [Fact]
    public async Task StreamCutMidAnswer_AttemptRetried_TextIsTheNewAttemptsExactly()
    {
        await using var client = await LiveRunClient.ConnectAsync(_host.Client);
        var runId = await _host.StartRunAsync("fragile", "Analyze TSLA");
        await client.SubscribeAsync(runId);

        var end = await client.WaitForEndAsync();

        await LiveChannelIntegrationTests.AssertExactAsync(client, runId, end, _host.Client);
        var applied = client.Applied;
        foreach (var agent in new[] { "Technical", "Fundamental", "Sentiment" })
        {
            Assert.Equal(2, _calls[$"agent-{agent.ToLowerInvariant()}"]);
            Assert.Contains(applied, e => e is AgentFailed f && f.Agent == agent && f.Attempt == 1 && f.WillRetry);
            Assert.Contains(applied, e => e is TextDelta d && d.Agent == agent && d.Attempt == 1); // the cut attempt had streamed
            Assert.Equal([1, 2], applied.OfType<AgentStarted>().Where(s => s.Agent == agent).Select(s => s.Attempt));
            Assert.DoesNotContain("first try", client.TextOf(agent), StringComparison.Ordinal);
        }
    }

    private FakeReply Reply(RecordedRequest request)
    {
        var agent = request.SystemPrompt ?? "?";
        int call = _calls.AddOrUpdate(agent, 1, (_, n) => n + 1);
        var words = Enumerable.Range(0, 30).Select(i => $" {agent}-w{i}").Prepend(call == 1 ? "first try:" : "answer:").ToList();
        // The first call streams a few chunks, then the server resets the connection.
        return new FakeReply { Content = words, ChunkDelay = TimeSpan.FromMilliseconds(15), CutAfterChunks = call == 1 ? 6 : null };
    }
}

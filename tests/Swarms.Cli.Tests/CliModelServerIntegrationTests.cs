using Swarms.Agents.Tests.Fakes;

namespace Swarms.Cli.Tests;

/// <summary>
/// The CLI against a real OpenAI-compatible server (Kestrel, Chat Completions SSE) that misbehaves as real ones do:
/// closes the stream mid-answer without <c>[DONE]</c>, answers 429, answers slowly.
/// </summary>
public sealed class CliModelServerIntegrationTests : IAsyncLifetime
{
    private ChatCompletionsServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatCompletionsServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CliRunner Cli() => new(
        ("OPENAI_BASE_URL", _server.BaseAddress.ToString()), ("OPENAI_API_KEY", "test-key"), ("OPENAI_MODEL", "gpt-fake-1"));

    [Fact]
    public async Task Agent_ServerClosesTheStreamMidAnswer_RetriesAndPrintsTheWholeAnswerOnce()
    {
        string[] deltas = ["Tides ", "follow ", "the ", "moon."];
        _server.Enqueue(new FakeReply { Content = deltas, EndAfterChunks = 3 }, new FakeReply { Content = deltas });
        using var cli = Cli();

        int code = await cli.RunAsync("agent", "Explain tides", "--quiet").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, code);
        Assert.Equal("Tides follow the moon.\n", cli.Out.ToString().ReplaceLineEndings("\n"));
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Run_429ThenAnswer_PlainProgressSaysWhyItRetriedAndTheRunCompletes()
    {
        _server.Enqueue(new FakeReply { Status = 429, RetryAfter = "0", ErrorType = "rate_limit", ErrorCode = "" }, FakeReply.Text("Fine."));
        using var cli = Cli();

        int code = await cli.RunAsync("run", "--agent", "Analyst=You are an analyst.", "Go", "--no-dashboard").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, code);
        var output = cli.Console.Output;
        Assert.Contains("[Analyst] attempt 1 failed (HTTP 429 (rate_limit): Scripted failure 429); retrying (attempt 2)", output, StringComparison.Ordinal);
        Assert.Contains("[Analyst] Fine.", output, StringComparison.Ordinal);
        Assert.Contains("ad-hoc completed: 1/1 agent completed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_SlowServerAndCancel_Exits130()
    {
        _server.DefaultReply = new FakeReply { Content = Enumerable.Repeat("slow ", 200).ToArray(), ChunkDelay = TimeSpan.FromMilliseconds(200) };
        using var cli = Cli();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        int code = await cli.RunAsync(cts.Token, "agent", "Go slowly").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(130, code);
        Assert.Contains("cancelled", cli.Error.ToString(), StringComparison.Ordinal);
    }
}

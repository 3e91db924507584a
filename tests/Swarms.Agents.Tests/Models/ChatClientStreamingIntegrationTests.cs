using Swarms.Agents.Streaming;
using Swarms.Agents.Tests.Fakes;

namespace Swarms.Agents.Tests.Models;

/// <summary>
/// Streams through the real <c>OpenAIClient</c> and <c>AzureOpenAIClient</c> (built by <c>ChatClientFactory</c>)
/// against a local Chat Completions server: proves the pinned Azure.AI.OpenAI / OpenAI /
/// Microsoft.Extensions.AI.OpenAI set works together at run time, and that every part of the stream reaches
/// the agent's events and callbacks.
/// </summary>
public sealed class ChatClientStreamingIntegrationTests : IAsyncLifetime
{
    private ChatCompletionsServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatCompletionsServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunStreamingAsync_ContentStream_CompletedCarriesExactTextUsageFinishReasonAndModel(string provider)
    {
        _server.Enqueue(new FakeReply { Content = ["The ", "market ", "is ", "up."], PromptTokens = 21, CompletionTokens = 4, Model = "gpt-fake-2" });

        var events = await ServerAgents.CollectAsync(ServerAgents.Create(_server, provider), "How is the market?");

        Assert.Equal(["The ", "market ", "is ", "up."], events.OfType<TextDelta>().Select(d => d.Delta));
        var completed = Assert.IsType<AgentCompleted>(events[^1]);
        Assert.Equal("The market is up.", completed.Output);
        Assert.Equal(new TokenUsage(21, 4, 25), completed.Usage);
        Assert.Equal("stop", completed.FinishReason);
        Assert.Equal("gpt-fake-2", completed.Model);
        Assert.Equal(1, completed.Attempt);
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi, "/chat/completions")]
    [InlineData(ServerAgents.AzureOpenAi, "/openai/deployments/" + ServerAgents.Deployment + "/chat/completions")]
    public async Task RunAsync_AnyProvider_RequestIsAStreamingChatCompletionAskingForUsage(string provider, string path)
    {
        var agent = ServerAgents.Create(_server, provider);

        await agent.RunAsync("How is the market?").WaitAsync(TimeSpan.FromSeconds(30));

        var request = Assert.Single(_server.Requests);
        Assert.Equal(path, request.Path);
        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
        Assert.Equal(["system", "user"], request.Messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal(["You are a market analyst.", "How is the market?"], request.Messages.Select(m => m!["content"]!.GetValue<string>()));
        if (provider == ServerAgents.AzureOpenAi)
        {
            Assert.Contains("api-version=", request.Query, StringComparison.Ordinal);
            Assert.Equal(ServerAgents.ApiKey, request.Headers["api-key"]);
        }
        else
        {
            Assert.Equal("gpt-fake-1", request.Model);
            Assert.Equal("Bearer " + ServerAgents.ApiKey, request.Headers["Authorization"]);
        }
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunAsync_MaxTokensAndTemperature_AreSentInTheRequest(string provider)
    {
        var agent = ServerAgents.Create(_server, provider, o => { o.MaxTokens = 123; o.Temperature = 0.25f; });

        await agent.RunAsync("Be brief.").WaitAsync(TimeSpan.FromSeconds(30));

        var request = Assert.Single(_server.Requests);
        Assert.Equal(123, request.MaxTokens);
        Assert.Equal(0.25, request.Temperature!.Value, 3);
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunAsync_TwoLoops_SecondRequestCarriesTheFirstAnswerAndUsageIsSummed(string provider)
    {
        _server.Enqueue(
            new FakeReply { Content = ["Draft."], PromptTokens = 10, CompletionTokens = 2 },
            new FakeReply { Content = ["Better."], PromptTokens = 20, CompletionTokens = 3 });

        var events = await ServerAgents.CollectAsync(ServerAgents.Create(_server, provider, o => o.MaxLoops = 2), "Write");

        var second = _server.Requests[1];
        Assert.Equal(["system", "user", "assistant", "user"], second.Messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("Draft.", second.Messages[2]!["content"]!.GetValue<string>());
        var completed = Assert.IsType<AgentCompleted>(events[^1]);
        Assert.Equal("Better.", completed.Output);
        Assert.Equal(new TokenUsage(30, 5, 35), completed.Usage);
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunAsync_DetailedCallback_LastTokenInfoCarriesFinishReasonAndUsage(string provider)
    {
        _server.Enqueue(new FakeReply { Content = ["a", "b", "c"], FinishReason = "length", PromptTokens = 5, CompletionTokens = 3 });
        var chunks = new List<TokenInfo>();

        var answer = await ServerAgents.Create(_server, provider).RunAsync("Go", chunks.Add).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("abc", answer);
        Assert.Equal(["a", "b", "c", ""], chunks.Select(c => c.Content));
        Assert.Equal([0, 1, 2, 3], chunks.Select(c => c.Index));
        Assert.All(chunks[..^1], c => Assert.False(c.IsLast));
        var last = chunks[^1];
        Assert.True(last.IsLast);
        Assert.Equal("length", last.FinishReason);
        Assert.Equal(new TokenUsage(5, 3, 8), last.Usage);
        Assert.Equal("gpt-fake-1", last.Model);
        Assert.All(chunks, c => Assert.Equal("Analyst", c.AgentName));
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunStreamingAsync_ReasoningContent_YieldsReasoningDeltasKeptOutOfTheAnswer(string provider)
    {
        _server.Enqueue(new FakeReply { Reasoning = ["Let me ", "think."], Content = ["Buy", "."] });

        var events = await ServerAgents.CollectAsync(ServerAgents.Create(_server, provider), "Buy or sell?");

        Assert.Equal(["Let me ", "think."], events.OfType<ReasoningDelta>().Select(d => d.Delta));
        Assert.All(events.OfType<ReasoningDelta>(), d => Assert.Equal("Analyst", d.Agent));
        Assert.Equal("Buy.", Assert.IsType<AgentCompleted>(events[^1]).Output);
        Assert.True(events.FindIndex(e => e is ReasoningDelta) < events.FindIndex(e => e is TextDelta));
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunStreamingAsync_StreamedToolCalls_YieldToolCallEventsWithFullArguments(string provider)
    {
        _server.Enqueue(new FakeReply
        {
            Content = ["Checking."],
            ToolCalls =
            [
                new FakeToolCall("call_1", "get_price", "{\"sym", "bol\":\"TS", "LA\"}"),
                new FakeToolCall("call_2", "get_news", "{\"topic\":", "\"EVs\",\"limit\":3}"),
            ],
            FinishReason = "tool_calls",
        });

        var events = await ServerAgents.CollectAsync(ServerAgents.Create(_server, provider), "Price of TSLA?");

        var calls = events.OfType<ToolCall>().ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(("call_1", "get_price"), (calls[0].CallId, calls[0].Name));
        Assert.Equal("""{"symbol":"TSLA"}""", calls[0].Arguments);
        Assert.Equal(("call_2", "get_news"), (calls[1].CallId, calls[1].Name));
        Assert.Equal("""{"topic":"EVs","limit":3}""", calls[1].Arguments);
        var completed = Assert.IsType<AgentCompleted>(events[^1]);
        Assert.Equal("tool_calls", completed.FinishReason);
        Assert.Equal("Checking.", completed.Output);
    }
}

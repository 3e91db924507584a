using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tests.Fakes;

namespace Swarms.Agents.Tests.Tools;

/// <summary>
/// Agents with tools, streaming through the real OpenAI and Azure OpenAI clients against the local Chat Completions
/// server: the server asks for a tool, Microsoft.Extensions.AI's function-invocation loop runs it, and the server's
/// next answer quotes the tool result it was sent.
/// </summary>
public sealed class AgentToolsIntegrationTests : IAsyncLifetime
{
    private const string MultiplyArguments = """{"a":17,"b":23}""";
    private ChatCompletionsServer _server = null!;
    private int _runs;

    public async Task InitializeAsync() => _server = await ChatCompletionsServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>A tool that counts its runs.</summary>
    private AIFunction Multiply() => AIFunctionFactory.Create(
        (int a, int b) => { Interlocked.Increment(ref _runs); return a * b; }, "multiply", "Multiplies two whole numbers.");

    /// <summary>The second answer: text that uses the tool result the request carries.</summary>
    private static FakeReply QuoteToolResult() =>
        FakeReply.Answering(r => FakeReply.Text("17 times 23 is ", r.ToolMessages.Single().Content, "."));

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunStreamingAsync_ModelAsksForATool_ToolCallThenResultThenContinuationAndTheToolRanOnce(string provider)
    {
        _server.Enqueue(FakeReply.CallTool("call_1", "multiply", MultiplyArguments), QuoteToolResult());
        var agent = ServerAgents.Create(_server, provider, o => o.Tools = [Multiply()]);

        var events = await ServerAgents.CollectAsync(agent, "What is 17 * 23?");

        Assert.Equal(1, _runs);
        Assert.Equal(
            ["AgentStarted", "ToolCall", "ToolResult", "TextDelta", "TextDelta", "TextDelta", "AgentCompleted"],
            events.Select(e => e.GetType().Name));
        var call = Assert.IsType<ToolCall>(events[1]);
        Assert.Equal(("call_1", "multiply", MultiplyArguments, (string?)null), (call.CallId, call.Name, call.Arguments, call.ArgumentsError));
        var result = Assert.IsType<ToolResult>(events[2]);
        Assert.Equal(("call_1", "multiply", "391", false), (result.CallId, result.Name, result.Result, result.IsError));
        var completed = Assert.IsType<AgentCompleted>(events[^1]);
        Assert.Equal("17 times 23 is 391.", completed.Output);
        Assert.Equal("stop", completed.FinishReason);
        Assert.Equal(new TokenUsage(22, 14, 36), completed.Usage); // both model turns

        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(["multiply"], _server.Requests[0].ToolNames);
        var second = _server.Requests[1];
        Assert.Equal(["system", "user", "assistant", "tool"], second.Roles);
        var asked = second.Messages[2]!["tool_calls"]!.AsArray().Single()!;
        Assert.Equal("call_1", asked["id"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(MultiplyArguments), JsonNode.Parse(asked["function"]!["arguments"]!.GetValue<string>())));
        Assert.Equal([("call_1", "391")], second.ToolMessages);
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi, false)]
    [InlineData(ServerAgents.AzureOpenAi, true)]
    public async Task RunStreamingAsync_ToolThrows_ModelGetsAnErrorResultAndTheRunCompletes(string provider, bool details)
    {
        var quote = AIFunctionFactory.Create(string (string symbol) => throw new InvalidOperationException($"no quote for {symbol}: service down"),
            "get_quote", "The latest price of a stock.");
        _server.Enqueue(FakeReply.CallTool("call_q", "get_quote", """{"symbol":"TSLA"}"""),
            FakeReply.Answering(r => FakeReply.Text("I could not get a quote (", r.ToolMessages.Single().Content, ").")));
        var agent = ServerAgents.Create(_server, provider, o => { o.Tools = [quote]; o.IncludeToolErrorDetails = details; });

        var events = await ServerAgents.CollectAsync(agent, "Price of TSLA?");

        Assert.DoesNotContain(events, e => e is AgentFailed);
        var result = Assert.Single(events.OfType<ToolResult>());
        Assert.True(result.IsError);
        Assert.Equal("InvalidOperationException: no quote for TSLA: service down", result.Error);
        var expected = details
            ? "Error: the tool 'get_quote' failed: InvalidOperationException: no quote for TSLA: service down"
            : "Error: the tool 'get_quote' failed.";
        Assert.Equal(expected, result.Result);
        Assert.Equal([("call_q", expected)], _server.Requests[1].ToolMessages);
        Assert.Equal($"I could not get a quote ({expected}).", Assert.IsType<AgentCompleted>(events[^1]).Output);
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunStreamingAsync_ArgumentsAreNotValidJson_ReportedWithTheRawTextAndTheToolIsNotRun(string provider)
    {
        const string broken = """{"a":17,"b":""";
        _server.Enqueue(FakeReply.CallTool("call_1", "multiply", broken),
            FakeReply.Answering(r => FakeReply.Text("Retrying is up to me: ", r.ToolMessages.Single().Content)));
        var agent = ServerAgents.Create(_server, provider, o => o.Tools = [Multiply()]);

        var events = await ServerAgents.CollectAsync(agent, "What is 17 * 23?");

        Assert.Equal(0, _runs);
        var call = Assert.Single(events.OfType<ToolCall>());
        Assert.Equal(broken, call.Arguments);
        Assert.StartsWith("not valid JSON: ", call.ArgumentsError, StringComparison.Ordinal);
        var result = Assert.Single(events.OfType<ToolResult>());
        Assert.True(result.IsError);
        Assert.StartsWith("arguments are not valid JSON: ", result.Error, StringComparison.Ordinal);
        var told = Assert.Single(_server.Requests[1].ToolMessages).Content;
        Assert.StartsWith("Error: the arguments for 'multiply' are not valid JSON: ", told, StringComparison.Ordinal);
        Assert.Contains(broken, told, StringComparison.Ordinal);
        Assert.Contains("The tool was not run", told, StringComparison.Ordinal);
        Assert.IsType<AgentCompleted>(events[^1]);
    }

    [Fact]
    public async Task RunStreamingAsync_ToolIgnoresCancellationAndNeverReturns_AbandonedAfterTheToolTimeout()
    {
        var never = new TaskCompletionSource<string>();
        var stuck = AIFunctionFactory.Create(() => never.Task, "stuck", "Never returns.");
        _server.Enqueue(FakeReply.CallTool("call_1", "stuck", "{}"),
            FakeReply.Answering(r => FakeReply.Text(r.ToolMessages.Single().Content)));
        var agent = ServerAgents.Create(_server, ServerAgents.OpenAi, o => { o.Tools = [stuck]; o.ToolTimeout = TimeSpan.FromMilliseconds(300); });

        var events = await ServerAgents.CollectAsync(agent, "Go");

        var result = Assert.Single(events.OfType<ToolResult>());
        Assert.True(result.IsError);
        Assert.Equal("Error: the tool 'stuck' did not finish within 0.3 s.", result.Result);
        Assert.Equal(result.Result, Assert.IsType<AgentCompleted>(events[^1]).Output);
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunStreamingAsync_ModelKeepsAskingForTools_LimitEventLastCallWithoutToolsAndUnrunCallsReported(string provider)
    {
        // A model that asks for the tool every time, even when no tool is offered.
        _server.DefaultReply = FakeReply.Answering(r => FakeReply.CallTool($"call_{r.Messages.Count}", "multiply", MultiplyArguments));
        var agent = ServerAgents.Create(_server, provider, o => { o.Tools = [Multiply()]; o.MaxToolIterations = 2; });

        var events = await ServerAgents.CollectAsync(agent, "Multiply forever");

        Assert.Equal(2, _runs);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(["multiply"], _server.Requests[0].ToolNames);
        Assert.Equal(["multiply"], _server.Requests[1].ToolNames);
        Assert.Empty(_server.Requests[2].ToolNames); // the last call offers no tools
        var limit = Assert.Single(events.OfType<ToolLimitReached>());
        Assert.Equal(2, limit.MaxToolIterations);
        Assert.True(events.IndexOf(limit) < events.FindLastIndex(e => e is ToolCall), "the limit is announced before the last model turn");
        var results = events.OfType<ToolResult>().ToList();
        Assert.Equal(3, results.Count);
        Assert.All(results.Take(2), r => Assert.Equal("391", r.Result));
        Assert.True(results[2].IsError);
        Assert.Equal("not run: the agent's limit of 2 tool round(s) per loop was reached", results[2].Result);
        var completed = Assert.IsType<AgentCompleted>(events[^1]);
        Assert.Equal("tool_calls", completed.FinishReason);
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunStreamingAsync_ModelCallFailsAfterTheToolRan_RetryResumesWithTheToolResultAndTheToolRanOnce(string provider)
    {
        _server.Enqueue(FakeReply.CallTool("call_1", "multiply", MultiplyArguments), FakeReply.Error(500), QuoteToolResult());
        var agent = ServerAgents.Create(_server, provider, o => o.Tools = [Multiply()]);

        var events = await ServerAgents.CollectAsync(agent, "What is 17 * 23?");

        Assert.Equal(1, _runs);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(["system", "user", "assistant", "tool"], _server.Requests[2].Roles);
        Assert.Equal([("call_1", "391")], _server.Requests[2].ToolMessages);
        Assert.Equal(
            ["AgentStarted", "ToolCall", "ToolResult", "AgentFailed", "AgentStarted", "TextDelta", "TextDelta", "TextDelta", "AgentCompleted"],
            events.Select(e => e.GetType().Name));
        Assert.True(Assert.IsType<AgentFailed>(events[3]).WillRetry);
        Assert.Equal(2, Assert.IsType<AgentStarted>(events[4]).Attempt);
        var completed = Assert.IsType<AgentCompleted>(events[^1]);
        Assert.Equal("17 times 23 is 391.", completed.Output);
        Assert.Equal(2, completed.Attempt);
    }

    [Theory]
    [InlineData(ServerAgents.OpenAi)]
    [InlineData(ServerAgents.AzureOpenAi)]
    public async Task RunStreamingAsync_ContinuationCutAfterTheTool_NewAttemptResendsTheKeptTextAndTheToolIsNotRepeated(string provider)
    {
        _server.Enqueue(
            FakeReply.CallTool("call_1", "multiply", MultiplyArguments) with { Content = ["Let me ", "multiply."] },
            new FakeReply { Content = ["17 times ", "23 ", "is "], CutAfterChunks = 3 },
            QuoteToolResult());
        var agent = ServerAgents.Create(_server, provider, o => o.Tools = [Multiply()]);

        var events = await ServerAgents.CollectAsync(agent, "What is 17 * 23?");

        Assert.Equal(1, _runs);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal([("call_1", "391")], _server.Requests[2].ToolMessages);
        Assert.Equal("Let me multiply.", _server.Requests[2].Messages[2]!["content"]!.GetValue<string>());
        var completed = Assert.IsType<AgentCompleted>(events[^1]);
        Assert.Equal("Let me multiply.\n\n17 times 23 is 391.", completed.Output);
        // The reset rule: the text after the last AgentStarted is exactly the answer.
        int lastStart = events.FindLastIndex(e => e is AgentStarted);
        Assert.Equal(2, ((AgentStarted)events[lastStart]).Attempt);
        Assert.Equal(completed.Output, string.Concat(events.Skip(lastStart).OfType<TextDelta>().Select(d => d.Delta)));
        Assert.Single(events.OfType<ToolCall>());
        Assert.Single(events.OfType<ToolResult>());
    }
}

using System.Text.Json;
using Microsoft.Extensions.AI;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tests.Fakes;
using Swarms.Agents.Tools;

namespace Swarms.Agents.Tests.Tools;

/// <summary>
/// The seams the durable runs build on: one model turn given a conversation (tools declared, never run), and a tool
/// run by name with JSON arguments outside the M.E.AI loop. A test drives the tool loop with them, as an orchestrator would.
/// </summary>
public sealed class ModelTurnSeamTests : IAsyncLifetime
{
    private ChatCompletionsServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatCompletionsServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RunModelTurnAsync_DrivenTurnByTurn_ToolRunsOnceByNameAndTheNextTurnGetsItsResult()
    {
        int runs = 0;
        var multiply = AIFunctionFactory.Create((int a, int b) => { runs++; return a * b; }, "multiply");
        _server.Enqueue(FakeReply.CallTool("call_1", "multiply", """{"a":6,"b":7}"""),
            FakeReply.Answering(r => FakeReply.Text("It is ", r.ToolMessages.Single().Content, ".")));
        var agent = ServerAgents.Create(_server, ServerAgents.OpenAi, o => o.Tools = [multiply]);
        var stamp = Streaming.EventStamp.NewRun(TimeProvider.System);
        var conversation = agent.StartConversation("What is 6 * 7?");

        var first = new ModelTurn(conversation);
        var firstEvents = await Collect(agent.RunModelTurnAsync(first, stamp, 1, default));
        Assert.Equal(0, runs); // a turn never runs a tool
        var call = Assert.Single(first.ToolCalls);
        Assert.Equal("tool_calls", first.FinishReason);
        Assert.Equal("multiply", Assert.Single(firstEvents.OfType<ToolCall>()).Name);

        var result = await agent.InvokeToolAsync(call.Name, JsonSerializer.Serialize(call.Arguments), default);
        first.AddResults([(call.CallId, result)]);
        var second = new ModelTurn(conversation);
        await Collect(agent.RunModelTurnAsync(second, stamp, 1, default));

        Assert.Equal(1, runs);
        Assert.Equal(new ToolInvocationResult("42"), result);
        Assert.Empty(second.ToolCalls);
        Assert.Equal("It is 42.", second.Text);
        Assert.Equal([("call_1", "42")], _server.Requests[1].ToolMessages);
        Assert.Equal(["system", "user", "assistant", "tool", "assistant"], conversation.Select(m => m.Role.Value));
    }

    [Fact]
    public async Task InvokeToolAsync_UnknownName_ThrowsNamingTheAgentsTools()
    {
        var agent = ServerAgents.Create(_server, ServerAgents.OpenAi, o => o.Tools = [BuiltInTools.Calculator()]);

        var ex = await Assert.ThrowsAsync<KeyNotFoundException>(() => agent.InvokeToolAsync("foo", "{}", default).AsTask());

        Assert.Equal("Agent 'Analyst' has no tool 'foo' (it has: calculator).", ex.Message);
    }

    private static async Task<List<SwarmEvent>> Collect(IAsyncEnumerable<SwarmEvent> events)
    {
        var list = new List<SwarmEvent>();
        await foreach (var e in events)
        {
            list.Add(e);
        }

        return list;
    }
}

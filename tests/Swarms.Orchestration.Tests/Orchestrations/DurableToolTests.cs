using DurableTask.Core.History;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tests.Fakes;
using Swarms.Agents.Workflows;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Orchestration.Activities;
using Swarms.Orchestration.Tests.Support;

namespace Swarms.Orchestration.Tests.Orchestrations;

/// <summary>
/// Durable agents with tools on the real worker over SQLite: the orchestrator drives the tool loop (one activity per
/// model turn and per tool call), the events match the in-process run's, and each path's history replays cleanly.
/// </summary>
public sealed class DurableToolTests
{
    private const string Task = "What is 17 * 23?";

    private static SwarmDefinition Calculating(int? maxToolIterations = null) =>
        new("tools", WorkflowKind.Sequential, [Definitions.Agent("Quant") with { Tools = ["calculator"], MaxToolIterations = maxToolIterations }]);

    [Fact]
    public async Task LocalModel_Calculator_EachTurnAndToolCallIsAnActivity_SameAnswerAndEventsAsInProcess()
    {
        await using var host = await SwarmHost.StartAsync();
        var definition = Calculating();

        var result = await host.RunAsync(definition, Task, "tool-run");
        var inProcess = await definition.CreateWorkflow(configure: o => o.ShowDashboard = false).RunAsync(Task);

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Equal(inProcess.Output, result.Output);
        Assert.Contains("391", result.Output, StringComparison.Ordinal);
        var history = await HistoryReplay.RecordedAsync(host, "tool-run");
        Assert.Equal(
            [RunEventActivity.Name, ModelTurnActivity.Name, ToolCallActivity.Name, ModelTurnActivity.Name, RunEventActivity.Name],
            history.OfType<TaskScheduledEvent>().Select(t => t.Name));
        HistoryReplay.AssertReplaysCleanly(history, new SwarmRunOrchestrator());

        var events = await host.EventsAsync("tool-run");
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        var agentEvents = events.OfType<AgentEvent>().Where(e => e is not TextDelta).Select(e => e.GetType().Name).ToList();
        Assert.Equal(["AgentStarted", "ToolCall", "ToolResult", "AgentCompleted"], agentEvents);
        var call = Assert.Single(events.OfType<ToolCall>());
        var toolResult = Assert.Single(events.OfType<ToolResult>());
        Assert.Equal(("calculator", "391", false), (call.Name, toolResult.Result, toolResult.IsError));
        Assert.Equal(call.CallId, toolResult.CallId);
        Assert.True(events.ToList().IndexOf(toolResult) < events.ToList().FindIndex(e => e is TextDelta), "the answer text comes after the tool's result");
        Assert.Equal([1], events.OfType<AgentStarted>().Select(s => s.Attempt));
        Assert.Equal(result.Output, string.Concat(events.OfType<TextDelta>().Select(d => d.Delta)));
        // The same events as the in-process agent streams (apart from stamps and call ids).
        var sink = new List<SwarmEvent>();
        await foreach (var evt in new Agents.Agent(definition.Agents[0].ToOptions()).RunStreamingAsync(Task))
        {
            sink.Add(evt);
        }

        Assert.Equal(sink.OfType<AgentEvent>().Where(e => e is not TextDelta).Select(e => e.GetType().Name), agentEvents);
        Assert.Equal(Assert.Single(sink.OfType<ToolResult>()).Result, toolResult.Result);
    }

    [Fact]
    public async Task ConcurrentToolAgents_AndAnAgentWithTwoLoops_SameOutputsAsInProcess_HistoryReplaysCleanly()
    {
        await using var host = await SwarmHost.StartAsync();
        var quant = Definitions.Agent("Quant") with { Tools = ["calculator"] };
        var definition = new SwarmDefinition("conc-tools", WorkflowKind.Concurrent,
            [quant, quant with { Name = "Checker", SystemPrompt = "You are Checker." }, quant with { Name = "Looper", SystemPrompt = "You are Looper.", MaxLoops = 2 }]);

        var result = await host.RunAsync(definition, Task, "conc-tools-run");
        var inProcess = await definition.CreateWorkflow(configure: o => o.ShowDashboard = false).RunAsync(Task);

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Equal(inProcess.Agents.Select(a => a.Output), result.Agents.Select(a => a.Output));
        var history = await HistoryReplay.RecordedAsync(host, "conc-tools-run");
        HistoryReplay.AssertReplaysCleanly(history, new SwarmRunOrchestrator());
        Assert.Equal(3, history.OfType<TaskScheduledEvent>().Count(t => t.Name == ToolCallActivity.Name));
        var events = await host.EventsAsync("conc-tools-run");
        Assert.Equal([1, 2], events.OfType<AgentStarted>().Where(s => s.Agent == "Looper").Select(s => s.Step));
    }

    [Fact]
    public async Task ToolLimitOfOneRound_NextTurnHasNoTools_LimitLogged_HistoryReplaysCleanly()
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        // A model that always wants the calculator while it is offered, and answers when it is not.
        server.Responder = r => r.ToolNames.Count > 0
            ? FakeReply.CallTool($"call_{r.ToolMessages.Count + 1}", "calculator", """{"expression":"17 * 23"}""")
            : FakeReply.Text("It is ", r.ToolMessages[^1].Content, ".");
        await using var host = await SwarmHost.StartAsync(model: s => SwarmModel.Configure(s, server));

        var result = await host.RunAsync(Calculating(maxToolIterations: 1), Task, "limit-run");

        Assert.Equal("It is 391.", result.Output);
        Assert.Equal([1, 0], server.Requests.Select(r => r.ToolNames.Count > 0 ? 1 : 0));
        var events = await host.EventsAsync("limit-run");
        Assert.Equal(1, Assert.Single(events.OfType<ToolLimitReached>()).MaxToolIterations);
        Assert.Single(events.OfType<ToolResult>());
        var history = await HistoryReplay.RecordedAsync(host, "limit-run");
        HistoryReplay.AssertReplaysCleanly(history, new SwarmRunOrchestrator());
        Assert.Equal(2, history.OfType<TaskScheduledEvent>().Count(t => t.Name == ModelTurnActivity.Name));
    }

    [Fact]
    public async Task ThrowingToolAndInvalidArguments_ErrorResultsTheModelSees_RunCompletes()
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        server.Responder = r => r.ToolMessages.Count switch
        {
            0 => new FakeReply
            {
                ToolCalls = [new FakeToolCall("call_a", "calculator", "{\"expression\":", "\"1 / 0\"}"), new FakeToolCall("call_b", "calculator", "{not json", "")],
                FinishReason = "tool_calls",
            },
            _ => FakeReply.Text("Saw ", r.ToolMessages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), " results."),
        };
        await using var host = await SwarmHost.StartAsync(model: s => SwarmModel.Configure(s, server));

        var result = await host.RunAsync(Calculating(), Task, "errors-run");

        Assert.Equal("Saw 2 results.", result.Output);
        var events = await host.EventsAsync("errors-run");
        var results = events.OfType<ToolResult>().ToList();
        Assert.Equal(["call_a", "call_b"], results.Select(r => r.CallId));
        Assert.All(results, r => Assert.True(r.IsError));
        Assert.Contains("not valid JSON", results[1].Result, StringComparison.Ordinal);
        Assert.NotNull(events.OfType<ToolCall>().Single(c => c.CallId == "call_b").ArgumentsError);
        var second = server.Requests[1];
        Assert.Equal(["call_a", "call_b"], second.ToolMessages.Select(m => m.CallId));
    }

    [Fact]
    public async Task SwarmLevelMcpServer_ItsToolsReachTheDurableAgent_ANonRepeatableToolRunsOnce()
    {
        var visits = Path.Combine(Path.GetTempPath(), $"swarms-mcp-visits-{Guid.NewGuid():n}.log");
        await using var server = await ChatCompletionsServer.StartAsync();
        server.Responder = r => r.ToolMessages.Count == 0
            ? FakeReply.CallTool("call_1", "record_visit", """{"name":"Ada"}""")
            : FakeReply.Text("Recorded: ", r.ToolMessages[0].Content);
        await using var host = await SwarmHost.StartAsync(model: s => SwarmModel.Configure(s, server));
        var definition = new SwarmDefinition("mcp", WorkflowKind.Sequential, [Definitions.Agent("Host")])
        {
            McpServers = [McpTestServer.Definition(visits: visits)],
        };

        try
        {
            var result = await host.RunAsync(definition, "Record a visit by Ada.", "mcp-run");

            Assert.Equal(1, McpTestServer.Visits(visits));
            Assert.Contains("record_visit", server.Requests[0].ToolNames);
            Assert.StartsWith("Recorded: ", result.Output, StringComparison.Ordinal);
            var events = await host.EventsAsync("mcp-run");
            Assert.False(Assert.Single(events.OfType<ToolResult>()).IsError);
            var history = await HistoryReplay.RecordedAsync(host, "mcp-run");
            Assert.Single(history.OfType<TaskScheduledEvent>(), t => t.Name == ToolCallActivity.Name);
        }
        finally
        {
            File.Delete(visits);
        }
    }
}

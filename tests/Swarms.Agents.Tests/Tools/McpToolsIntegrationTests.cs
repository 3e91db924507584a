using System.Text.RegularExpressions;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tests.Fakes;
using Swarms.Agents.Tests.Support;
using Swarms.Agents.Tools;
using Swarms.Agents.Tools.Mcp;

namespace Swarms.Agents.Tests.Tools;

/// <summary>
/// MCP tools through the ModelContextProtocol SDK against tests/Swarms.McpTestServer, a real MCP server process the
/// tests start over stdio.
/// </summary>
public sealed class McpToolsIntegrationTests : IAsyncLifetime
{
    private readonly string _visits = Path.Combine(Path.GetTempPath(), $"swarms-mcp-visits-{Guid.NewGuid():n}.log");
    private ChatCompletionsServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatCompletionsServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        File.Delete(_visits);
    }

    [Fact]
    public async Task ConnectAsync_StdioServer_ListsItsToolsWithTheirSafeToRepeatHints()
    {
        await using var session = await McpToolSession.ConnectAsync([McpTestServer.Definition()]);

        Assert.Equal(["add", "reverse_text", "record_visit", "refuse", "sleep"], session.Tools.Select(t => t.Name));
        Assert.Equal("Adds two whole numbers.", session.Tools[0].Description);
        Assert.Equal([true, true, false, false, false], session.Tools.Select(t => t.IsSafeToRepeat()));
    }

    [Fact]
    public async Task RunStreamingAsync_AgentNamesAnMcpServer_LocalModelCallsItsToolAndAnswersWithTheResult()
    {
        var options = TestAgents.Options();
        options.McpServers = [McpTestServer.Definition("text-tools")];

        var events = new List<SwarmEvent>();
        await foreach (var e in new Agent(options).RunStreamingAsync("Reverse the text \"stressed\""))
        {
            events.Add(e);
        }

        var call = Assert.Single(events.OfType<ToolCall>());
        Assert.Equal(("reverse_text", """{"text":"stressed"}"""), (call.Name, call.Arguments));
        Assert.Equal("desserts", Assert.Single(events.OfType<ToolResult>()).Result);
        Assert.EndsWith("Answer: desserts.", Assert.IsType<AgentCompleted>(events[^1]).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunStreamingAsync_LocalModelAndMcpToolThatFails_AnswerSaysItGotNoResult()
    {
        var options = TestAgents.Options();
        options.McpServers = [McpTestServer.Definition("text-tools")];

        var events = new List<SwarmEvent>();
        await foreach (var e in new Agent(options).RunStreamingAsync("Please refuse \"because\""))
        {
            events.Add(e);
        }

        Assert.True(Assert.Single(events.OfType<ToolResult>()).IsError);
        Assert.EndsWith("I could not get a result from refuse.", Assert.IsType<AgentCompleted>(events[^1]).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunStreamingAsync_RealOpenAiClientAndMcpTool_ToolRunsOnceEvenWhenTheNextModelCallFails()
    {
        _server.Enqueue(
            FakeReply.CallTool("call_v", "record_visit", """{"name":"Ada"}"""),
            FakeReply.Error(503),
            FakeReply.Answering(r => FakeReply.Text("Done: ", r.ToolMessages.Single().Content)));
        var agent = ServerAgents.Create(_server, ServerAgents.OpenAi, o => o.McpServers = [McpTestServer.Definition(visits: _visits)]);

        var events = await ServerAgents.CollectAsync(agent, "Record a visit of Ada");

        Assert.Equal(1, McpTestServer.Visits(_visits));
        Assert.Equal(["add", "reverse_text", "record_visit", "refuse", "sleep"], _server.Requests[0].ToolNames);
        Assert.Equal([("call_v", "visit of Ada recorded")], _server.Requests[2].ToolMessages);
        Assert.Equal("Done: visit of Ada recorded", Assert.IsType<AgentCompleted>(events[^1]).Output);
    }

    [Fact]
    public async Task RunStreamingAsync_McpToolReportsAnError_ModelGetsItAsAnErrorResult()
    {
        _server.Enqueue(FakeReply.CallTool("call_r", "refuse", """{"reason":"no"}"""),
            FakeReply.Answering(r => FakeReply.Text("Told: ", r.ToolMessages.Single().Content)));
        var agent = ServerAgents.Create(_server, ServerAgents.OpenAi, o => o.McpServers = [McpTestServer.Definition()]);

        var events = await ServerAgents.CollectAsync(agent, "Refuse");

        var result = Assert.Single(events.OfType<ToolResult>());
        Assert.True(result.IsError);
        Assert.StartsWith("Error: the tool 'refuse' reported an error: ", result.Result, StringComparison.Ordinal);
        Assert.EndsWith("refused: no", result.Result, StringComparison.Ordinal);
        Assert.Equal(result.Result, Assert.Single(_server.Requests[1].ToolMessages).Content);
        Assert.Equal("Told: " + result.Result, Assert.IsType<AgentCompleted>(events[^1]).Output);
    }

    [Fact]
    public async Task RunStreamingAsync_McpToolHangs_AbandonedAfterTheToolTimeoutAndTheModelIsTold()
    {
        _server.Enqueue(FakeReply.CallTool("call_s", "sleep", """{"seconds":600}"""),
            FakeReply.Answering(r => FakeReply.Text("Told: ", r.ToolMessages.Single().Content)));
        var agent = ServerAgents.Create(_server, ServerAgents.OpenAi, o =>
        {
            o.McpServers = [McpTestServer.Definition()];
            o.ToolTimeout = TimeSpan.FromSeconds(1);
        });

        var events = await ServerAgents.CollectAsync(agent, "Sleep");

        var result = Assert.Single(events.OfType<ToolResult>());
        Assert.True(result.IsError);
        Assert.Equal("Error: the tool 'sleep' did not finish within 1 s.", result.Result);
        Assert.Equal("timed out after 1 s", result.Error);
        Assert.Equal("Told: Error: the tool 'sleep' did not finish within 1 s.", Assert.IsType<AgentCompleted>(events[^1]).Output);
    }

    [Fact]
    public async Task ConnectAsync_CommandDoesNotExist_ErrorNamesTheServerAndTheCommand()
    {
        var ghost = McpServerDefinition.Stdio("ghost", "/nonexistent/swarms-mcp-server", "--flag");

        var ex = await Assert.ThrowsAsync<McpServerException>(() => McpToolSession.ConnectAsync([ghost]));

        Assert.Equal("ghost", ex.ServerName);
        Assert.StartsWith("MCP server 'ghost' (stdio: /nonexistent/swarms-mcp-server --flag) did not start: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_ServerExitsAtOnce_ErrorQuotesWhatItWroteToStandardError()
    {
        var ex = await Assert.ThrowsAsync<McpServerException>(() => McpToolSession.ConnectAsync([McpTestServer.Definition("dying", "--exit")]));

        Assert.StartsWith("MCP server 'dying' (stdio: dotnet ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(") did not start: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("fatal: the test server was told to exit", ex.Message, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(ex.Message, "told to exit"));  // said once, not also in the SDK's own words
    }

    [Fact]
    public async Task ConnectAsync_ServerNeverAnswers_ErrorAfterItsStartTimeout()
    {
        var ex = await Assert.ThrowsAsync<McpServerException>(
            () => McpToolSession.ConnectAsync([McpTestServer.Definition("silent", "--hang", startTimeout: TimeSpan.FromSeconds(2))]));

        Assert.EndsWith("did not start: no answer within 2 s", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("MCP server 'silent' ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_ToolListFails_ErrorNamesTheServerAndTheCause()
    {
        var ex = await Assert.ThrowsAsync<McpServerException>(() => McpToolSession.ConnectAsync([McpTestServer.Definition("broken", "--fail-list")]));

        Assert.StartsWith("MCP server 'broken' (stdio: dotnet ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(") failed to list its tools: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the tool catalogue is unavailable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunStreamingAsync_McpServerDoesNotStart_AgentFailsForGoodNamingTheServer()
    {
        var options = TestAgents.Options();
        options.McpServers = [McpServerDefinition.Stdio("ghost", "/nonexistent/swarms-mcp-server")];
        var events = new List<SwarmEvent>();

        var ex = await Assert.ThrowsAsync<AgentRunException>(async () =>
        {
            await foreach (var e in new Agent(options).RunStreamingAsync("Anything"))
            {
                events.Add(e);
            }
        });

        Assert.StartsWith("Agent 'Analyst': MCP server 'ghost' (stdio: /nonexistent/swarms-mcp-server) did not start: ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["AgentStarted", "AgentFailed"], events.Select(e => e.GetType().Name));
        var failed = Assert.IsType<AgentFailed>(events[1]);
        Assert.False(failed.WillRetry);
        Assert.Contains("MCP server 'ghost'", failed.Error, StringComparison.Ordinal);
    }
}

using Swarms.Agents.Streaming;
using Swarms.Agents.Tests.Fakes;
using Swarms.Agents.Workflows;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Orchestration.Tests.Support;
using Swarms.Testing;

namespace Swarms.Orchestration.Tests.Processes;

/// <summary>
/// SIGKILL of a worker process running a durable agent with a tool (embedded SQLite backend). The worker's tools
/// (RunnerHost) append a line per execution to a file, so executions are counted across processes; the model server
/// counts model calls, and holds the request at the chosen kill point so the kill lands there every time.
/// </summary>
public sealed class ToolCrashRecoveryIntegrationTests
{
    private const string Task = "Order one widget.";

    /// <summary>A reply whose headers never come: the request stays open until the client goes away.</summary>
    private static readonly FakeReply Held = new() { Content = ["never sent"], ChunkDelay = TimeSpan.FromMinutes(10) };

    private static SwarmDefinition Buying(string tool) =>
        new("buy", WorkflowKind.Sequential, [Definitions.Agent("Buyer") with { Tools = [tool] }]);

    [Fact]
    public async Task KilledAfterTheToolCompleted_BeforeTheModelsNextTurn_ResumeRunsTheToolOnce_AndAsksTheFirstTurnOnce()
    {
        using var database = new TempDatabase("swarms-toolcrash");
        using var processes = RunnerProcesses.OnSqlite(database.Path);
        await KilledAfterTheToolCompletedAsync(processes);
    }

    /// <summary>The main check on any backend (the Azure Storage one runs it too).</summary>
    internal static async Task KilledAfterTheToolCompletedAsync(RunnerProcesses processes)
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        int nextTurns = 0;
        server.Responder = r => r.ToolMessages.Count == 0
            ? FakeReply.CallTool("call_1", "place_order", """{"item":"widget"}""")
            : Interlocked.Increment(ref nextTurns) == 1 ? Held : FakeReply.Text("Placed: ", r.ToolMessages[0].Content, ".");
        var runId = $"tool-crash-{Guid.NewGuid():n}"[..22];

        var first = await processes.StartAsync(server.BaseAddress, runId, Buying("place_order"), Task);
        await Wait.UntilAsync(() => server.Requests.Any(r => r.ToolMessages.Count > 0), "the model's turn after the tool is asked for (and held)");
        Assert.Equal(["place_order widget"], processes.ToolExecutions);
        first.Kill();
        var result = await RunnerProcesses.ResultAsync(processes.Resume(server.BaseAddress, runId));

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Equal("Placed: place_order done for widget.", result.Output);
        Assert.Equal(["place_order widget"], processes.ToolExecutions);
        Assert.Single(server.Requests, r => r.ToolMessages.Count == 0);
        Assert.Equal(2, server.Requests.Count(r => r.ToolMessages.Count > 0)); // the held one, then the resumed turn
        var events = await processes.Log.ReadAsync(runId, 0, 10_000);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Single(events.OfType<ToolCall>());
        Assert.Equal("place_order done for widget", Assert.Single(events.OfType<ToolResult>()).Result);
        Assert.Equal([1], events.OfType<AgentStarted>().Select(s => s.Attempt)); // the held turn had logged nothing
        Assert.Equal(result.Output, Assert.Single(events.OfType<AgentCompleted>()).Output);
        Assert.Single(events.OfType<RunCompleted>());
    }

    [Fact]
    public async Task KilledWhileTheTurnAfterTheToolStreams_ResumeStartsAttempt2_ResendsTheKeptText_TheLogEndsWithTheAnswer()
    {
        using var database = new TempDatabase("swarms-toolcrash");
        using var processes = RunnerProcesses.OnSqlite(database.Path);
        await using var server = await ChatCompletionsServer.StartAsync();
        int nextTurns = 0;
        server.Responder = r => r.ToolMessages.Count == 0
            ? new FakeReply { Content = ["Ordering", " now."], ToolCalls = [new FakeToolCall("call_1", "place_order", """{"item":"widget"}""")], FinishReason = "tool_calls" }
            : Interlocked.Increment(ref nextTurns) == 1
                ? new FakeReply { Content = ["Placing", .. Enumerable.Repeat(" slowly", 50)], ChunkDelay = TimeSpan.FromMilliseconds(200) }
                : FakeReply.Text("Placed: ", r.ToolMessages[0].Content, ".");
        var runId = $"tool-turn-{Guid.NewGuid():n}"[..22];

        var first = await processes.StartAsync(server.BaseAddress, runId, Buying("place_order"), Task);
        await Wait.UntilAsync(
            async () => (await processes.Log.ReadAsync(runId, 0, 10_000)).OfType<TextDelta>().Any(d => d.Delta.Contains("Placing", StringComparison.Ordinal)),
            "the turn after the tool streams");
        first.Kill();
        var result = await RunnerProcesses.ResultAsync(processes.Resume(server.BaseAddress, runId));

        Assert.Equal("Ordering now.\n\nPlaced: place_order done for widget.", result.Output);
        Assert.Equal(["place_order widget"], processes.ToolExecutions);
        Assert.Single(server.Requests, r => r.ToolMessages.Count == 0);
        Assert.Equal(2, server.Requests.Count(r => r.ToolMessages.Count > 0));
        var events = await processes.Log.ReadAsync(runId, 0, 10_000);
        Assert.Equal([1, 2], events.OfType<AgentStarted>().Select(s => s.Attempt));
        // The reset rule: what a client keeps after the last AgentStarted is exactly the answer.
        var restart = events.ToList().FindLastIndex(e => e is AgentStarted);
        Assert.Equal(result.Output, string.Concat(events.Skip(restart).OfType<TextDelta>().Select(d => d.Delta)));
        Assert.All(events.Skip(restart).OfType<TextDelta>(), d => Assert.Equal(2, d.Attempt));
        Assert.Single(events.OfType<ToolCall>());
        Assert.Single(events.OfType<ToolResult>());
    }

    [Theory]
    [InlineData("slow_order", false)]
    [InlineData("slow_lookup", true)]
    public async Task KilledWhileTheToolRuns_ResumeRunsItAgainOnlyIfSafeToRepeat(string tool, bool safeToRepeat)
    {
        using var database = new TempDatabase("swarms-toolcrash");
        using var processes = RunnerProcesses.OnSqlite(database.Path);
        await using var server = await ChatCompletionsServer.StartAsync();
        server.Responder = r => r.ToolMessages.Count == 0
            ? FakeReply.CallTool("call_1", tool, """{"item":"widget"}""")
            : FakeReply.Text("Result: ", r.ToolMessages[0].Content);
        var runId = $"tool-cut-{Guid.NewGuid():n}"[..22];

        var first = await processes.StartAsync(server.BaseAddress, runId, Buying(tool), Task);
        await Wait.UntilAsync(() => processes.ToolExecutions.Count == 1, "the tool runs (and blocks)");
        first.Kill();
        var result = await RunnerProcesses.ResultAsync(processes.Resume(server.BaseAddress, runId));

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Single(server.Requests, r => r.ToolMessages.Count == 0);
        var toolMessage = Assert.Single(server.Requests, r => r.ToolMessages.Count > 0).ToolMessages[0].Content;
        var events = await processes.Log.ReadAsync(runId, 0, 10_000);
        Assert.Single(events.OfType<ToolCall>());
        var logged = Assert.Single(events.OfType<ToolResult>());
        if (safeToRepeat)
        {
            Assert.Equal([$"{tool} widget", $"{tool} widget"], processes.ToolExecutions);
            Assert.Equal($"{tool} done for widget", toolMessage);
            Assert.False(logged.IsError);
        }
        else
        {
            Assert.Equal([$"{tool} widget"], processes.ToolExecutions);
            Assert.Contains("was interrupted", toolMessage, StringComparison.Ordinal);
            Assert.Contains("may or may not have taken effect", toolMessage, StringComparison.Ordinal);
            Assert.True(logged.IsError);
        }

        Assert.Equal("Result: " + toolMessage, result.Output);
    }
}

/// <summary>The main durable tool crash check on Azure Storage (Azurite): task hub queues and tables, run log in table SwarmRunEvents.</summary>
public sealed class AzureStorageToolCrashRecoveryIntegrationTests : IAsyncLifetime
{
    private AzuriteServer _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteServer.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task KilledAfterTheToolCompleted_BeforeTheModelsNextTurn_ResumeRunsTheToolOnce_AndAsksTheFirstTurnOnce()
    {
        using var processes = RunnerProcesses.OnAzureStorage(_azurite.ConnectionString, "toolcrash");
        await ToolCrashRecoveryIntegrationTests.KilledAfterTheToolCompletedAsync(processes);
    }
}

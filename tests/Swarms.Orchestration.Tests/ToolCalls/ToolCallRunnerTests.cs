using Microsoft.Extensions.DependencyInjection;
using Swarms.Agents.DependencyInjection;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Orchestration.Activities;
using Swarms.Orchestration.DependencyInjection;
using Swarms.Orchestration.RunLog;
using Swarms.Orchestration.Tools;
using Swarms.Testing;

namespace Swarms.Orchestration.Tests.ToolCalls;

/// <summary>
/// The tool-call activity's work run twice for the same call, on a real SQLite run log, as a re-delivered activity
/// does: a completed call is never run again; a call cut off while it ran (its ToolCall logged, no result) is run again
/// only when the tool is safe to repeat.
/// </summary>
public sealed class ToolCallRunnerTests : IDisposable
{
    private readonly TempDatabase _database = new("swarms-toolcall");
    private readonly ServiceProvider _services;
    private int _orders;
    private int _lookups;

    public ToolCallRunnerTests()
    {
        var services = new ServiceCollection();
        services.AddSwarmsAgents(s => s.Provider = "local").AddTools(r => r
            .Add("place_order", (string item) => $"order {Interlocked.Increment(ref _orders)} for {item}", "Places an order.")
            .Add("look_up", (string item) => $"lookup {Interlocked.Increment(ref _lookups)} of {item}", "Looks an item up.", safeToRepeat: true));
        services.AddSwarmsOrchestration(o => o.UseSqliteRunLog(_database.Path));
        _services = services.BuildServiceProvider();
    }

    private ToolCallRunner Runner => _services.GetRequiredService<ToolCallRunner>();

    private IRunLog Log => _services.GetRequiredService<IRunLog>();

    public void Dispose()
    {
        _services.Dispose();
        _database.Dispose();
    }

    private static ToolCallRequest Request(string tool, string arguments = """{"item":"widget"}""") =>
        new("run-1", new AgentDefinition("Buyer", null) { Tools = [tool] }, 1, new DurableToolCall("call_1", tool, arguments)) { Round = 0, Position = 0 };

    [Fact]
    public async Task CompletedCall_RunAgain_ReturnsTheLoggedResult_WithoutRunningTheTool()
    {
        var first = await Runner.RunAsync(Request("place_order"));
        var again = await Runner.RunAsync(Request("place_order"));

        Assert.Equal(("ran", "order 1 for widget"), (first.Outcome, first.Result.Result));
        Assert.Equal(("from-log", "order 1 for widget"), (again.Outcome, again.Result.Result));
        Assert.Equal(1, _orders);
        var events = await Log.ReadAsync("run-1", 0);
        Assert.Equal(["ToolCall", "ToolResult"], events.Select(e => e.GetType().Name));
        Assert.Equal(first.LastSeq, again.LastSeq);
    }

    [Theory]
    [InlineData("place_order", false)]
    [InlineData("look_up", true)]
    public async Task CallCutOffWhileItRan_RunAgainOnlyWhenSafeToRepeat(string tool, bool safe)
    {
        // What an execution killed inside the tool leaves: its ToolCall, under the call's key, and no result.
        var request = Request(tool);
        await Log.AppendAsync(new RunLogBatch("run-1", [new ToolCall("Buyer", "call_1", tool, """{"item":"widget"}""")]) { Turn = 1, IdempotencyKey = "tool-call:" + request.LogKey() });

        var result = await Runner.RunAsync(request);

        var events = await Log.ReadAsync("run-1", 0);
        Assert.Single(events.OfType<ToolCall>());
        var logged = Assert.Single(events.OfType<ToolResult>());
        Assert.Equal(result.Result.Result, logged.Result);
        if (safe)
        {
            Assert.Equal(("ran-again", "lookup 1 of widget", false), (result.Outcome, result.Result.Result, result.Result.IsError));
        }
        else
        {
            Assert.Equal(("not-run-again", true), (result.Outcome, result.Result.IsError));
            Assert.Equal(0, _orders);
            Assert.StartsWith("Error: the call of the tool 'place_order' was interrupted", result.Result.Result, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SameCallIdInALaterRound_IsItsOwnCall_TheToolRunsAgain()
    {
        var first = await Runner.RunAsync(Request("place_order"));
        var later = await Runner.RunAsync(Request("place_order") with { Round = 1, AfterSeq = first.LastSeq });

        Assert.Equal(("ran", "order 2 for widget"), (later.Outcome, later.Result.Result));
        Assert.Equal(2, _orders);
    }

    [Fact]
    public async Task InvalidArgumentsOrUnknownTool_ErrorResultsLogged_NothingRuns()
    {
        var invalid = await Runner.RunAsync(Request("place_order", "{not json") with { Call = new DurableToolCall("call_1", "place_order", "{not json") { ArgumentsError = "not valid JSON" } });
        var unknown = await Runner.RunAsync(Request("place_order") with { Position = 1, Call = new DurableToolCall("call_2", "launch_rocket", "{}") });

        Assert.Equal(("not-run", true), (invalid.Outcome, invalid.Result.IsError));
        Assert.Contains("not valid JSON", invalid.Result.Result, StringComparison.Ordinal);
        Assert.Equal(("not-run", true), (unknown.Outcome, unknown.Result.IsError));
        Assert.Contains("no tool named 'launch_rocket'", unknown.Result.Result, StringComparison.Ordinal);
        Assert.Equal(0, _orders);
        Assert.Equal(2, (await Log.ReadAsync("run-1", 0)).OfType<ToolResult>().Count());
    }
}

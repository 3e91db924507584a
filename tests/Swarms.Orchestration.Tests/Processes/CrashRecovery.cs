using Swarms.Agents.Streaming;
using Swarms.Agents.Tests.Fakes;
using Swarms.Agents.Workflows;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Orchestration.Tests.Support;
using Swarms.Testing;

namespace Swarms.Orchestration.Tests.Processes;

/// <summary>
/// The crash checks, on any backend: a worker process runs a durable swarm against the Chat Completions server and is
/// SIGKILLed while agents stream; a second process resumes it. The server's request log says which agent was called how
/// often; the final output must equal an in-process run's on the same model.
/// </summary>
internal static class CrashRecovery
{
    /// <summary>3 sequential agents, killed while agent 2 streams: agent 1 once, agent 2 twice, agent 3 once.</summary>
    public static async Task SequentialAsync(RunnerProcesses processes)
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        new SwarmModel(slowFirstCall: ["Agent-2"]).On(server);
        var definition = Definitions.Sequential(3);
        var runId = $"crash-seq-{Guid.NewGuid():n}"[..22];

        var first = await processes.StartAsync(server.BaseAddress, runId, definition, "Analyze TSLA");
        await WaitForLogAsync(processes, runId, e => e.OfType<TextDelta>().Any(d => d.Agent == "Agent-2"), "agent 2 streams");
        first.Kill();
        var result = await RunnerProcesses.ResultAsync(processes.Resume(server.BaseAddress, runId));

        var calls = SwarmModel.CallsPerAgent(server.Requests);
        Assert.Equal(new Dictionary<string, int> { ["Agent-1"] = 1, ["Agent-2"] = 2, ["Agent-3"] = 1 }, calls);
        await AssertSameAsInProcessAsync(server, definition, result);
        var events = await processes.Log.ReadAsync(runId, 0, 10_000);
        AssertLog(events, attempts: new() { ["Agent-1"] = [1], ["Agent-2"] = [1, 2], ["Agent-3"] = [1] });
    }

    /// <summary>3 concurrent agents, killed when agent 1 is done and agents 2 and 3 stream: 1 once, 2 and 3 twice.</summary>
    public static async Task ConcurrentAsync(RunnerProcesses processes)
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        new SwarmModel(slowFirstCall: ["Agent-2", "Agent-3"]).On(server);
        var definition = Definitions.Concurrent(3);
        var runId = $"crash-con-{Guid.NewGuid():n}"[..22];

        var first = await processes.StartAsync(server.BaseAddress, runId, definition, "Analyze TSLA");
        await WaitForLogAsync(processes, runId, e => e.OfType<AgentCompleted>().Any(c => c.Agent == "Agent-1")
            && e.OfType<TextDelta>().Any(d => d.Agent == "Agent-2") && e.OfType<TextDelta>().Any(d => d.Agent == "Agent-3"),
            "agent 1 is done while agents 2 and 3 stream");
        first.Kill();
        var result = await RunnerProcesses.ResultAsync(processes.Resume(server.BaseAddress, runId));

        var calls = SwarmModel.CallsPerAgent(server.Requests);
        Assert.Equal(new Dictionary<string, int> { ["Agent-1"] = 1, ["Agent-2"] = 2, ["Agent-3"] = 2 }, calls);
        await AssertSameAsInProcessAsync(server, definition, result);
        var events = await processes.Log.ReadAsync(runId, 0, 10_000);
        AssertLog(events, attempts: new() { ["Agent-1"] = [1], ["Agent-2"] = [1, 2], ["Agent-3"] = [1, 2] });
    }

    private static Task WaitForLogAsync(RunnerProcesses processes, string runId, Func<IReadOnlyList<SwarmEvent>, bool> seen, string what) =>
        Wait.UntilAsync(async () => seen(await processes.Log.ReadAsync(runId, 0, 10_000)), what);

    /// <summary>The same swarm in process, on the same model (the server answers the same question the same way).</summary>
    private static async Task AssertSameAsInProcessAsync(ChatCompletionsServer server, SwarmDefinition definition, SwarmRunResult durable)
    {
        var factory = SwarmModel.Factory(server);
        var inProcess = await definition.CreateWorkflow(a => factory.Create(a), o => o.ShowDashboard = false).RunAsync("Analyze TSLA");
        Assert.Equal(WorkflowStatus.Completed, durable.Status);
        Assert.Equal(inProcess.Output, durable.Output);
        Assert.Equal(inProcess.Agents.Select(a => a.Output), durable.Agents.Select(a => a.Output));
    }

    /// <summary>Numbered 1..N without gaps or repeats; each agent's attempts as expected, and one answer per agent.</summary>
    private static void AssertLog(IReadOnlyList<SwarmEvent> events, Dictionary<string, int[]> attempts)
    {
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Single(events.OfType<RunStarted>());
        Assert.Single(events.OfType<RunCompleted>());
        foreach (var (agent, expected) in attempts)
        {
            Assert.Equal(expected, events.OfType<AgentStarted>().Where(s => s.Agent == agent).Select(s => s.Attempt));
            Assert.Single(events.OfType<AgentCompleted>(), c => c.Agent == agent);
        }
    }
}

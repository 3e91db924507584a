using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Swarms.Agents.Tests.Fakes;
using Swarms.Agents.Workflows;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Orchestration.Approvals;
using Swarms.Orchestration.Tests.Support;

namespace Swarms.Orchestration.Tests.Orchestrations;

/// <summary>
/// Each path of <see cref="SwarmRunOrchestrator"/> is run for real (worker on SQLite), its history recorded, then
/// replayed by DurableTask.Core's executor: no non-determinism, the same output, nothing new scheduled. And a
/// deliberately non-deterministic change of the orchestrator is caught by the same replay.
/// </summary>
public sealed class ReplayTests : IAsyncLifetime
{
    private ChatCompletionsServer _server = null!;
    private SwarmHost _host = null!;

    public async Task InitializeAsync()
    {
        _server = await ChatCompletionsServer.StartAsync();
        new SwarmModel(failing: ["Failing"]).On(_server);
        _host = await SwarmHost.StartAsync(model: s => SwarmModel.Configure(s, _server));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Sequential_RecordedHistory_ReplaysWithoutNonDeterminism() =>
        HistoryReplay.AssertReplaysCleanly(await RecordAsync(Definitions.Sequential(3)), new SwarmRunOrchestrator());

    [Fact]
    public async Task ConcurrentWithWindow_RecordedHistory_ReplaysWithoutNonDeterminism()
    {
        var history = await RecordAsync(Definitions.Concurrent(5, maxConcurrency: 2));

        HistoryReplay.AssertReplaysCleanly(history, new SwarmRunOrchestrator());
        Assert.Equal(1 + 5 + 1, history.OfType<TaskScheduledEvent>().Count()); // RunStarted, 5 turns, RunCompleted
    }

    [Fact]
    public async Task CancelRest_RecordedHistory_ReplaysWithoutNonDeterminism()
    {
        var definition = Definitions.Concurrent(4, maxConcurrency: 1, onError: WorkflowErrorPolicy.CancelRest);
        definition = definition with { Agents = [definition.Agents[0], Definitions.Agent("Failing"), .. definition.Agents.Skip(2)] };

        var history = await RecordAsync(definition, expect: WorkflowStatus.Failed);

        HistoryReplay.AssertReplaysCleanly(history, new SwarmRunOrchestrator());
        Assert.Equal(2, history.OfType<TaskScheduledEvent>().Count(t => t.Name == Activities.AgentTurnActivity.Name)); // none after the failure
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Approval_RecordedHistory_ReplaysWithoutNonDeterminism(bool approve)
    {
        var definition = Definitions.Sequential(2);
        definition = definition with { Agents = [definition.Agents[0], definition.Agents[1] with { Approval = true }] };
        var runId = await _host.StartRunAsync(definition, "Analyze TSLA");
        await WaitForApprovalAsync(runId);
        await _host.Client.DecideAsync(runId, "Agent-2", new ApprovalDecision(approve, approve ? null : "Not yet."));
        var history = await CompletedHistoryAsync(runId);

        HistoryReplay.AssertReplaysCleanly(history, new SwarmRunOrchestrator());
        Assert.Single(history.OfType<EventRaisedEvent>());
    }

    [Fact]
    public async Task ApprovalTimeout_RecordedHistory_ReplaysWithoutNonDeterminism()
    {
        var definition = Definitions.Sequential(2);
        definition = definition with { Agents = [definition.Agents[0], definition.Agents[1] with { Approval = true, ApprovalTimeout = TimeSpan.FromSeconds(1) }] };

        var history = await RecordAsync(definition, expect: WorkflowStatus.Failed);

        HistoryReplay.AssertReplaysCleanly(history, new SwarmRunOrchestrator());
        Assert.Single(history.OfType<TimerFiredEvent>());
    }

    [Theory]
    [InlineData(WorkflowKind.Sequential)]
    [InlineData(WorkflowKind.Concurrent)]
    public async Task MaxLoops_RecordedHistory_ReplaysWithoutNonDeterminism(WorkflowKind kind)
    {
        var definition = (kind == WorkflowKind.Sequential ? Definitions.Sequential(2) : Definitions.Concurrent(2)) with { MaxLoops = 2 };

        var history = await RecordAsync(definition);

        HistoryReplay.AssertReplaysCleanly(history, new SwarmRunOrchestrator());
        Assert.Equal(4, history.OfType<TaskScheduledEvent>().Count(t => t.Name == Activities.AgentTurnActivity.Name));
    }

    [Fact]
    public async Task ChangedOrchestrator_DefinitionReadFromAFileThatChanged_ReplayReportsNonDeterminism()
    {
        // A deliberate bug: the orchestrator reads the definition from a file (I/O, not the input), and the file changed
        // after the run (an approval was added). The replay schedules an approval where the history has an agent turn.
        var file = Path.Combine(Path.GetTempPath(), $"swarm-{Guid.NewGuid():n}.json");
        var definition = Definitions.Sequential(2);
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(definition));
        var history = await RecordAsync(definition);
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(definition with { Agents = [definition.Agents[0] with { Approval = true }, definition.Agents[1]] }));

        var actions = HistoryReplay.Replay(history, new DefinitionFromFileOrchestrator(file));
        File.Delete(file);

        var failed = Assert.Single(actions.OfType<OrchestrationCompleteOrchestratorAction>());
        Assert.Equal(OrchestrationStatus.Failed, failed.OrchestrationStatus);
        Assert.Contains("NonDeterministic", failed.FailureDetails?.ErrorType, StringComparison.Ordinal);
        Assert.Contains("SwarmAgentTurn", failed.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangedOrchestrator_ATimerAddedBeforeTheRun_ReplayReportsNonDeterminism()
    {
        var history = await RecordAsync(Definitions.Concurrent(2));

        var actions = HistoryReplay.Replay(history, new DelayedOrchestrator());

        var failed = Assert.Single(actions.OfType<OrchestrationCompleteOrchestratorAction>());
        Assert.Equal(OrchestrationStatus.Failed, failed.OrchestrationStatus);
        Assert.Contains("NonDeterministic", failed.FailureDetails?.ErrorType, StringComparison.Ordinal);
        Assert.Contains("CreateTimerOrchestratorAction", failed.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    private async Task<IList<HistoryEvent>> RecordAsync(SwarmDefinition definition, WorkflowStatus expect = WorkflowStatus.Completed)
    {
        var runId = await _host.StartRunAsync(definition, "Analyze TSLA");
        var history = await CompletedHistoryAsync(runId);
        var done = await _host.WaitAsync(runId);
        Assert.Equal(expect, done.ReadOutputAs<SwarmRunResult>()!.Status);
        return history;
    }

    private async Task<IList<HistoryEvent>> CompletedHistoryAsync(string runId)
    {
        var done = await _host.WaitAsync(runId);
        Assert.True(done.RuntimeStatus == Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        return await HistoryReplay.RecordedAsync(_host, runId);
    }

    private async Task WaitForApprovalAsync(string runId) =>
        await Swarms.Testing.Wait.UntilAsync(async () =>
            (await _host.Client.GetInstanceAsync(runId, getInputsAndOutputs: true))?.ReadCustomStatusAs<SwarmRunProgress>() is { WaitingForApproval.Count: 1 },
            "agent 2 waits for approval");

    /// <summary>The real orchestrator, but on a definition read from a file: non-deterministic I/O.</summary>
    private sealed class DefinitionFromFileOrchestrator(string file) : TaskOrchestrator<SwarmRunRequest, SwarmRunResult>
    {
        public override Task<SwarmRunResult> RunAsync(TaskOrchestrationContext context, SwarmRunRequest input) =>
            new SwarmRunOrchestrator().RunAsync(context, input with { Definition = JsonSerializer.Deserialize<SwarmDefinition>(File.ReadAllText(file))! });
    }

    /// <summary>The real orchestrator, after a timer someone added.</summary>
    private sealed class DelayedOrchestrator : TaskOrchestrator<SwarmRunRequest, SwarmRunResult>
    {
        public override async Task<SwarmRunResult> RunAsync(TaskOrchestrationContext context, SwarmRunRequest input)
        {
            await context.CreateTimer(TimeSpan.FromMilliseconds(1), CancellationToken.None);
            return await new SwarmRunOrchestrator().RunAsync(context, input);
        }
    }
}

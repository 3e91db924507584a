using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Swarms.Durable.Sqlite;
using Swarms.Orchestration.Tests.Support;

namespace Swarms.Orchestration.Tests.Orchestrations;

/// <summary>
/// Replays a recorded orchestration history through DurableTask.Core's own executor (what a worker does after every
/// await, and after a crash): the orchestrator runs again from the start against the history, and the engine checks each
/// activity, timer and event it schedules against what the history says it scheduled before.
/// </summary>
internal static class HistoryReplay
{
    /// <summary>The history of run <paramref name="runId"/>, as the SQLite backend stored it.</summary>
    public static async Task<IList<HistoryEvent>> RecordedAsync(SwarmHost host, string runId)
    {
        var service = (SqliteOrchestrationService)host.Services.GetRequiredService<IOrchestrationService>();
        return await service.GetHistoryAsync(runId);
    }

    /// <summary>Replays <paramref name="history"/> (every event a past one) with <paramref name="orchestrator"/>: the actions it decides.</summary>
    public static IReadOnlyList<OrchestratorAction> Replay(IList<HistoryEvent> history, ITaskOrchestrator orchestrator)
    {
        var state = new OrchestrationRuntimeState(history);
        var shim = new DurableTaskShimFactory().CreateOrchestration(new TaskName(SwarmRunOrchestrator.Name), orchestrator);
        var executor = new TaskOrchestrationExecutor(state, shim, BehaviorOnContinueAsNew.Carryover, ErrorPropagationMode.UseFailureDetails);
        return [.. executor.Execute().Actions];
    }

    /// <summary>
    /// A replay with no non-determinism: the orchestrator scheduled exactly what the history holds (nothing new to do) and
    /// completed with the recorded output.
    /// </summary>
    public static void AssertReplaysCleanly(IList<HistoryEvent> history, ITaskOrchestrator orchestrator)
    {
        var recorded = history.OfType<ExecutionCompletedEvent>().Single();
        var actions = Replay(history, orchestrator);
        var complete = Assert.IsType<OrchestrationCompleteOrchestratorAction>(Assert.Single(actions));
        Assert.True(complete.OrchestrationStatus == OrchestrationStatus.Completed, $"replay ended {complete.OrchestrationStatus}: {complete.FailureDetails?.ErrorMessage}");
        Assert.Equal(recorded.Result, complete.Result);
    }
}

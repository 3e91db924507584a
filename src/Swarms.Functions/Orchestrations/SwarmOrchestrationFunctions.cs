using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Swarms.Orchestration;
using Swarms.Orchestration.Activities;

namespace Swarms.Functions.Orchestrations;

/// <summary>
/// The orchestration and activity triggers: the swarm orchestrator and its two activities, each calling the code the
/// local worker runs (<see cref="SwarmRunOrchestrator"/>, <see cref="AgentTurnRunner"/>, <see cref="RunEventRecorder"/>),
/// under the same names, so a run started by either host replays the same history.
/// </summary>
public sealed class SwarmOrchestrationFunctions(AgentTurnRunner turns, RunEventRecorder events)
{
    /// <summary>The swarm run (<c>SwarmRun</c>).</summary>
    [Function(SwarmRunOrchestrator.Name)]
    public static Task<SwarmRunResult> RunSwarmAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new SwarmRunOrchestrator().RunAsync(context, context.GetInput<SwarmRunRequest>()!);
    }

    /// <summary>One agent turn (<c>SwarmAgentTurn</c>): streams the agent to the run log and live publishers.</summary>
    [Function(AgentTurnActivity.Name)]
    public Task<AgentTurnResult> AgentTurnAsync([ActivityTrigger] AgentTurnRequest request, CancellationToken cancellationToken) =>
        turns.RunAsync(request, cancellationToken);

    /// <summary>An event of the run itself (<c>SwarmRunEvent</c>): logged once, published.</summary>
    [Function(RunEventActivity.Name)]
    public Task<long> RunEventAsync([ActivityTrigger] RunEventRequest request, CancellationToken cancellationToken) =>
        events.RecordAsync(request, cancellationToken);
}

using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Swarms.Orchestration;
using Swarms.Orchestration.Activities;

namespace Swarms.Functions.Orchestrations;

/// <summary>
/// The orchestration and activity triggers: the swarm orchestrator and its activities, each calling the code the
/// local worker runs (<see cref="SwarmRunOrchestrator"/>, <see cref="AgentTurnRunner"/>, <see cref="RunEventRecorder"/>,
/// and for agents with tools <see cref="ModelTurnRunner"/> and <see cref="ToolCallRunner"/>), under the same names, so a
/// run started by either host replays the same history.
/// </summary>
public sealed class SwarmOrchestrationFunctions(AgentTurnRunner turns, RunEventRecorder events, ModelTurnRunner modelTurns, ToolCallRunner toolCalls)
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

    /// <summary>One model turn of an agent with tools (<c>SwarmModelTurn</c>): the orchestrator drives the tool loop.</summary>
    [Function(ModelTurnActivity.Name)]
    public Task<ModelTurnResult> ModelTurnAsync([ActivityTrigger] ModelTurnRequest request, CancellationToken cancellationToken) =>
        modelTurns.RunAsync(request, cancellationToken);

    /// <summary>One tool call of an agent with tools (<c>SwarmToolCall</c>): a completed call is never run again.</summary>
    [Function(ToolCallActivity.Name)]
    public Task<ToolCallResult> ToolCallAsync([ActivityTrigger] ToolCallRequest request, CancellationToken cancellationToken) =>
        toolCalls.RunAsync(request, cancellationToken);
}

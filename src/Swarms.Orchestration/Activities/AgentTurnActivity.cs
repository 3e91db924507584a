using Microsoft.DurableTask;

namespace Swarms.Orchestration.Activities;

/// <summary>
/// The agent-turn activity (<see cref="Name"/>) of the local worker: a thin wrapper that <see cref="AgentTurnRunner"/>
/// does the work for. Registered by <c>AddSwarmOrchestrations()</c>; created per work item through dependency injection.
/// </summary>
public sealed class AgentTurnActivity(AgentTurnRunner runner) : TaskActivity<AgentTurnRequest, AgentTurnResult>
{
    /// <summary>The activity's name: the Functions app's <c>[Function]</c> name for it too.</summary>
    public const string Name = "SwarmAgentTurn";

    /// <inheritdoc />
    public override Task<AgentTurnResult> RunAsync(TaskActivityContext context, AgentTurnRequest input) =>
        runner.RunAsync(input ?? throw new ArgumentNullException(nameof(input)));
}

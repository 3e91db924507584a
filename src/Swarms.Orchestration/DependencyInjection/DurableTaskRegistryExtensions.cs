using Microsoft.DurableTask;
using Swarms.Orchestration.Activities;

namespace Swarms.Orchestration.DependencyInjection;

/// <summary>Registers the swarm orchestrator and its activities with a Durable Task worker.</summary>
public static class DurableTaskRegistryExtensions
{
    /// <summary>
    /// Adds <see cref="SwarmRunOrchestrator"/> (<c>SwarmRun</c>), <see cref="AgentTurnActivity"/> (<c>SwarmAgentTurn</c>)
    /// and <see cref="RunEventActivity"/> (<c>SwarmRunEvent</c>), and for agents with tools <see cref="ModelTurnActivity"/>
    /// (<c>SwarmModelTurn</c>) and <see cref="ToolCallActivity"/> (<c>SwarmToolCall</c>). The activities are created per work item through
    /// dependency injection: register their services with <c>AddSwarmsOrchestration</c> and <c>AddSwarmsAgents</c>.
    /// </summary>
    public static DurableTaskRegistry AddSwarmOrchestrations(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator(SwarmRunOrchestrator.Name, () => new SwarmRunOrchestrator())
            .AddActivity<AgentTurnActivity>(AgentTurnActivity.Name)
            .AddActivity<RunEventActivity>(RunEventActivity.Name)
            .AddActivity<ModelTurnActivity>(ModelTurnActivity.Name)
            .AddActivity<ToolCallActivity>(ToolCallActivity.Name);
    }
}

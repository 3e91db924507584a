using Swarms.Agents.Workflows.Definitions;

namespace Swarms.Orchestration.Activities;

/// <summary>One agent turn the orchestrator asks the <see cref="AgentTurnActivity"/> for.</summary>
/// <param name="RunId">The run (the orchestration's instance id): the run id of every event the turn logs.</param>
/// <param name="Index">The agent's position in the swarm (0-based).</param>
/// <param name="Agent">The agent, as the swarm definition describes it.</param>
/// <param name="Input">What the agent is asked: the task, plus what earlier agents produced when the swarm passes it on.</param>
/// <param name="Turn">The workflow loop (1-based) this turn belongs to; with the agent's name it keys the turn in the run log.</param>
public sealed record AgentTurnRequest(string RunId, int Index, AgentDefinition Agent, string Input, int Turn);

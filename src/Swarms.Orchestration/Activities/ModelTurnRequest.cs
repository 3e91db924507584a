using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Orchestration.Tools;

namespace Swarms.Orchestration.Activities;

/// <summary>
/// One model turn of a durable agent that has tools (<see cref="ModelTurnActivity"/>): the orchestrator drives the tool
/// loop, so it sends the whole conversation so far and gets back the turn's text and the tool calls it asks for.
/// </summary>
/// <param name="RunId">The run (the orchestration's instance id).</param>
/// <param name="Index">The agent's position in the swarm (0-based).</param>
/// <param name="Agent">The agent, with the swarm's MCP servers (see <c>SwarmDefinition.WithSwarmServers</c>).</param>
/// <param name="Turn">The workflow loop (1-based): with the agent's name it keys the agent's step in the run log.</param>
/// <param name="Conversation">System prompt, task, earlier model turns and tool results.</param>
public sealed record ModelTurnRequest(string RunId, int Index, AgentDefinition Agent, int Turn, IReadOnlyList<DurableMessage> Conversation)
{
    /// <summary>The agent's own loop (1-based, see <c>AgentDefinition.MaxLoops</c>).</summary>
    public int AgentLoop { get; init; } = 1;

    /// <summary>Tool rounds already done in this agent loop: 0 for the loop's first model turn.</summary>
    public int Round { get; init; }

    /// <summary>Offer the tools (false once the loop's tool rounds are used up: the model answers with what it has).</summary>
    public bool OfferTools { get; init; } = true;

    /// <summary>The last agent loop: a turn without tool calls completes the agent (logs its <see cref="AgentCompleted"/>).</summary>
    public bool LastLoop { get; init; } = true;

    /// <summary>Answer text of the earlier model turns of this agent loop (a new attempt re-sends it).</summary>
    public string KeptText { get; init; } = "";

    /// <summary>The attempt the previous turn of this step ended with; 0 before the step's first turn.</summary>
    public int Attempt { get; init; }

    /// <summary>Usage of the earlier model turns of this step.</summary>
    public TokenUsage Usage { get; init; } = TokenUsage.Zero;

    /// <summary>When the step's first attempt started (null for its first turn).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>
    /// The highest sequence number the step's earlier activities logged: events of this agent logged after it come from
    /// an earlier execution of this very turn, whose partial text a new attempt must replace.
    /// </summary>
    public long AfterSeq { get; init; }
}

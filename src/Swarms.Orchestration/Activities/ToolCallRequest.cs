using Swarms.Agents.Workflows.Definitions;
using Swarms.Orchestration.Tools;

namespace Swarms.Orchestration.Activities;

/// <summary>One tool call of a durable agent (<see cref="ToolCallActivity"/>).</summary>
/// <param name="RunId">The run.</param>
/// <param name="Agent">The agent whose model asked for the call (its tools and MCP servers).</param>
/// <param name="Turn">The workflow loop (1-based).</param>
/// <param name="Call">The call: id, tool, arguments.</param>
public sealed record ToolCallRequest(string RunId, AgentDefinition Agent, int Turn, DurableToolCall Call)
{
    /// <summary>The agent's own loop (1-based).</summary>
    public int AgentLoop { get; init; } = 1;

    /// <summary>The tool round within the agent loop (0-based).</summary>
    public int Round { get; init; }

    /// <summary>The call's position in its round (0-based).</summary>
    public int Position { get; init; }

    /// <summary>The highest sequence number the step's earlier activities logged (a re-execution looks for its own events after it).</summary>
    public long AfterSeq { get; init; }

    /// <summary>
    /// Keys the call in the run log, once per run however often the activity runs: its <see cref="Swarms.Agents.Streaming.ToolCall"/>
    /// is logged under <c>tool-call:KEY</c> just before the tool runs, its result under <c>tool-result:KEY</c>.
    /// </summary>
    public string LogKey() => $"{Agent.Name}:{Turn}:{AgentLoop}:{Round}:{Position}";
}

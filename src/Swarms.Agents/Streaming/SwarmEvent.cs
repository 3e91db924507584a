using System.Text.Json.Serialization;

namespace Swarms.Agents.Streaming;

/// <summary>
/// One event of a run, in the vocabulary shared by callbacks, the console, SignalR, the persisted run log
/// and the SSE endpoint (DESIGN.md §4). Every event carries the run id, a sequence number that is unique and
/// increasing within the run, and the time it was produced, so a client can order and de-duplicate events.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunStarted), nameof(RunStarted))]
[JsonDerivedType(typeof(AgentStarted), nameof(AgentStarted))]
[JsonDerivedType(typeof(TextDelta), nameof(TextDelta))]
[JsonDerivedType(typeof(ReasoningDelta), nameof(ReasoningDelta))]
[JsonDerivedType(typeof(ToolCall), nameof(ToolCall))]
[JsonDerivedType(typeof(ToolResult), nameof(ToolResult))]
[JsonDerivedType(typeof(AgentCompleted), nameof(AgentCompleted))]
[JsonDerivedType(typeof(AgentFailed), nameof(AgentFailed))]
[JsonDerivedType(typeof(RunCompleted), nameof(RunCompleted))]
[JsonDerivedType(typeof(RunFailed), nameof(RunFailed))]
public abstract record SwarmEvent
{
    /// <summary>The run this event belongs to.</summary>
    public string RunId { get; init; } = "";

    private long _seq;

    /// <summary>Position of the event in its run; strictly increasing, starting at 1.</summary>
    public long Seq { get => _seq; init => _seq = value; }

    /// <summary>When the event was produced.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>
    /// Renumbers an event that has not been handed to anyone yet: a workflow merging agents that run at once
    /// gives each event its place in the merged stream without copying it (one copy per token otherwise).
    /// </summary>
    internal void Resequence(long seq) => _seq = seq;
}

/// <summary>Base of the events that concern one agent of a run.</summary>
/// <param name="Agent">The agent's name.</param>
public abstract record AgentEvent(string Agent) : SwarmEvent;

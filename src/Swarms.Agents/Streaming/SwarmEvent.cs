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
[JsonDerivedType(typeof(ToolLimitReached), nameof(ToolLimitReached))]
[JsonDerivedType(typeof(AgentCompleted), nameof(AgentCompleted))]
[JsonDerivedType(typeof(AgentFailed), nameof(AgentFailed))]
[JsonDerivedType(typeof(RunCompleted), nameof(RunCompleted))]
[JsonDerivedType(typeof(RunFailed), nameof(RunFailed))]
[JsonDerivedType(typeof(ApprovalRequested), nameof(ApprovalRequested))]
[JsonDerivedType(typeof(ApprovalDecided), nameof(ApprovalDecided))]
public abstract record SwarmEvent
{
    /// <summary>The run this event belongs to.</summary>
    public string RunId { get; init; } = "";

    /// <summary>
    /// Position of the event in its run: unique and increasing. Numbers come from the run's
    /// <see cref="IEventSequence"/>; an in-process run counts from 1 without gaps.
    /// </summary>
    public long Seq { get; init; }

    /// <summary>When the event was produced.</summary>
    public DateTimeOffset Timestamp { get; init; }
}

/// <summary>Base of the events that concern one agent of a run.</summary>
/// <param name="Agent">The agent's name.</param>
public abstract record AgentEvent(string Agent) : SwarmEvent;

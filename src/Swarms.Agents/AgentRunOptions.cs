using Swarms.Agents.Streaming;

namespace Swarms.Agents;

/// <summary>
/// Who owns a run's identity when an agent streams: its run id, where attempts start, and where sequence numbers
/// come from. The defaults make a new run; a workflow or a durable activity passes its own.
/// </summary>
public sealed record AgentRunOptions
{
    /// <summary>The run id put on every event. Null: a new id.</summary>
    public string? RunId { get; init; }

    /// <summary>
    /// The attempt number of the first model call (1 by default). A re-delivered durable activity starts at N+1, so
    /// that its <see cref="AgentStarted"/> tells clients to replace the agent's partial text.
    /// </summary>
    public int FirstAttempt { get; init; } = 1;

    /// <summary>Where sequence numbers come from. Null: a counter from 1, of this run alone.</summary>
    public IEventSequence? Sequence { get; init; }
}

using Swarms.Agents.Streaming;

namespace Swarms.Orchestration.RunLog;

/// <summary>Events of one run to append together (see <see cref="IRunLog.AppendAsync"/>).</summary>
/// <param name="RunId">The run (the durable instance id).</param>
/// <param name="Events">The events, in order; their <see cref="SwarmEvent.Seq"/> is assigned by the log.</param>
public sealed record RunLogBatch(string RunId, IReadOnlyList<SwarmEvent> Events)
{
    /// <summary>
    /// The agent turn the events belong to: the workflow loop (1-based) in which the agent ran. 0 for run-level events.
    /// With the agent's name it keys <see cref="IRunLog.GetTurnAsync"/>.
    /// </summary>
    public int Turn { get; init; }

    /// <summary>
    /// Set for events that must be logged once per run (RunStarted, RunCompleted, approval waits): a batch whose key is
    /// already in the log appends nothing.
    /// </summary>
    public string? IdempotencyKey { get; init; }
}

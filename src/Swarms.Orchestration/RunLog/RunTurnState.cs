using Swarms.Agents.Streaming;

namespace Swarms.Orchestration.RunLog;

/// <summary>What the run log holds of one agent turn.</summary>
/// <param name="LastAttempt">The highest attempt started so far; 0 when the turn never started.</param>
/// <param name="Completed">The turn's answer, when an attempt completed (a re-executed turn returns it without calling the model).</param>
/// <param name="StartedAt">When the turn's first attempt started.</param>
public sealed record RunTurnState(int LastAttempt, AgentCompleted? Completed, DateTimeOffset? StartedAt)
{
    /// <summary>A turn the log knows nothing of.</summary>
    public static RunTurnState None { get; } = new(0, null, null);
}

using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;

namespace Swarms.Orchestration.Activities;

/// <summary>What one agent turn produced: its answer or error, usage, finish reason, model and last attempt.</summary>
/// <param name="Index">The agent's position in the swarm.</param>
/// <param name="Agent">The agent's name.</param>
/// <param name="Status"><see cref="AgentStepStatus.Completed"/> or <see cref="AgentStepStatus.Failed"/>.</param>
/// <param name="Output">The answer; empty when it failed.</param>
/// <param name="Usage">Tokens it used.</param>
/// <param name="Error">Why it failed; null when it completed.</param>
public sealed record AgentTurnResult(int Index, string Agent, AgentStepStatus Status, string Output, TokenUsage Usage, string? Error)
{
    /// <summary>Why the last model call stopped (<c>stop</c>, <c>length</c>...).</summary>
    public string? FinishReason { get; init; }

    /// <summary>The model that answered, as the provider named it.</summary>
    public string? Model { get; init; }

    /// <summary>
    /// The attempt that ended the turn: above 1 after model retries or after the activity ran again (a crash, a
    /// re-delivery); the run log has every attempt's events.
    /// </summary>
    public int Attempt { get; init; } = 1;

    /// <summary>When the turn's first attempt started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>How long the turn took (from its first attempt's start).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>True when the answer came from the run log: an earlier execution of this turn had completed it, so the model was not called again.</summary>
    public bool FromLog { get; init; }

    /// <summary>The workflow logic's view of the result.</summary>
    public AgentStepResult ToStepResult() =>
        new(Index, Agent, Status, Output, Usage, Error, StartedAt, Elapsed) { FinishReason = FinishReason };
}

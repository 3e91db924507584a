using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;
using Swarms.Orchestration.Tools;

namespace Swarms.Orchestration.Activities;

/// <summary>What one model turn of a durable agent produced (<see cref="ModelTurnActivity"/>).</summary>
/// <param name="Status"><see cref="AgentStepStatus.Completed"/> or <see cref="AgentStepStatus.Failed"/> (the model failed for good).</param>
/// <param name="Text">The turn's own text.</param>
/// <param name="ToolCalls">The tool calls to run before the next turn; empty when the turn is the loop's answer.</param>
public sealed record ModelTurnResult(AgentStepStatus Status, string Text, IReadOnlyList<DurableToolCall> ToolCalls)
{
    /// <summary>The answer so far in this agent loop: the kept text, a paragraph break, and this turn's text.</summary>
    public string Answer { get; init; } = "";

    /// <summary>Why the model failed; null otherwise.</summary>
    public string? Error { get; init; }

    /// <summary>The step is over: its <see cref="AgentCompleted"/> (or <see cref="AgentFailed"/>) is logged.</summary>
    public bool Final { get; init; }

    /// <summary>The step had completed in an earlier execution: its answer came from the run log, the model was not called.</summary>
    public bool FromLog { get; init; }

    /// <summary>This turn's usage (the whole step's when <see cref="FromLog"/>).</summary>
    public TokenUsage Usage { get; init; } = TokenUsage.Zero;

    /// <summary>Why the model stopped (<c>stop</c>, <c>tool_calls</c>, <c>length</c>).</summary>
    public string? FinishReason { get; init; }

    /// <summary>The model that answered.</summary>
    public string? Model { get; init; }

    /// <summary>The attempt the turn ended with.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>When the step's first attempt started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>How long the step has taken so far (from its first attempt's start).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The highest sequence number this turn logged (the request's when it logged nothing).</summary>
    public long LastSeq { get; init; }
}

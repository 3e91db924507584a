using Swarms.Orchestration.Tools;

namespace Swarms.Orchestration.Activities;

/// <summary>What one tool call of a durable agent gave back (<see cref="ToolCallActivity"/>).</summary>
/// <param name="Result">The result the model is given.</param>
public sealed record ToolCallResult(DurableToolResult Result)
{
    /// <summary>
    /// How the result came about: <c>ran</c>, <c>from-log</c> (an earlier execution had completed the call: not run again),
    /// <c>ran-again</c> (interrupted, safe to repeat: run again), <c>not-run-again</c> (interrupted, not safe to repeat),
    /// <c>not-run</c> (invalid arguments or no such tool).
    /// </summary>
    public string Outcome { get; init; } = "ran";

    /// <summary>The highest sequence number the call logged (the request's when it logged nothing).</summary>
    public long LastSeq { get; init; }
}

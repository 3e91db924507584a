namespace Swarms.Agents.Streaming;

/// <summary>
/// Creates a run's events already stamped with the run id, the next sequence number and the current time: the one
/// place that stamps, so no event is ever copied or changed after it is made.
/// </summary>
internal sealed class EventStamp(string runId, IEventSequence sequence, TimeProvider time)
{
    public string RunId { get; } = runId;

    public TimeProvider Time { get; } = time;

    public IEventSequence Sequence { get; } = sequence;

    /// <summary>A new run: a fresh id and a counter from 1.</summary>
    public static EventStamp NewRun(TimeProvider time) => new(Guid.NewGuid().ToString("n"), new EventSequence(), time);

    public RunStarted RunStarted(string workflow, IReadOnlyList<string> agents, string input) =>
        new(workflow, agents, input) { RunId = RunId, Seq = Sequence.NextSeq(), Timestamp = Time.GetUtcNow() };

    public RunCompleted RunCompleted(string output, TokenUsage usage) =>
        new(output, usage) { RunId = RunId, Seq = Sequence.NextSeq(), Timestamp = Time.GetUtcNow() };

    public RunFailed RunFailed(string error, TokenUsage usage) =>
        new(error, usage) { RunId = RunId, Seq = Sequence.NextSeq(), Timestamp = Time.GetUtcNow() };

    public AgentStarted AgentStarted(string agent, int step, int attempt) =>
        new(agent, step, attempt) { RunId = RunId, Seq = Sequence.NextSeq(), Timestamp = Time.GetUtcNow() };

    public TextDelta TextDelta(string agent, int attempt, string delta) =>
        new(agent, attempt, delta) { RunId = RunId, Seq = Sequence.NextSeq(), Timestamp = Time.GetUtcNow() };

    public ReasoningDelta ReasoningDelta(string agent, int attempt, string delta) =>
        new(agent, attempt, delta) { RunId = RunId, Seq = Sequence.NextSeq(), Timestamp = Time.GetUtcNow() };

    public ToolCall ToolCall(string agent, string callId, string name, string arguments, string? argumentsError = null) =>
        new(agent, callId, name, arguments) { ArgumentsError = argumentsError, RunId = RunId, Seq = Sequence.NextSeq(), Timestamp = Time.GetUtcNow() };

    public ToolResult ToolResult(string agent, string callId, string name, string result, bool isError = false, string? error = null) =>
        new(agent, callId, result) { Name = name, IsError = isError, Error = error, RunId = RunId, Seq = Sequence.NextSeq(), Timestamp = Time.GetUtcNow() };

    public ToolLimitReached ToolLimitReached(string agent, int attempt, int maxToolIterations) =>
        new(agent, attempt, maxToolIterations) { RunId = RunId, Seq = Sequence.NextSeq(), Timestamp = Time.GetUtcNow() };

    public AgentCompleted AgentCompleted(string agent, int attempt, string output, TokenUsage usage, string? finishReason, string? model) =>
        new(agent, attempt, output, usage, finishReason, model) { RunId = RunId, Seq = Sequence.NextSeq(), Timestamp = Time.GetUtcNow() };

    public AgentFailed AgentFailed(string agent, int attempt, string error, bool willRetry) =>
        new(agent, attempt, error, willRetry) { RunId = RunId, Seq = Sequence.NextSeq(), Timestamp = Time.GetUtcNow() };
}

namespace Swarms.Agents.Streaming;

/// <summary>
/// An agent began a step (AG-UI <c>STEP_STARTED</c>). <paramref name="Step"/> is the loop number (1-based).
/// </summary>
/// <remarks>
/// <b>The reset rule.</b> An <paramref name="Attempt"/> above 1 means the model call is being made again (after an
/// <see cref="AgentFailed"/> with <c>WillRetry</c>, or a re-delivered durable activity): every consumer discards the
/// text it collected for this agent's step and starts again. Every sink of this library honours it, so what a sink
/// ends with is exactly the agent's final answer.
/// </remarks>
public sealed record AgentStarted(string Agent, int Step, int Attempt) : AgentEvent(Agent);

/// <summary>Answer text from the model (AG-UI <c>TEXT_MESSAGE_CONTENT</c>).</summary>
public sealed record TextDelta(string Agent, int Attempt, string Delta) : AgentEvent(Agent);

/// <summary>Thinking text, when the model sends it separately from the answer.</summary>
public sealed record ReasoningDelta(string Agent, int Attempt, string Delta) : AgentEvent(Agent);

/// <summary>
/// The model asked for a tool call (before the tool runs). <paramref name="Arguments"/> is the JSON of the arguments as
/// the model sent them; when that text is not valid JSON, <see cref="ArgumentsError"/> says why (the tool is then not run,
/// and the model is told so in the <see cref="ToolResult"/>).
/// </summary>
public sealed record ToolCall(string Agent, string CallId, string Name, string Arguments) : AgentEvent(Agent)
{
    /// <summary>Why the arguments cannot be used (they are not valid JSON); null when they are fine.</summary>
    public string? ArgumentsError { get; init; }
}

/// <summary>
/// A tool call's result, as the model is given it. Never retracted: the reset rule (<see cref="AgentStarted"/>) concerns
/// answer text only, and a tool that completed is not run again when a later model call is retried.
/// </summary>
public sealed record ToolResult(string Agent, string CallId, string Result) : AgentEvent(Agent)
{
    /// <summary>The tool's name (also on the matching <see cref="ToolCall"/>).</summary>
    public string Name { get; init; } = "";

    /// <summary>True when the tool threw, was not found, was not run, or its arguments were not valid JSON.</summary>
    public bool IsError { get; init; }

    /// <summary>For people: what went wrong (exception type and message), which the model may not be shown; null on success.</summary>
    public string? Error { get; init; }
}

/// <summary>
/// An agent used all the tool rounds <see cref="AgentOptions.MaxToolIterations"/> allows in this loop. Its next model call
/// is made without tools, so the model answers with what it has; tool calls it still asks for are not run (each gets a
/// <see cref="ToolResult"/> with <c>IsError</c>, and the agent completes with finish reason <c>tool_calls</c>).
/// </summary>
public sealed record ToolLimitReached(string Agent, int Attempt, int MaxToolIterations) : AgentEvent(Agent);

/// <summary>An agent finished (AG-UI <c>STEP_FINISHED</c>). <paramref name="Output"/> is its final answer.</summary>
public sealed record AgentCompleted(
    string Agent, int Attempt, string Output, TokenUsage Usage, string? FinishReason, string? Model) : AgentEvent(Agent);

/// <summary>
/// An agent's model call failed. When <paramref name="WillRetry"/> is true another attempt follows
/// (announced by an <see cref="AgentStarted"/> with a higher attempt number); otherwise the agent has failed.
/// </summary>
public sealed record AgentFailed(string Agent, int Attempt, string Error, bool WillRetry) : AgentEvent(Agent);

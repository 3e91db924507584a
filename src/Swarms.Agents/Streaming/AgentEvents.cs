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

/// <summary>The model asked for a tool call. <paramref name="Arguments"/> is the JSON of the arguments.</summary>
public sealed record ToolCall(string Agent, string CallId, string Name, string Arguments) : AgentEvent(Agent);

/// <summary>A tool call's result.</summary>
public sealed record ToolResult(string Agent, string CallId, string Result) : AgentEvent(Agent);

/// <summary>An agent finished (AG-UI <c>STEP_FINISHED</c>). <paramref name="Output"/> is its final answer.</summary>
public sealed record AgentCompleted(
    string Agent, int Attempt, string Output, TokenUsage Usage, string? FinishReason, string? Model) : AgentEvent(Agent);

/// <summary>
/// An agent's model call failed. When <paramref name="WillRetry"/> is true another attempt follows
/// (announced by an <see cref="AgentStarted"/> with a higher attempt number); otherwise the agent has failed.
/// </summary>
public sealed record AgentFailed(string Agent, int Attempt, string Error, bool WillRetry) : AgentEvent(Agent);

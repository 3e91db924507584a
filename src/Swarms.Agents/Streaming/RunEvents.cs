namespace Swarms.Agents.Streaming;

/// <summary>A workflow run began (AG-UI <c>RUN_STARTED</c>).</summary>
public sealed record RunStarted(string Workflow, IReadOnlyList<string> Agents, string Input) : SwarmEvent;

/// <summary>A run finished with its final output (AG-UI <c>RUN_FINISHED</c>).</summary>
public sealed record RunCompleted(string Output, TokenUsage Usage) : SwarmEvent;

/// <summary>A run failed (AG-UI <c>RUN_ERROR</c>).</summary>
public sealed record RunFailed(string Error, TokenUsage Usage) : SwarmEvent;

namespace Swarms.Durable.History;

/// <summary>The instance started (or restarted by continue-as-new).</summary>
/// <param name="Name">The orchestrator name.</param>
/// <param name="Input">The serialized input.</param>
/// <param name="ParentInstanceId">The parent instance when this is a sub-orchestration.</param>
/// <param name="ParentTaskId">The parent's scheduling id for this sub-orchestration.</param>
public sealed record ExecutionStarted(string Name, string? Input, string? ParentInstanceId = null, int ParentTaskId = -1) : HistoryEvent;

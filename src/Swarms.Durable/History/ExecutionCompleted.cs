namespace Swarms.Durable.History;

/// <summary>The orchestrator finished.</summary>
/// <param name="Status">Completed or Failed.</param>
/// <param name="Result">The serialized output.</param>
/// <param name="Failure">The failure, when failed.</param>
public sealed record ExecutionCompleted(OrchestrationRuntimeStatus Status, string? Result, TaskFailureDetails? Failure = null) : HistoryEvent;

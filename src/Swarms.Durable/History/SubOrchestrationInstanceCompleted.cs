namespace Swarms.Durable.History;

/// <summary>A sub-orchestration completed.</summary>
/// <param name="TaskScheduledId">The scheduling id it answers.</param>
/// <param name="Result">The serialized output.</param>
public sealed record SubOrchestrationInstanceCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

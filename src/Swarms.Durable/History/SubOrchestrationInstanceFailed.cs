namespace Swarms.Durable.History;

/// <summary>A sub-orchestration failed.</summary>
/// <param name="TaskScheduledId">The scheduling id it answers.</param>
/// <param name="Failure">What went wrong.</param>
public sealed record SubOrchestrationInstanceFailed(int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent;

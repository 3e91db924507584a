namespace Swarms.Durable.History;

/// <summary>An activity threw.</summary>
/// <param name="TaskScheduledId">The scheduling id it answers.</param>
/// <param name="Failure">What went wrong.</param>
public sealed record TaskFailed(int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent;

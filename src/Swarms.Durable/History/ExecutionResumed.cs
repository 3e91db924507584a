namespace Swarms.Durable.History;

/// <summary>A client resumed the instance.</summary>
/// <param name="Reason">The reason given.</param>
public sealed record ExecutionResumed(string? Reason) : HistoryEvent;

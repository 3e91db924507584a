namespace Swarms.Durable.History;

/// <summary>A client suspended the instance.</summary>
/// <param name="Reason">The reason given.</param>
public sealed record ExecutionSuspended(string? Reason) : HistoryEvent;

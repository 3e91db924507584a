namespace Swarms.Durable.History;

/// <summary>A client terminated the instance.</summary>
/// <param name="Reason">The serialized reason.</param>
public sealed record ExecutionTerminated(string? Reason) : HistoryEvent;

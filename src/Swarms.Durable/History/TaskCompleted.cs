namespace Swarms.Durable.History;

/// <summary>An activity returned.</summary>
/// <param name="TaskScheduledId">The scheduling id it answers.</param>
/// <param name="Result">The serialized result.</param>
public sealed record TaskCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

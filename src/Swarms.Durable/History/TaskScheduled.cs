namespace Swarms.Durable.History;

/// <summary>The orchestrator scheduled an activity.</summary>
/// <param name="TaskId">The scheduling id.</param>
/// <param name="Name">The activity name.</param>
/// <param name="Input">The serialized input.</param>
public sealed record TaskScheduled(int TaskId, string Name, string? Input) : HistoryEvent;

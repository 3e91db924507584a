namespace Swarms.Durable.History;

/// <summary>An external event arrived.</summary>
/// <param name="Name">The event name (matched case-insensitively).</param>
/// <param name="Input">The serialized payload.</param>
public sealed record EventRaised(string Name, string? Input) : HistoryEvent;

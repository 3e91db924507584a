namespace Swarms.Durable.History;

/// <summary>The orchestrator restarted itself with new input; the old history is discarded.</summary>
/// <param name="Input">The serialized new input.</param>
#pragma warning disable CA1711 // The name is Durable Task's event name, kept for portability.
public sealed record ContinueAsNew(string? Input) : HistoryEvent;
#pragma warning restore CA1711

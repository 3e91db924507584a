using Swarms.Durable.History;

namespace Swarms.Durable.Storage;

/// <summary>What an engine needs to run an instance's next episode.</summary>
/// <param name="Status">The persisted status.</param>
/// <param name="History">The current execution's history.</param>
/// <param name="CustomStatus">The serialized custom status.</param>
public sealed record InstanceState(OrchestrationRuntimeStatus Status, IReadOnlyList<HistoryEvent> History, string? CustomStatus);

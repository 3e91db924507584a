using Swarms.Durable.History;

namespace Swarms.Durable.Storage;

/// <summary>A message waiting for an orchestration instance; it becomes history when an episode consumes it.</summary>
/// <param name="Id">The store's id, in arrival order.</param>
/// <param name="InstanceId">The target instance.</param>
/// <param name="Event">The event to append.</param>
public sealed record OrchestrationMessage(long Id, string InstanceId, HistoryEvent Event);

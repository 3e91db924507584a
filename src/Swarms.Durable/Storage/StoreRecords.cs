using Swarms.Durable.History;

namespace Swarms.Durable.Storage;

/// <summary>A message waiting for an orchestration instance; it becomes history when an episode consumes it.</summary>
/// <param name="Id">The store's id, in arrival order.</param>
/// <param name="InstanceId">The target instance.</param>
/// <param name="Event">The event to append.</param>
public sealed record OrchestrationMessage(long Id, string InstanceId, HistoryEvent Event);

/// <summary>An activity call waiting to run or running under a lease.</summary>
/// <param name="Id">The store's id.</param>
/// <param name="InstanceId">The orchestration that scheduled it.</param>
/// <param name="TaskId">The scheduling id.</param>
/// <param name="Name">The activity name.</param>
/// <param name="Input">The serialized input.</param>
/// <param name="Attempt">The delivery attempt (1-based).</param>
public sealed record ActivityWorkItem(long Id, string InstanceId, int TaskId, string Name, string? Input, int Attempt);

/// <summary>A message a checkpoint sends to an instance (timer, sub-orchestration result, restart).</summary>
/// <param name="InstanceId">The target instance.</param>
/// <param name="Event">The event.</param>
/// <param name="VisibleAt">Not delivered before this time (UTC); timers use it.</param>
public sealed record OutboundMessage(string InstanceId, HistoryEvent Event, DateTime VisibleAt);

/// <summary>A sub-orchestration a checkpoint creates.</summary>
/// <param name="InstanceId">The child id.</param>
/// <param name="Start">The child's ExecutionStarted event (with parent id and task id).</param>
public sealed record NewSubOrchestration(string InstanceId, ExecutionStarted Start);

/// <summary>A request to create an instance.</summary>
/// <param name="InstanceId">The id.</param>
/// <param name="Name">The orchestrator name.</param>
/// <param name="Input">The serialized input.</param>
/// <param name="Now">The creation time (UTC).</param>
/// <param name="StartAt">The first episode's earliest time (UTC).</param>
/// <param name="DedupeStatuses">Finished statuses that refuse the id.</param>
public sealed record CreateInstanceRequest(
    string InstanceId,
    string Name,
    string? Input,
    DateTime Now,
    DateTime StartAt,
    IReadOnlyCollection<OrchestrationRuntimeStatus> DedupeStatuses);

/// <summary>What an engine needs to run an instance's next episode.</summary>
/// <param name="Status">The persisted status.</param>
/// <param name="History">The current execution's history.</param>
/// <param name="CustomStatus">The serialized custom status.</param>
public sealed record InstanceState(OrchestrationRuntimeStatus Status, IReadOnlyList<HistoryEvent> History, string? CustomStatus);

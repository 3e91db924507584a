using Swarms.Durable.History;

namespace Swarms.Durable.Storage;

/// <summary>A message a checkpoint sends to an instance (timer, sub-orchestration result, restart).</summary>
/// <param name="InstanceId">The target instance.</param>
/// <param name="Event">The event.</param>
/// <param name="VisibleAt">Not delivered before this time (UTC); timers use it.</param>
public sealed record OutboundMessage(string InstanceId, HistoryEvent Event, DateTime VisibleAt);

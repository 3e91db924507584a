namespace Swarms.Durable.History;

/// <summary>The orchestrator created a durable timer.</summary>
/// <param name="TaskId">The scheduling id.</param>
/// <param name="FireAt">When it fires (UTC).</param>
public sealed record TimerCreated(int TaskId, DateTime FireAt) : HistoryEvent;

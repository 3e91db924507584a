namespace Swarms.Durable.History;

/// <summary>A durable timer fired.</summary>
/// <param name="TimerId">The scheduling id of the timer.</param>
/// <param name="FireAt">When it was due (UTC).</param>
public sealed record TimerFired(int TimerId, DateTime FireAt) : HistoryEvent;

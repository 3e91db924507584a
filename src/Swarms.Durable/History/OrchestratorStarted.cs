namespace Swarms.Durable.History;

/// <summary>Marks the start of an episode; its timestamp is the orchestrator's current time.</summary>
public sealed record OrchestratorStarted : HistoryEvent;

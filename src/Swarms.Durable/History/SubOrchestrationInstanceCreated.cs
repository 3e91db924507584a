namespace Swarms.Durable.History;

/// <summary>The orchestrator started a sub-orchestration.</summary>
/// <param name="TaskId">The scheduling id.</param>
/// <param name="Name">The sub-orchestrator name.</param>
/// <param name="InstanceId">The child's instance id.</param>
/// <param name="Input">The serialized input.</param>
public sealed record SubOrchestrationInstanceCreated(int TaskId, string Name, string InstanceId, string? Input) : HistoryEvent;

namespace Swarms.Durable.Storage;

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

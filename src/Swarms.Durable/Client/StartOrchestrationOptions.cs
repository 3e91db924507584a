namespace Swarms.Durable.Client;

/// <summary>Options for scheduling a new orchestration instance.</summary>
/// <param name="InstanceId">The instance id; a new GUID when omitted. Reusing the id of an instance that is
/// not finished is refused.</param>
/// <param name="StartAt">Delay the first episode until this time (UTC).</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTime? StartAt = null)
{
    /// <summary>
    /// Finished statuses that also refuse the id (de-duplication): for example
    /// <c>[Completed]</c> makes a completed instance's id unusable, while a Failed one is replaced.
    /// Empty (the default) replaces any finished instance.
    /// </summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus> DedupeStatuses { get; init; } = [];
}

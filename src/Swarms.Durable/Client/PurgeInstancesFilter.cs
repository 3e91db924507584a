namespace Swarms.Durable.Client;

/// <summary>Which finished instances to purge.</summary>
/// <param name="CreatedFrom">Only instances created at or after this time (UTC).</param>
/// <param name="CreatedTo">Only instances created before this time (UTC).</param>
/// <param name="Statuses">Only these (terminal) statuses; all terminal statuses when null.</param>
public sealed record PurgeInstancesFilter(
    DateTime? CreatedFrom = null,
    DateTime? CreatedTo = null,
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null);

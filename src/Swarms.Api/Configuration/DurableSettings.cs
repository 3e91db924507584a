namespace Swarms.Api.Configuration;

/// <summary>
/// host.json's <c>extensions.durableTask</c>: the task hub and the Azure Storage provider's settings, which the local
/// host applies to its Azure Storage backend as the Durable Functions extension does to its own. Unset: the backend's defaults.
/// </summary>
public sealed record DurableSettings
{
    /// <summary>The task hub (default <c>SwarmsHub</c>).</summary>
    public string HubName { get; init; } = "SwarmsHub";

    /// <summary><c>storageProvider.partitionCount</c>.</summary>
    public int? PartitionCount { get; init; }

    /// <summary><c>storageProvider.controlQueueVisibilityTimeout</c>.</summary>
    public TimeSpan? ControlQueueVisibilityTimeout { get; init; }

    /// <summary><c>storageProvider.workItemQueueVisibilityTimeout</c>.</summary>
    public TimeSpan? WorkItemQueueVisibilityTimeout { get; init; }

    /// <summary><c>storageProvider.maxQueuePollingInterval</c>.</summary>
    public TimeSpan? MaxQueuePollingInterval { get; init; }

    /// <summary><c>storageProvider.useTablePartitionManagement</c>.</summary>
    public bool? UseTablePartitionManagement { get; init; }

    /// <summary><c>maxConcurrentActivityFunctions</c>.</summary>
    public int? MaxConcurrentActivityFunctions { get; init; }

    /// <summary><c>maxConcurrentOrchestratorFunctions</c>.</summary>
    public int? MaxConcurrentOrchestratorFunctions { get; init; }

    /// <summary><c>extendedSessionsEnabled</c>.</summary>
    public bool? ExtendedSessionsEnabled { get; init; }
}

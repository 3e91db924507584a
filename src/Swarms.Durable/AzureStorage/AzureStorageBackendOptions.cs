using DurableTask.AzureStorage;

namespace Swarms.Durable.AzureStorage;

/// <summary>
/// Options of the Azure Storage backend (DurableTask.AzureStorage, the Azure Functions default): queues, tables
/// and blobs of one storage account, shared by every worker of the same task hub. Locally it runs on Azurite
/// (<c>UseDevelopmentStorage=true</c>).
/// </summary>
/// <remarks>
/// Recovery after a worker dies is bounded by <see cref="LeaseInterval"/> (its partitions move to another worker)
/// and the visibility timeouts (its in-flight messages reappear): with DurableTask.AzureStorage's defaults that is
/// up to 5 minutes. Lower them for faster recovery, at the cost of more duplicate executions when a work item runs
/// longer than its visibility timeout is renewed (DurableTask.AzureStorage renews it while the work runs).
/// </remarks>
public sealed class AzureStorageBackendOptions
{
    /// <summary>The storage connection string (<c>UseDevelopmentStorage=true</c> for Azurite on its default ports).</summary>
    public required string ConnectionString { get; set; }

    /// <summary>The task hub: the name prefix of its queues, tables and blob containers (3-45 letters and digits).</summary>
    public required string TaskHubName { get; set; }

    /// <summary>Control-queue partitions (1-16, default 4): the unit of orchestration work spread over workers.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>How long a dequeued orchestration message stays invisible to other workers (default 5 minutes).</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a dequeued activity message stays invisible to other workers (default 5 minutes).</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a partition lease lasts without renewal (default 30 seconds).</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often partition leases are renewed (default 10 seconds).</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a worker tries to acquire or balance partition leases (default 10 seconds).</summary>
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest wait between polls of an idle queue (default 1 second; DurableTask.AzureStorage's own default is
    /// 30 seconds, which makes a quiet worker slow to notice new work). Each poll is a storage transaction.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Keep orchestrations in memory between episodes (extended sessions). Default on.</summary>
    public bool ExtendedSessionsEnabled { get; set; } = true;

    /// <summary>Orchestration work items processed at once by one worker (default 100).</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>Activities run at once by one worker (default 100).</summary>
    public int MaxConcurrentActivities { get; set; } = 100;

    /// <summary>
    /// This worker's name in partition leases (default: machine name and process id, so several workers on one
    /// machine stay distinct).
    /// </summary>
    public string? WorkerId { get; set; }

    /// <summary>
    /// Keep partition leases in an Azure Table (<c>{hub}Partitions</c>) instead of blob leases: DurableTask.AzureStorage's
    /// newer partition manager, which balances partitions among workers faster and shows who owns what. Default on.
    /// </summary>
    public bool UseTablePartitionManagement { get; set; } = true;

    /// <summary>A last say over every DurableTask.AzureStorage setting, applied after the ones above.</summary>
    public Action<AzureStorageOrchestrationServiceSettings>? Configure { get; set; }

    internal AzureStorageBackendOptions Clone() => (AzureStorageBackendOptions)MemberwiseClone();

    internal AzureStorageOrchestrationServiceSettings ToSettings(Microsoft.Extensions.Logging.ILoggerFactory loggerFactory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ConnectionString, nameof(ConnectionString));
        ArgumentException.ThrowIfNullOrWhiteSpace(TaskHubName, nameof(TaskHubName));
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(ConnectionString),
            TaskHubName = TaskHubName,
            PartitionCount = PartitionCount,
            ControlQueueVisibilityTimeout = ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = WorkItemQueueVisibilityTimeout,
            LeaseInterval = LeaseInterval,
            LeaseRenewInterval = LeaseRenewInterval,
            LeaseAcquireInterval = LeaseAcquireInterval,
            MaxQueuePollingInterval = MaxQueuePollingInterval,
            ExtendedSessionsEnabled = ExtendedSessionsEnabled,
            MaxConcurrentTaskOrchestrationWorkItems = MaxConcurrentOrchestrations,
            MaxConcurrentTaskActivityWorkItems = MaxConcurrentActivities,
            LoggerFactory = loggerFactory,
            UseTablePartitionManagement = UseTablePartitionManagement,
            WorkerId = WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}",
        };

        Configure?.Invoke(settings);
        return settings;
    }
}

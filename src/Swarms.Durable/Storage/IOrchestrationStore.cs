using Swarms.Durable.Client;
using Swarms.Durable.History;

namespace Swarms.Durable.Storage;

/// <summary>
/// The durable state behind the engine and the client: instances, histories, orchestration messages and
/// activity work items with leases. Another backend (Azure Storage, PostgreSQL) implements this interface
/// and the engine runs unchanged.
/// </summary>
/// <remarks>
/// Rules a backend must keep: every write is atomic; <see cref="CommitEpisodeAsync"/> is all-or-nothing;
/// a lease held by an owner is never granted to another owner before it expires; the in-process events
/// fire only after the data they announce is durable.
/// </remarks>
public interface IOrchestrationStore : IAsyncDisposable
{
    /// <summary>Raised after a message for an instance was committed: (instance id, visible-at UTC).</summary>
    event Action<string, DateTime>? MessageEnqueued;

    /// <summary>Raised after an instance's status was committed: (instance id, status).</summary>
    event Action<string, OrchestrationRuntimeStatus>? InstanceUpdated;

    /// <summary>Creates an instance and its ExecutionStarted message.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    /// <exception cref="InvalidOperationException">The id belongs to an unfinished instance, or a
    /// finished one whose status is in the de-duplication list.</exception>
    Task CreateInstanceAsync(CreateInstanceRequest request, CancellationToken cancellationToken);

    /// <summary>Queues a client event (raise, terminate, suspend, resume) for an instance.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="message">The event.</param>
    /// <param name="now">The time (UTC).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>False when the instance has finished (the event is dropped).</returns>
    /// <exception cref="InvalidOperationException">The instance does not exist.</exception>
    Task<bool> EnqueueClientEventAsync(string instanceId, HistoryEvent message, DateTime now, CancellationToken cancellationToken);

    /// <summary>Reads an instance.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="includePayloads">Whether to read input, output and custom status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance, or null when unknown.</returns>
    Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken);

    /// <summary>Lists instances by filter, one page at a time.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page.</returns>
    Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken);

    /// <summary>Reads an instance's history (current execution).</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events in order; empty when unknown.</returns>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Deletes finished instances with their history and pending messages.</summary>
    /// <param name="instanceId">One instance id, or null to use <paramref name="filter"/>.</param>
    /// <param name="filter">The filter when <paramref name="instanceId"/> is null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of instances deleted.</returns>
    Task<int> PurgeAsync(string? instanceId, PurgeInstancesFilter? filter, CancellationToken cancellationToken);

    /// <summary>Takes an instance's lease if it is free, expired or already ours.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="owner">The engine's owner id.</param>
    /// <param name="now">The time (UTC).</param>
    /// <param name="lockedUntil">The lease end.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance's status and history when the lease was taken; null otherwise.</returns>
    Task<InstanceState?> TryLockInstanceAsync(string instanceId, string owner, DateTime now, DateTime lockedUntil, CancellationToken cancellationToken);

    /// <summary>Reads an instance's visible messages in arrival order.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="now">The time (UTC); later messages (timers) are left out.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The messages.</returns>
    Task<IReadOnlyList<OrchestrationMessage>> ReadMessagesAsync(string instanceId, DateTime now, CancellationToken cancellationToken);

    /// <summary>Writes an episode's checkpoint in one transaction. The caller's continuation may run on a
    /// store thread: the engine yields to the thread pool right after its bookkeeping.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The activities created, leased by the checkpoint's owner.</returns>
    /// <exception cref="LeaseLostException">The owner no longer holds the instance's lease.</exception>
    Task<IReadOnlyList<ActivityWorkItem>> CommitEpisodeAsync(EpisodeCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>Deletes a finished activity and queues its result for the orchestration, atomically.</summary>
    /// <param name="item">The activity.</param>
    /// <param name="owner">The lease owner.</param>
    /// <param name="result">TaskCompleted or TaskFailed.</param>
    /// <param name="now">The time (UTC).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>False when the lease was lost (another engine owns the work now).</returns>
    Task<bool> CompleteActivityAsync(ActivityWorkItem item, string owner, HistoryEvent result, DateTime now, CancellationToken cancellationToken);

    /// <summary>Finds instances with visible messages whose lease is free, expired or ours.</summary>
    /// <param name="owner">The engine's owner id.</param>
    /// <param name="now">The time (UTC).</param>
    /// <param name="max">At most this many.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance ids.</returns>
    Task<IReadOnlyList<string>> FindReadyInstancesAsync(string owner, DateTime now, int max, CancellationToken cancellationToken);

    /// <summary>Leases activities that are free or whose lease expired (those get attempt + 1).</summary>
    /// <param name="owner">The engine's owner id.</param>
    /// <param name="now">The time (UTC).</param>
    /// <param name="lockedUntil">The lease end.</param>
    /// <param name="max">At most this many.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The leased activities.</returns>
    Task<IReadOnlyList<ActivityWorkItem>> LockReadyActivitiesAsync(string owner, DateTime now, DateTime lockedUntil, int max, CancellationToken cancellationToken);

    /// <summary>Extends every lease the owner holds.</summary>
    /// <param name="owner">The engine's owner id.</param>
    /// <param name="lockedUntil">The new lease end.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task RenewLeasesAsync(string owner, DateTime lockedUntil, CancellationToken cancellationToken);

    /// <summary>Gives up every lease the owner holds (graceful shutdown); the work runs again elsewhere
    /// without counting as a new attempt.</summary>
    /// <param name="owner">The engine's owner id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task ReleaseLeasesAsync(string owner, CancellationToken cancellationToken);
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Swarms.Durable.History;
using Swarms.Durable.Storage;

namespace Swarms.Durable.Client;

/// <summary>
/// Starts and manages orchestration instances: schedule, query, wait, raise events, terminate, suspend,
/// resume, purge and read history. It talks to the store only, so it works from any process that can
/// open the store, with or without a worker in the same process.
/// </summary>
public sealed class DurableTaskClient : IDisposable
{
    private readonly IOrchestrationStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _finished = new(StringComparer.Ordinal);

    /// <summary>Creates a client over a store.</summary>
    /// <param name="store">The store.</param>
    /// <param name="timeProvider">The clock for timestamps; the system clock when null.</param>
    public DurableTaskClient(IOrchestrationStore store, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = timeProvider ?? TimeProvider.System;
        _store.InstanceUpdated += OnInstanceUpdated;
    }

    /// <summary>How often <see cref="WaitForInstanceCompletionAsync"/> re-reads the store when the instance
    /// runs in another process (in-process completions wake it at once).</summary>
    public TimeSpan PollingInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Schedules a new orchestration instance.</summary>
    /// <param name="orchestratorName">The registered orchestrator name.</param>
    /// <param name="input">The input (serialized to JSON).</param>
    /// <param name="options">Instance id, start time and de-duplication.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance id.</returns>
    /// <exception cref="InvalidOperationException">The id belongs to an instance that has not finished,
    /// or to a finished one whose status the de-duplication statuses refuse.</exception>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var now = _time.GetUtcNow().UtcDateTime;
        await _store.CreateInstanceAsync(
            new CreateInstanceRequest(id, orchestratorName, DataConverter.Serialize(input), now, options?.StartAt?.ToUniversalTime() ?? now, options?.DedupeStatuses ?? []),
            cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>Reads an instance.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="getInputsAndOutputs">Whether to read input, output and custom status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance, or null when unknown.</returns>
    public Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return _store.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken);
    }

    /// <summary>Waits until the instance is Completed, Failed or Terminated.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="getInputsAndOutputs">Whether to read input, output and custom status.</param>
    /// <param name="cancellationToken">Cancels the wait (use it as the timeout).</param>
    /// <returns>The finished instance.</returns>
    /// <exception cref="InvalidOperationException">The instance does not exist.</exception>
    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        while (true)
        {
            var signal = _finished.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var metadata = await _store.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"No orchestration instance with ID '{instanceId}' exists.");
            if (metadata.IsCompleted)
            {
                _finished.TryRemove(new KeyValuePair<string, TaskCompletionSource>(instanceId, signal));
                return metadata;
            }

            try
            {
                await signal.Task.WaitAsync(PollingInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Poll again: the instance may be running in another process.
            }
        }
    }

    /// <summary>Sends an event to an instance; it is buffered if the orchestrator is not waiting for it yet.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="eventName">The event name (matched case-insensitively).</param>
    /// <param name="eventPayload">The payload.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        return SendAsync(instanceId, new EventRaised(eventName, DataConverter.Serialize(eventPayload)), cancellationToken);
    }

    /// <summary>Terminates an instance; its output becomes the reason.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task TerminateInstanceAsync(string instanceId, object? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, new ExecutionTerminated(DataConverter.Serialize(reason)), cancellationToken);

    /// <summary>Suspends an instance: events other than resume and terminate wait until it resumes.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, new ExecutionSuspended(reason), cancellationToken);

    /// <summary>Resumes a suspended instance.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, new ExecutionResumed(reason), cancellationToken);

    /// <summary>Deletes a finished instance and its history; an unfinished one is left alone.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many instances were deleted (0 or 1).</returns>
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return new PurgeResult(await _store.PurgeAsync(instanceId, null, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Deletes finished instances that match a filter.</summary>
    /// <param name="filter">Created-time range and statuses.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many instances were deleted.</returns>
    public async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new PurgeResult(await _store.PurgeAsync(null, filter, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads one page of instances.</summary>
    /// <param name="query">Filter and page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and the token for the next one.</returns>
    public Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _store.QueryInstancesAsync(query, cancellationToken);
    }

    /// <summary>Streams every instance matching the query, page by page.</summary>
    /// <param name="query">The filter; all instances when null.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The instances, oldest first.</returns>
    public async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(
        OrchestrationQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = query ?? new OrchestrationQuery();
        while (true)
        {
            var result = await _store.QueryInstancesAsync(page, cancellationToken).ConfigureAwait(false);
            foreach (var instance in result.Instances)
            {
                yield return instance;
            }

            if (result.ContinuationToken is null)
            {
                yield break;
            }

            page = page with { ContinuationToken = result.ContinuationToken };
        }
    }

    /// <summary>Reads an instance's history (the current execution).</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events in order.</returns>
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return _store.GetHistoryAsync(instanceId, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose() => _store.InstanceUpdated -= OnInstanceUpdated;

    private Task<bool> SendAsync(string instanceId, HistoryEvent e, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var now = _time.GetUtcNow().UtcDateTime;
        return _store.EnqueueClientEventAsync(instanceId, e with { Timestamp = now }, now, cancellationToken);
    }

    private void OnInstanceUpdated(string instanceId, OrchestrationRuntimeStatus status)
    {
        if (status.IsTerminal() && _finished.TryRemove(instanceId, out var signal))
        {
            signal.TrySetResult();
        }
    }
}

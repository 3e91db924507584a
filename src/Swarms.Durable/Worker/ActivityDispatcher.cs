using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Swarms.Durable.History;
using Swarms.Durable.Storage;

namespace Swarms.Durable.Worker;

/// <summary>
/// Runs leased activity work items, at most <see cref="DurableTaskWorkerOptions.MaxConcurrentActivities"/>
/// at once, and commits each result (delete the work item, queue the completion) in one write.
/// </summary>
internal sealed class ActivityDispatcher(
    IOrchestrationStore store,
    DurableTaskRegistry registry,
    DurableTaskWorkerOptions options,
    ILogger logger)
{
    private readonly Channel<ActivityWorkItem> _queue = Channel.CreateUnbounded<ActivityWorkItem>();
    private int _pending;
    private long _executions;

    /// <summary>
    /// Hands a result to the orchestration dispatcher in memory when this worker holds the instance, so
    /// the result is committed with the next episode's checkpoint (one commit per round trip instead of two).
    /// Returns false when the result must be written to the store as a message instead.
    /// </summary>
    public Func<ActivityWorkItem, HistoryEvent, bool>? LocalDelivery { get; set; }

    /// <summary>Activities queued or running in this worker.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Activity executions finished by this worker (a work item each).</summary>
    public long ExecutionCount => Interlocked.Read(ref _executions);

    public void Enqueue(IReadOnlyList<ActivityWorkItem> items)
    {
        foreach (var item in items)
        {
            Interlocked.Increment(ref _pending);
            _queue.Writer.TryWrite(item);
        }
    }

    /// <summary>Runs the activity loops until <paramref name="stopping"/> fires; running activities go on
    /// until they finish or <paramref name="abort"/> (their cancellation token) fires.</summary>
    public Task RunAsync(CancellationToken stopping, CancellationToken abort) =>
        Task.WhenAll(Enumerable.Range(0, options.MaxConcurrentActivities).Select(_ => Task.Run(() => LoopAsync(stopping, abort), CancellationToken.None)));

    private async Task LoopAsync(CancellationToken stopping, CancellationToken abort)
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await ExecuteAsync(item, abort).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A store error leaves the item leased; it runs again after the lease expires.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Log.LoopError(logger, "activity", ex);
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task ExecuteAsync(ActivityWorkItem item, CancellationToken abort)
    {
        var context = new TaskActivityContext(item.Name, item.InstanceId, item.TaskId, item.Attempt, abort);
        HistoryEvent result;
        if (!registry.TryCreateActivity(item.Name, out var activity))
        {
            result = new TaskFailed(item.TaskId, new TaskFailureDetails(
                typeof(InvalidOperationException).FullName!, $"No activity named '{item.Name}' is registered with this worker."));
        }
        else
        {
            try
            {
                var output = await activity.RunAsync(context, DataConverter.Deserialize(item.Input, activity.InputType)).ConfigureAwait(false);
                result = new TaskCompleted(item.TaskId, DataConverter.Serialize(output));
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                // Shutdown: the lease is released with the others and the activity runs again elsewhere.
                return;
            }
#pragma warning disable CA1031 // Any activity error is the orchestrator's to handle (retry policy or failure).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.ActivityFailed(logger, item.Name, item.TaskId, item.Attempt, item.InstanceId, ex);
                result = new TaskFailed(item.TaskId, TaskFailureDetails.FromException(ex));
            }
        }

        var now = options.TimeProvider.GetUtcNow().UtcDateTime;
        result = result with { Timestamp = now };
        Interlocked.Increment(ref _executions);
        if (LocalDelivery?.Invoke(item, result) != true)
        {
            await CompleteInStoreAsync(item, result).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the work item and queues its result as a message, in one write.</summary>
    public async Task CompleteInStoreAsync(ActivityWorkItem item, HistoryEvent result)
    {
        if (!await store.CompleteActivityAsync(item, options.OwnerId, result, result.Timestamp, CancellationToken.None).ConfigureAwait(false))
        {
            Log.ActivityLeaseLost(logger, item.Name, item.InstanceId);
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using Swarms.Durable.History;

namespace Swarms.Durable.Orchestration;

/// <summary>The orchestration context API: each call takes the next task id in call order.</summary>
internal sealed partial class OrchestrationRunner
{
    /// <summary>Custom status limit, as in Durable Task (16 KB serialized).</summary>
    internal const int MaxCustomStatusBytes = 16 * 1024;

    public override T? GetInput<T>()
        where T : default => DataConverter.Deserialize<T>(_started?.Input);

    public override async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var inputJson = DataConverter.Serialize(input);
        var json = await WithRetry(() => Schedule(new TaskScheduled(_nextTaskId, name, inputJson), name), options?.Retry);
        return DataConverter.Deserialize<TResult>(json)!;
    }

    public override async Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var inputJson = DataConverter.Serialize(input);
        var json = await WithRetry(
            () =>
            {
                var childId = (options as SubOrchestrationOptions)?.InstanceId ?? $"{_instanceId}:{_nextTaskId:D4}";
                return Schedule(new SubOrchestrationInstanceCreated(_nextTaskId, name, childId, inputJson), name);
            },
            options?.Retry);
        return DataConverter.Deserialize<TResult>(json)!;
    }

    public override Task CreateTimer(DateTime fireAt)
    {
        var utc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        return Schedule(new TimerCreated(_nextTaskId, utc), "timer");
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName) => WaitForExternalEvent<T>(eventName, Timeout.InfiniteTimeSpan);

    public override async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        EnsureOnOrchestratorThread();
        var waiter = new EventWaiter(eventName);
        var index = _buffered.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            waiter.Completion.SetResult(_buffered[index].Input);
            _buffered.RemoveAt(index);
        }
        else
        {
            _waiters.Add(waiter);
            if (timeout != Timeout.InfiniteTimeSpan)
            {
                var timer = CreateTimer(_now + timeout);
                if (await Task.WhenAny(waiter.Completion.Task, timer) == timer && !waiter.Completion.Task.IsCompleted)
                {
                    _waiters.Remove(waiter);
                    throw new TaskCanceledException($"Timed out after {timeout} waiting for external event '{eventName}'.");
                }
            }
        }

        return DataConverter.Deserialize<T>(await waiter.Completion.Task)!;
    }

    public override void SetCustomStatus(object? customStatus)
    {
        EnsureOnOrchestratorThread();
        var json = DataConverter.Serialize(customStatus);
        var size = json is null ? 0 : Encoding.UTF8.GetByteCount(json);
        if (size > MaxCustomStatusBytes)
        {
            throw new ArgumentException(
                $"The custom status is {size} bytes when serialized; the limit is {MaxCustomStatusBytes} bytes (16 KB). " +
                "Keep large data in activity outputs or external storage.",
                nameof(customStatus));
        }

        _customStatus = json;
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        EnsureOnOrchestratorThread();
        _continueAsNew = (DataConverter.Serialize(newInput), preserveUnprocessedEvents);
    }

    public override Guid NewGuid()
    {
        // Name-based (RFC 4122 version 5 layout, SHA-256 truncated): the same instance, time and counter
        // give the same GUID on every replay.
        var name = $"{_instanceId}_{_now.Ticks}_{_guidCounter++}";
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private void DeliverEvent(EventRaised raised)
    {
        var waiter = _waiters.Find(w => string.Equals(w.Name, raised.Name, StringComparison.OrdinalIgnoreCase));
        if (waiter is null)
        {
            _buffered.Add(raised);
            return;
        }

        _waiters.Remove(waiter);
        waiter.Completion.SetResult(raised.Input);
        _sync.RunUntilIdle();
    }

    /// <summary>Records a scheduling decision with the next task id and returns the task its completion ends.</summary>
    private Task<string?> Schedule(HistoryEvent scheduled, string name)
    {
        EnsureOnOrchestratorThread();
        var id = _nextTaskId++;
        // Completed synchronously on the episode's thread: RunContinuationsAsynchronously would move
        // combinator continuations (WhenAll/WhenAny) to the thread pool, which is exactly a foreign post.
        var completion = new TaskCompletionSource<string?>();
        _actions.Add(id, new PendingAction(scheduled));
        _open.Add(id, e =>
        {
            switch (e)
            {
                case TaskCompleted c:
                    completion.SetResult(c.Result);
                    break;
                case SubOrchestrationInstanceCompleted c:
                    completion.SetResult(c.Result);
                    break;
                case TimerFired:
                    completion.SetResult(null);
                    break;
                case TaskFailed f:
                    completion.SetException(new TaskFailedException(name, id, f.Failure));
                    break;
                case SubOrchestrationInstanceFailed f:
                    completion.SetException(new TaskFailedException(name, id, f.Failure));
                    break;
                default:
                    break;
            }
        });
        return completion.Task;
    }

    /// <summary>Retries a failed call after a durable backoff timer, as the policy allows.</summary>
    private async Task<string?> WithRetry(Func<Task<string?>> call, RetryPolicy? policy)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (TaskFailedException ex) when (policy is not null
                && attempt < policy.MaxNumberOfAttempts
                && (policy.HandleFailure?.Invoke(ex.FailureDetails) ?? true))
            {
                await CreateTimer(_now + policy.GetDelay(attempt));
            }
        }
    }

    private void EnsureOnOrchestratorThread()
    {
        if (!_sync.IsOnEpisodeThread)
        {
            throw new InvalidOperationException(ForeignAwaitException.DefaultMessage +
                " The orchestration context was called from another thread, typically after ConfigureAwait(false) or inside Task.Run.");
        }
    }

    private sealed class EventWaiter(string name)
    {
        public string Name { get; } = name;

        public TaskCompletionSource<string?> Completion { get; } = new();
    }
}

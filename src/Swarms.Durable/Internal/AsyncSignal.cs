namespace Swarms.Durable.Internal;

/// <summary>
/// An auto-reset wake-up for one async waiter at a time: <see cref="Set"/> wakes the waiter, or the next one to
/// wait when nobody waits. Signals are hints ("look again"); the state they hint at is always re-read.
/// </summary>
internal sealed class AsyncSignal
{
    private readonly object _gate = new();
    private TaskCompletionSource? _waiter;
    private bool _set;

    public void Set()
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            waiter = _waiter;
            _waiter = null;
            _set = waiter is null;
        }

        waiter?.TrySetResult();
    }

    /// <summary>Waits until set, <paramref name="timeout"/> elapses or <paramref name="cancellationToken"/> fires.</summary>
    /// <returns>True when set.</returns>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_set)
            {
                _set = false;
                return true;
            }

            waiter = _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (timeout <= TimeSpan.Zero)
        {
            return false;
        }

        try
        {
            await waiter.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

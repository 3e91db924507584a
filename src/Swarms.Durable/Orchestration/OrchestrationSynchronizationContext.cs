namespace Swarms.Durable.Orchestration;

/// <summary>
/// The single-threaded synchronization context an orchestrator episode runs on. The engine completes
/// context tasks on the episode's thread, so every legitimate continuation is posted from that thread
/// while the episode runs. A post from any other thread, or after the episode ended, can only come from
/// something the orchestration context did not create (Task.Delay, Task.Run, I/O): that is the foreign
/// await the engine refuses.
/// </summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly Lock _gate = new();
    private readonly Action? _onLatePost;
    private int _threadId;
    private bool _closed;
    private bool _lateReported;

    /// <param name="onLatePost">Called (once) when something posts after the episode ended.</param>
    public OrchestrationSynchronizationContext(Action? onLatePost) => _onLatePost = onLatePost;

    /// <summary>Set when a continuation was posted from a thread other than the episode's.</summary>
    public bool ForeignPostDetected { get; private set; }

    /// <summary>Binds the context to the calling thread, the episode's only thread.</summary>
    public void Bind() => _threadId = Environment.CurrentManagedThreadId;

    /// <summary>Whether the caller is on the episode's thread while the episode runs.</summary>
    public bool IsOnEpisodeThread => !_closed && Environment.CurrentManagedThreadId == _threadId;

    public override void Post(SendOrPostCallback d, object? state)
    {
        var late = false;
        lock (_gate)
        {
            if (_closed)
            {
                late = !_lateReported;
                _lateReported = true;
            }
            else
            {
                if (Environment.CurrentManagedThreadId != _threadId)
                {
                    ForeignPostDetected = true;
                }

                _queue.Enqueue((d, state));
            }
        }

        if (late)
        {
            _onLatePost?.Invoke();
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestrator code cannot block on a synchronous send.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs queued continuations until none is left.</summary>
    public void RunUntilIdle()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) item;
            lock (_gate)
            {
                if (!_queue.TryDequeue(out item))
                {
                    return;
                }
            }

            item.Callback(item.State);
        }
    }

    /// <summary>Ends the episode: pending continuations are dropped, later posts are foreign.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _queue.Clear();
        }
    }
}

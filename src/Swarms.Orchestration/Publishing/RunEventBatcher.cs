using Swarms.Agents.Streaming;

namespace Swarms.Orchestration.Publishing;

/// <summary>
/// One per process, in front of the live publishers that ask for it (<see cref="IRunEventPublisher.BatchesPerRun"/>):
/// merges the logged batches of every agent of a run that are being appended at the same time into one publication
/// (one <c>events</c> message per run instead of one per agent), in sequence order.
/// </summary>
/// <remarks>
/// <para>
/// An outlet calls <see cref="Begin"/> before it appends a batch to the run log, <see cref="Add"/> with what was logged,
/// then <see cref="End"/>. A run's waiting events are published when no append of that run is in flight any more (so
/// the batches of agents flushing at the same window go out together and nothing waits for a timer), or at the latest
/// one window after they arrived (an append that hangs does not hold back the others).
/// </para>
/// <para>
/// One loop for the whole process publishes, never the model stream nor the activity's flushing loop. Bounded: a run
/// with more than <see cref="MaxPendingEvents"/> events waiting (a publisher that cannot keep up) drops its oldest; a
/// dropped event is still in the run log, where a client that sees a gap in <c>seq</c> reads it.
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Lives as long as the process, like its loop.")]
internal sealed class RunEventBatcher
{
    /// <summary>The process-wide batcher.</summary>
    public static RunEventBatcher Shared { get; } = new(TimeSpan.FromMilliseconds(50), TimeProvider.System);

    /// <summary>Events one run may have waiting for one publisher before the oldest are dropped.</summary>
    public const int MaxPendingEvents = 8192;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _runs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);
    private readonly TimeSpan _maxHold;
    private readonly TimeProvider _time;
    private Task? _loop;

    public RunEventBatcher(TimeSpan maxHold, TimeProvider time)
    {
        _maxHold = maxHold;
        _time = time;
    }

    /// <summary>Publications made so far (for tests and measurements).</summary>
    public long Publications => Interlocked.Read(ref _publications);

    /// <summary>Events dropped because a run had too many waiting.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    private long _publications;
    private long _dropped;

    /// <summary>An append of <paramref name="runId"/> is starting: hold its events until it ends.</summary>
    public void Begin(string runId)
    {
        lock (_gate)
        {
            if (!_runs.TryGetValue(runId, out var entry))
            {
                _runs[runId] = entry = new Entry();
            }

            entry.InFlight++;
        }
    }

    /// <summary>Adds logged events of <paramref name="runId"/> for <paramref name="publisher"/>.</summary>
    public void Add(string runId, IRunEventPublisher publisher, IReadOnlyList<SwarmEvent> events, Action<IRunEventPublisher, string, Exception> onError)
    {
        lock (_gate)
        {
            if (!_runs.TryGetValue(runId, out var entry))
            {
                _runs[runId] = entry = new Entry();
            }

            if (entry.Pending.Count == 0)
            {
                entry.FirstAt = _time.GetTimestamp();
                entry.OnError = onError;
            }

            if (!entry.Pending.TryGetValue(publisher, out var list))
            {
                entry.Pending[publisher] = list = new List<SwarmEvent>(events.Count);
            }

            list.AddRange(events);
            if (list.Count > MaxPendingEvents)
            {
                list.Sort(BySeq);
                int drop = list.Count - MaxPendingEvents;
                list.RemoveRange(0, drop);
                Interlocked.Add(ref _dropped, drop);
            }

            EnsureLoop();
        }
    }

    /// <summary>The append of <paramref name="runId"/> begun with <see cref="Begin"/> has ended (logged or failed).</summary>
    public void End(string runId)
    {
        bool ready;
        lock (_gate)
        {
            var entry = _runs[runId];
            entry.InFlight--;
            ready = entry.Pending.Count > 0; // ready now, or the loop looks at how long it has held them
            if (entry.InFlight == 0 && entry.Pending.Count == 0 && entry.Sending is null or { IsCompleted: true })
            {
                _runs.Remove(runId);
            }
        }

        if (ready)
        {
            _signal.Release();
        }
    }

    private void EnsureLoop() => _loop ??= Task.Run(LoopAsync);

    private async Task LoopAsync()
    {
        var due = new List<(string RunId, Entry Entry, Entry.Batch Batch)>();
        while (true)
        {
            TimeSpan? wait = null;
            lock (_gate)
            {
                long now = _time.GetTimestamp();
                List<string>? done = null;
                foreach (var (runId, entry) in _runs)
                {
                    bool sending = entry.Sending is { IsCompleted: false };
                    if (entry.Pending.Count == 0)
                    {
                        if (!sending && entry.InFlight == 0)
                        {
                            (done ??= []).Add(runId);
                        }

                        continue;
                    }

                    if (sending)
                    {
                        continue; // the run's previous message first (its completion wakes the loop)
                    }

                    var held = _time.GetElapsedTime(entry.FirstAt, now);
                    if (entry.InFlight == 0 || held >= _maxHold)
                    {
                        due.Add((runId, entry, entry.TakeBatch()));
                    }
                    else
                    {
                        var left = _maxHold - held;
                        wait = wait is null || left < wait ? left : wait;
                    }
                }

                foreach (var runId in done ?? [])
                {
                    _runs.Remove(runId);
                }
            }

            // The loop never waits for a send: a run's next message waits for its previous one (order per run), the
            // other runs do not (a slow group is nobody else's delay), nor does the model stream or the log.
            foreach (var (runId, entry, batch) in due)
            {
                var sends = new List<Task>(batch.Pending.Count);
                foreach (var (publisher, events) in batch.Pending)
                {
                    events.Sort(BySeq);
                    Interlocked.Increment(ref _publications);
                    sends.Add(PublishAsync(publisher, runId, events, batch.OnError));
                }

                var sent = sends.Count == 1 ? sends[0] : Task.WhenAll(sends);
                if (!sent.IsCompleted)
                {
                    lock (_gate)
                    {
                        entry.Sending = sent;
                    }

                    _ = sent.ContinueWith(static (_, signal) => ((SemaphoreSlim)signal!).Release(), _signal, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }

            bool worked = due.Count > 0;
            due.Clear();
            if (worked)
            {
                continue; // look again: more may have arrived while publishing
            }

            await _signal.WaitAsync(wait ?? Timeout.InfiniteTimeSpan).ConfigureAwait(false);
        }
    }

    private static async Task PublishAsync(IRunEventPublisher publisher, string runId, List<SwarmEvent> events, Action<IRunEventPublisher, string, Exception>? onError)
    {
        try
        {
            var pending = publisher.PublishAsync(runId, events, CancellationToken.None);
            if (!pending.IsCompletedSuccessfully)
            {
                await pending.ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // A live publisher must never fail the run: its events are in the log.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            onError?.Invoke(publisher, runId, ex);
        }
    }

    private static int BySeq(SwarmEvent a, SwarmEvent b) => a.Seq.CompareTo(b.Seq);

    private sealed class Entry
    {
        public int InFlight;
        public long FirstAt;
        public Task? Sending;
        public Action<IRunEventPublisher, string, Exception>? OnError;
        public Dictionary<IRunEventPublisher, List<SwarmEvent>> Pending = new(ReferenceEqualityComparer.Instance);

        public Batch TakeBatch()
        {
            var batch = new Batch(Pending, OnError);
            Pending = new(ReferenceEqualityComparer.Instance);
            OnError = null;
            return batch;
        }

        public sealed record Batch(Dictionary<IRunEventPublisher, List<SwarmEvent>> Pending, Action<IRunEventPublisher, string, Exception>? OnError);
    }
}

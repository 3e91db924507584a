using System.Threading.Channels;
using Swarms.Agents.Streaming;
using Swarms.Orchestration.RunLog;

namespace Swarms.Orchestration.Publishing;

/// <summary>
/// The sink an agent turn streams into: events go into a bounded channel at once (the model stream never waits for the
/// log), and one flushing loop coalesces text deltas and appends a batch to the run log, then to the live publishers,
/// at the end of each <see cref="CoalescingOptions.Window"/> (windows aligned on the process clock) or <see cref="CoalescingOptions.MaxChars"/> of text, whichever comes
/// first, and at once for any other event (a start, a failure, an answer). <see cref="OnCompletedAsync"/> returns only
/// when every event is flushed, so an activity never completes before its events are logged.
/// </summary>
internal sealed class RunEventWriter : ISwarmEventSink
{
    private readonly RunEventOutlet _outlet;
    private readonly string _runId;
    private readonly int _turn;
    private readonly CoalescingOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<SwarmEvent> _channel;
    private readonly Task _loop;

    public RunEventWriter(RunEventOutlet outlet, string runId, int turn, CoalescingOptions options, TimeProvider time)
    {
        _outlet = outlet;
        _runId = runId;
        _turn = turn;
        _options = options;
        _time = time;
        _channel = Channel.CreateBounded<SwarmEvent>(new BoundedChannelOptions(options.Capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = FlushLoopAsync();
    }

    /// <summary>Batches appended so far (for tests and measurements).</summary>
    public int Flushes { get; private set; }

    /// <summary>The highest sequence number logged so far; 0 before the first batch.</summary>
    public long LastSeq { get; private set; }

    public ValueTask OnEventAsync(SwarmEvent evt, CancellationToken cancellationToken) =>
        // Only when the log has fallen Capacity events behind does the stream wait (back-pressure, not unbounded memory).
        _channel.Writer.TryWrite(evt) ? default : _channel.Writer.WriteAsync(evt, cancellationToken);

    public async ValueTask OnCompletedAsync(Exception? failure, CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task FlushLoopAsync()
    {
        await Task.Yield(); // the loop runs beside the stream, not inside the constructor
        var reader = _channel.Reader;
        var pending = new DeltaCoalescer();
        long firstAt = 0;
        Task<bool>? more = null;
        try
        {
            while (true)
            {
                if (pending.IsEmpty)
                {
                    more ??= reader.WaitToReadAsync().AsTask();
                    bool open = await more.ConfigureAwait(false);
                    more = null;
                    if (!open)
                    {
                        break;
                    }
                }

                while (reader.TryRead(out var evt))
                {
                    if (pending.IsEmpty)
                    {
                        firstAt = _time.GetTimestamp();
                    }

                    pending.Add(evt);
                }

                if (!pending.Urgent && pending.TextChars < _options.MaxChars)
                {
                    var remaining = UntilWindowEnds(firstAt);
                    if (remaining > TimeSpan.Zero)
                    {
                        more ??= reader.WaitToReadAsync().AsTask();
                        if (await Task.WhenAny(more, Task.Delay(remaining, _time)).ConfigureAwait(false) == more)
                        {
                            bool open = await more.ConfigureAwait(false);
                            more = null;
                            if (open)
                            {
                                continue; // more events: take them, then look at the window again
                            }
                        }
                    }
                }

                await FlushAsync(pending).ConfigureAwait(false);
            }

            if (!pending.IsEmpty)
            {
                await FlushAsync(pending).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // The log failed: stop taking events (the stream then fails with this) rather than fill the channel forever.
            _channel.Writer.TryComplete(ex);
            throw;
        }
    }

    /// <summary>
    /// Windows are aligned on the process clock (they end at multiples of <see cref="CoalescingOptions.Window"/>), so the
    /// agents of a run, and of every run of the process, flush at the same moments: the run log writes their batches in
    /// one transaction and the live publishers send one message per run (<see cref="RunEventBatcher"/>). A delta waits
    /// for the end of the window it arrived in: at most one window, at most one batch per window.
    /// </summary>
    private TimeSpan UntilWindowEnds(long firstAt)
    {
        long period = Math.Max(1, (long)(_options.Window.TotalSeconds * _time.TimestampFrequency));
        long end = ((firstAt / period) + 1) * period;
        return _time.GetElapsedTime(_time.GetTimestamp(), end);
    }

    private async Task FlushAsync(DeltaCoalescer pending)
    {
        var events = pending.Take();
        if (events.Count == 0)
        {
            return;
        }

        // Not cancellable: once taken, the events are logged even when the turn is being stopped.
        var logged = await _outlet.AppendAsync(new RunLogBatch(_runId, events) { Turn = _turn }, CancellationToken.None).ConfigureAwait(false);
        if (logged.Count > 0)
        {
            LastSeq = logged[^1].Seq;
        }

        Flushes++;
    }
}

/// <summary>How an agent turn's events are batched before they are logged and published.</summary>
/// <param name="Window">Longest a text delta waits for more text (about 50 ms).</param>
/// <param name="MaxChars">Text that is flushed without waiting for the window (about 4 KB).</param>
/// <param name="Capacity">Events the stream may run ahead of the log before it waits.</param>
internal sealed record CoalescingOptions(TimeSpan Window, int MaxChars, int Capacity);

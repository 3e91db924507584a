using Swarms.Agents.Streaming;
using Swarms.Orchestration.Publishing;
using Swarms.Orchestration.RunLog;

namespace Swarms.Cli.Durable;

/// <summary>
/// Feeds one run's events to a display (the dashboard, NDJSON, plain lines) from two sources: the live publisher of this
/// process's worker (what its activities log, at once) and the run log (what was logged before, or by another process),
/// each event once, whichever source brings it first.
/// </summary>
/// <remarks>
/// Events of one agent turn come in order from either source; events of agents running at once may interleave, which
/// the display handles. The display is never called from two threads at once.
/// </remarks>
internal sealed class RunFollower(string runId, ISwarmEventSink display) : IRunEventPublisher, IDisposable
{
    /// <summary>How often the log is read for events this process did not log (another worker's).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<long> _ahead = [];
    private long _contiguous;

    /// <summary>Events shown so far.</summary>
    public int Delivered { get; private set; }

    public ValueTask PublishAsync(string publishedRunId, IReadOnlyList<SwarmEvent> events, CancellationToken cancellationToken) =>
        publishedRunId == runId ? new ValueTask(DeliverAsync(events, cancellationToken)) : default;

    /// <summary>Shows every logged event not shown yet.</summary>
    public async Task CatchUpAsync(IRunLog log, CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await log.ReadAsync(runId, Volatile.Read(ref _contiguous), 1000, cancellationToken).ConfigureAwait(false);
            await DeliverAsync(page, cancellationToken).ConfigureAwait(false);
            if (page.Count < 1000)
            {
                return;
            }
        }
    }

    /// <summary>Follows the log until <paramref name="done"/> completes, then shows the rest.</summary>
    public async Task FollowAsync(IRunLog log, Task done, CancellationToken cancellationToken)
    {
        while (!done.IsCompleted)
        {
            await CatchUpAsync(log, cancellationToken).ConfigureAwait(false);
            await Task.WhenAny(done, Task.Delay(PollInterval, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        await CatchUpAsync(log, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _gate.Dispose();

    private async Task DeliverAsync(IReadOnlyList<SwarmEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var evt in events)
            {
                if (evt.Seq <= _contiguous || !_ahead.Add(evt.Seq))
                {
                    continue; // shown already
                }

                while (_ahead.Remove(_contiguous + 1))
                {
                    Volatile.Write(ref _contiguous, _contiguous + 1);
                }

                await display.OnEventAsync(evt, cancellationToken).ConfigureAwait(false);
                Delivered++;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}

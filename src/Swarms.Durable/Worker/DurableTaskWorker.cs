using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Swarms.Durable.Storage;

namespace Swarms.Durable.Worker;

/// <summary>
/// The embedded engine: runs the registered orchestrators and activities against a store. Start one per
/// process; several processes may share a store, and leases keep their work apart. In-process work is
/// handed over by signals with no polling delay; polling covers work from other processes, expired leases
/// and timers.
/// </summary>
public sealed class DurableTaskWorker : IAsyncDisposable
{
    private readonly IOrchestrationStore _store;
    private readonly DurableTaskWorkerOptions _options;
    private readonly ILogger _logger;
    private readonly OrchestrationDispatcher _orchestrations;
    private readonly ActivityDispatcher _activities;
    private readonly ConcurrentDictionary<ITimer, byte> _timers = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private Task? _running;

    /// <summary>Creates the worker; call <see cref="StartAsync"/> to run it.</summary>
    /// <param name="store">The store.</param>
    /// <param name="registry">The orchestrators and activities.</param>
    /// <param name="options">The options; defaults when null.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    public DurableTaskWorker(IOrchestrationStore store, DurableTaskRegistry registry, DurableTaskWorkerOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(registry);
        _store = store;
        _options = options ?? new DurableTaskWorkerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxConcurrentActivities, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxConcurrentOrchestrations, 1, nameof(options));
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Swarms.Durable");
        _activities = new ActivityDispatcher(store, registry, _options, _logger);
        _orchestrations = new OrchestrationDispatcher(store, registry, _options, _activities, _logger);
        _activities.LocalDelivery = _orchestrations.TryDeliverLocally;
    }

    /// <summary>This worker's lease owner id.</summary>
    public string OwnerId => _options.OwnerId;

    /// <summary>Orchestrator episodes plus activity executions completed by this worker: the "work items"
    /// of Durable Task benchmarks.</summary>
    public long WorkItemCount => _orchestrations.EpisodeCount + _activities.ExecutionCount;

    /// <summary>Starts the loops and picks up any work already in the store (for example after a crash).</summary>
    /// <param name="cancellationToken">Unused; present for hosting symmetry.</param>
    /// <returns>A completed task.</returns>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_running is not null)
        {
            throw new InvalidOperationException("The worker is already started.");
        }

        _store.MessageEnqueued += OnMessageEnqueued;
        _running = Task.WhenAll(
            _orchestrations.RunAsync(_stopping.Token),
            _activities.RunAsync(_stopping.Token, _abort.Token),
            Task.Run(() => PollLoopAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => RenewLoopAsync(_stopping.Token), CancellationToken.None));
        Log.WorkerStarted(_logger, OwnerId);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops gracefully: no new work is taken, running episodes finish, running activities get
    /// <see cref="DurableTaskWorkerOptions.ShutdownTimeout"/> before their token fires, and every lease is
    /// released so another worker can carry on at once.
    /// </summary>
    /// <param name="cancellationToken">Cancels running activities at once.</param>
    /// <returns>A task that completes when the worker stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_running is null || _stopping.IsCancellationRequested)
        {
            return;
        }

        _store.MessageEnqueued -= OnMessageEnqueued;
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var timer in _timers.Keys)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        using (cancellationToken.Register(() => _abort.Cancel()))
        {
            _abort.CancelAfter(_options.ShutdownTimeout);
            await _running.ConfigureAwait(false);
        }

        await _orchestrations.FlushLocalCompletionsAsync().ConfigureAwait(false);

        await _store.ReleaseLeasesAsync(OwnerId, CancellationToken.None).ConfigureAwait(false);
        Log.WorkerStopped(_logger, OwnerId);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _abort.Dispose();
    }

    private void OnMessageEnqueued(string instanceId, DateTime visibleAt)
    {
        var due = visibleAt - _options.TimeProvider.GetUtcNow().UtcDateTime;
        if (due <= TimeSpan.Zero)
        {
            _orchestrations.Signal(instanceId);
            return;
        }

        // A durable timer written by this process: wake exactly when due (the poll loop is the fallback).
        ITimer? timer = null;
        timer = _options.TimeProvider.CreateTimer(
            _ =>
            {
                _orchestrations.Signal(instanceId);
                if (timer is not null && _timers.TryRemove(timer, out byte _))
                {
                    timer.Dispose();
                }
            },
            null,
            due,
            Timeout.InfiniteTimeSpan);
        _timers.TryAdd(timer, 0);
    }

    private async Task PollLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var now = _options.TimeProvider.GetUtcNow().UtcDateTime;
                foreach (var id in await _store.FindReadyInstancesAsync(OwnerId, now, 1000, stopping).ConfigureAwait(false))
                {
                    _orchestrations.Signal(id);
                }

                var room = (2 * _options.MaxConcurrentActivities) - _activities.Pending;
                if (room > 0)
                {
                    _activities.Enqueue(await _store.LockReadyActivitiesAsync(OwnerId, now, now + _options.LeaseDuration, room, stopping).ConfigureAwait(false));
                }

                await Task.Delay(_options.PollingInterval, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Polling is the safety net; it must survive transient store errors.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.LoopError(_logger, "poll", ex);
                await Task.Delay(_options.PollingInterval, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task RenewLoopAsync(CancellationToken stopping)
    {
        var period = _options.LeaseDuration / 3;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, stopping).ConfigureAwait(false);
                var until = _options.TimeProvider.GetUtcNow().UtcDateTime + _options.LeaseDuration;
                await _store.RenewLeasesAsync(OwnerId, until, CancellationToken.None).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Renewal retries on the next period; leases are long enough to survive one miss.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.LoopError(_logger, "lease renewal", ex);
            }
        }
    }
}

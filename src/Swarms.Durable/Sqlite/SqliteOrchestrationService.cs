using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Swarms.Durable.Internal;

namespace Swarms.Durable.Sqlite;

/// <summary>
/// The embedded Durable Task backend: a DurableTask.Core <see cref="IOrchestrationService"/> and
/// <see cref="IOrchestrationServiceClient"/> (with query and purge) on one SQLite file.
/// </summary>
/// <remarks>
/// <para>Guarantees, as DurableTask.Core expects them: an instance is locked by one worker at a time, across processes,
/// with a lease that the worker renews and that expires when it dies; a locked work item carries the full history of
/// the current execution and every visible message; a completed episode (history append, or replacement on
/// continue-as-new, status, activity / orchestrator / timer messages, consumed messages deleted) is one transaction,
/// refused when the lock was lost; activities are leased and renewed the same way; timer messages become visible
/// at their fire time; creating an instance honours the duplicate-id rules and a delayed start.</para>
/// <para>Speed comes from three things: one writer thread groups concurrent transactions into one commit (one disk
/// flush for many episodes); work produced in this process (a new instance, an activity, an activity's result) is
/// handed over in memory, already leased, while polling finds work from other processes and expired leases; and
/// orchestrations stay loaded between episodes (extended sessions), so history is neither reloaded nor replayed.</para>
/// </remarks>
public sealed partial class SqliteOrchestrationService :
    IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient, IDisposable
{
    private static readonly TimeSpan AbandonBackoff = TimeSpan.FromSeconds(1);

    private readonly SqliteDatabase _database;
    private readonly ILogger _logger;
    private readonly string _owner = Guid.NewGuid().ToString("N");
    private readonly string? _instancesJson;
    private readonly ConcurrentQueue<string> _readyIds = new();
    private readonly ConcurrentDictionary<string, byte> _queuedIds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SqliteWorkItem> _prefetched = new();
    private readonly ConcurrentDictionary<string, SqliteWorkItem> _loaded = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TaskActivityWorkItem> _activities = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);
    private readonly AsyncSignal _orchestrationSignal = new();
    private readonly AsyncSignal _activitySignal = new();
    private CancellationTokenSource _stopping = new();
    private Task? _renewal;
    private Task? _messagePoll;
    private int _started;
    private int _completionPolling;
    private int _disposed;

    /// <summary>Opens (and creates when missing) the database.</summary>
    /// <param name="options">The options; copied.</param>
    /// <param name="loggerFactory">Logging.</param>
    public SqliteOrchestrationService(SqliteOrchestrationServiceOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Clone();
        Options.Validate();
        _instancesJson = Options.InstancesJson;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SqliteOrchestrationService>();
        _database = new SqliteDatabase(Options.Path, Options.FullSync, Options.MaxWriteBatch);
    }

    /// <summary>The options in force.</summary>
    public SqliteOrchestrationServiceOptions Options { get; }

    /// <inheritdoc/>
    public int TaskOrchestrationDispatcherCount => 1;

    /// <inheritdoc/>
    public int MaxConcurrentTaskOrchestrationWorkItems => Options.MaxConcurrentOrchestrations;

    /// <inheritdoc/>
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

    /// <inheritdoc/>
    public int TaskActivityDispatcherCount => 1;

    /// <inheritdoc/>
    public int MaxConcurrentTaskActivityWorkItems => Options.MaxConcurrentActivities;

    internal bool SessionsEnabled => Options.SessionIdleTimeout > TimeSpan.Zero;

    internal bool IsStopping => _stopping.IsCancellationRequested || Volatile.Read(ref _started) == 0;

    internal CancellationToken StoppingToken => _stopping.Token;

    /// <summary>Whether a worker runs on this service in this process (work created here is then kept here).</summary>
    private bool IsRunning => Volatile.Read(ref _started) == 1 && !_stopping.IsCancellationRequested;

    /// <inheritdoc/>
    public Task StartAsync()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.CompareExchange(ref _started, 1, 0) == 0)
        {
            _stopping = new CancellationTokenSource();
            _renewal = Task.Run(RenewLeasesLoopAsync);
            _messagePoll = Task.Run(PollNewMessagesLoopAsync);
            _orchestrationSignal.Set();
            _activitySignal.Set();
            Log.BackendStarted(_logger, "sqlite", Options.Path ?? ":memory:", _owner);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops handing out work: idle sessions end and fetches return nothing. The host calls this first on shutdown,
    /// then waits for in-flight work items, then stops the TaskHubWorker.
    /// </summary>
    public void BeginStop() => _stopping.Cancel();

    /// <summary>How many work items this process holds (orchestrations loaded, activities leased and not finished).</summary>
    public int InFlightWorkItems => Volatile.Read(ref _orchestrationsInFlight) + Volatile.Read(ref _activitiesInFlight);

    /// <inheritdoc/>
    public Task StopAsync() => StopAsync(isForced: false);

    /// <inheritdoc/>
    public async Task StopAsync(bool isForced)
    {
        if (Interlocked.CompareExchange(ref _started, 0, 1) != 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var loop in new[] { _renewal, _messagePoll })
        {
            if (loop is not null)
            {
                await loop.ConfigureAwait(false);
            }
        }

        // Give every lock back so the next process (or another worker) takes the work at once instead of
        // waiting for the leases to expire. An activity still running here may then run again elsewhere: activities
        // run at least once.
        var now = DateTime.UtcNow.Ticks;
        await _database.WriteAsync(s =>
        {
            s.Execute("UPDATE dt_instances SET lock_owner = NULL, locked_until = 0 WHERE lock_owner = $p0", _owner);
            s.Execute("UPDATE dt_activities SET lock_owner = NULL, locked_until = 0 WHERE lock_owner = $p0", _owner);
            return 0;
        }).ConfigureAwait(false);
        _loaded.Clear();
        Volatile.Write(ref _orchestrationsInFlight, 0);
        Volatile.Write(ref _activitiesInFlight, 0);
        _prefetched.Clear();
        _activities.Clear();
        _readyIds.Clear();
        _queuedIds.Clear();
        Log.BackendStopped(_logger, _owner, now);
    }

    /// <inheritdoc/>
    public Task CreateAsync() => CreateAsync(recreateInstanceStore: true);

    /// <inheritdoc/>
    public async Task CreateAsync(bool recreateInstanceStore)
    {
        if (recreateInstanceStore)
        {
            await DeleteAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public Task CreateIfNotExistsAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public Task DeleteAsync() => DeleteAsync(deleteInstanceStore: true);

    /// <inheritdoc/>
    public Task DeleteAsync(bool deleteInstanceStore) =>
        _database.WriteAsync(s =>
        {
            s.Execute("DELETE FROM dt_history");
            s.Execute("DELETE FROM dt_messages");
            s.Execute("DELETE FROM dt_activities");
            s.Execute("DELETE FROM dt_instances");
            return 0;
        });

    /// <inheritdoc/>
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

    /// <inheritdoc/>
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => exception is LockLostException ? 0 : 1;

    /// <inheritdoc/>
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => exception is OperationCanceledException ? 0 : 1;

    /// <summary>Closes the database. Stop the service first.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // Disposing without stopping keeps the locks (as a crash would): they expire.
            Volatile.Write(ref _started, 0);
            _stopping.Cancel();
            _database.Dispose();
            _stopping.Dispose();
        }
    }

    private static long Ticks(DateTime time) => time.Ticks;

    private DateTime LeaseEnd(DateTime now) => now + Options.LockDuration;

    /// <summary>Extends every lease this process holds, a third of the lock duration before it ends.</summary>
    private async Task RenewLeasesLoopAsync()
    {
        var period = Options.LockDuration / 3;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, _stopping.Token).ConfigureAwait(false);
                var until = Ticks(LeaseEnd(DateTime.UtcNow));
                await _database.WriteAsync(s =>
                {
                    s.Execute("UPDATE dt_instances SET locked_until = $p1 WHERE lock_owner = $p0", _owner, until);
                    s.Execute("UPDATE dt_activities SET locked_until = $p1 WHERE lock_owner = $p0", _owner, until);
                    return 0;
                }).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
#pragma warning disable CA1031 // A failed renewal is retried next period; a lost lease is detected on completion.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.RenewalFailed(_logger, ex);
            }
        }
    }

    /// <summary>
    /// Tells loaded instances (extended sessions) about messages other processes sent them: one query per polling
    /// interval over the messages that arrived since the last one, however many instances are loaded.
    /// </summary>
    private async Task PollNewMessagesLoopAsync()
    {
        var lastId = await _database.ReadAsync(s => s.Scalar("SELECT COALESCE(MAX(id), 0) FROM dt_messages") is long max ? max : 0).ConfigureAwait(false);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Options.PollingInterval, _stopping.Token).ConfigureAwait(false);
                if (_loaded.IsEmpty)
                {
                    continue;
                }

                var from = lastId;
                var arrived = await _database.ReadAsync(s =>
                {
                    var list = new List<(string Id, long MaxId)>();
                    using var reader = s.Command("SELECT instance_id, MAX(id) FROM dt_messages WHERE id > $p0 GROUP BY instance_id", from).ExecuteReader();
                    while (reader.Read())
                    {
                        list.Add((reader.GetString(0), reader.GetInt64(1)));
                    }

                    return list;
                }).ConfigureAwait(false);
                foreach (var (id, maxId) in arrived)
                {
                    lastId = Math.Max(lastId, maxId);
                    if (_loaded.TryGetValue(id, out var item) && maxId > item.MaxDeliveredId)
                    {
                        item.TryNotify(null);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
#pragma warning disable CA1031 // A failed poll is retried next period.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.PollFailed(_logger, ex);
            }
        }
    }

    /// <summary>Wakes whoever should look at an instance next: its loaded work item, or the lock loop.</summary>
    private void SignalInstance(string instanceId, StoredMessage? message)
    {
        if (_loaded.TryGetValue(instanceId, out var workItem) && workItem.TryNotify(message))
        {
            return;
        }

        QueueInstance(instanceId);
    }

    private void QueueInstance(string instanceId)
    {
        if (_queuedIds.TryAdd(instanceId, 0))
        {
            _readyIds.Enqueue(instanceId);
        }

        _orchestrationSignal.Set();
    }

    /// <summary>Wakes the instance when a message that is not visible yet (a timer, a delayed start) comes due.</summary>
    private void WakeAt(string instanceId, DateTime visibleAt)
    {
        var delay = visibleAt - DateTime.UtcNow;
        if (delay <= TimeSpan.Zero)
        {
            SignalInstance(instanceId, null);
            return;
        }

        // Polling finds the message too; this only makes a timer fire on time in this process.
        _ = Task.Delay(delay, _stopping.Token).ContinueWith(
            t => SignalInstance(instanceId, null),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
    }

    private void NotifyCompleted(string instanceId)
    {
        if (_waiters.TryRemove(instanceId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}

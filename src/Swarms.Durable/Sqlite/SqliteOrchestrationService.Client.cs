using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Swarms.Durable.Internal;

namespace Swarms.Durable.Sqlite;

/// <summary>The client contract: create, send, wait, terminate, state and history.</summary>
public sealed partial class SqliteOrchestrationService
{
    /// <inheritdoc/>
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => CreateTaskOrchestrationAsync(creationMessage, null);

    /// <inheritdoc/>
    /// <remarks>An instance id may be reused once its instance finished, unless its status is in
    /// <paramref name="dedupeStatuses"/>; an unfinished instance (pending, running, suspended) always keeps its id:
    /// terminate it first. A start time in the future (<see cref="ExecutionStartedEvent.ScheduledStartTime"/>)
    /// leaves the instance pending until then.</remarks>
    public async Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[]? dedupeStatuses)
    {
        ArgumentNullException.ThrowIfNull(creationMessage);
        if (creationMessage.Event is not ExecutionStartedEvent started)
        {
            throw new ArgumentException("The creation message must carry an ExecutionStartedEvent.", nameof(creationMessage));
        }

        var json = CoreJson.Serialize(creationMessage);
        var now = DateTime.UtcNow;
        var instanceId = creationMessage.OrchestrationInstance.InstanceId;
        await _database.WriteAsync(s =>
        {
            if (s.Scalar("SELECT status FROM dt_instances WHERE instance_id = $p0", instanceId) is long existing)
            {
                var status = (OrchestrationStatus)existing;
                if (!InstanceRow.IsTerminal(status) || (dedupeStatuses?.Contains(status) ?? false))
                {
                    throw new OrchestrationAlreadyExistsException($"An orchestration with instance id '{instanceId}' and status {status} already exists.");
                }
            }

            InsertMessage(s, creationMessage, json, started.ScheduledStartTime ?? now, now);
            return 0;
        }).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => SendTaskOrchestrationMessageBatchAsync(message);

    /// <inheritdoc/>
    /// <remarks>Messages to an instance that does not exist are dropped.</remarks>
    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var now = DateTime.UtcNow;
        var rows = messages.Select(m => (Message: m, Json: CoreJson.Serialize(m), VisibleAt: m.Event is TimerFiredEvent t ? t.FireAt : now)).ToList();
        return _database.WriteAsync(s =>
        {
            foreach (var (message, json, visibleAt) in rows)
            {
                InsertMessage(s, message, json, visibleAt, now);
            }

            return 0;
        });
    }

    /// <inheritdoc/>
    /// <remarks>Completions in this process wake the waiter at once; those of other processes are found by one shared
    /// poll per <see cref="SqliteOrchestrationServiceOptions.PollingInterval"/>, however many callers wait.</remarks>
    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var deadline = timeout == TimeSpan.MaxValue || timeout > TimeSpan.FromDays(3650) ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        while (true)
        {
            var waiter = _waiters.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            EnsureCompletionPoller();
            var state = await GetOrchestrationStateAsync(instanceId, executionId).ConfigureAwait(false);
            if (state is not null && InstanceRow.IsTerminal(state.OrchestrationStatus))
            {
                return state;
            }

            var now = DateTime.UtcNow;
            if (now >= deadline)
            {
                return null!;
            }

            try
            {
                await waiter.Task.WaitAsync(deadline == DateTime.MaxValue ? Timeout.InfiniteTimeSpan : deadline - now, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    private void EnsureCompletionPoller()
    {
        if (Interlocked.CompareExchange(ref _completionPolling, 1, 0) == 0)
        {
            _ = Task.Run(PollCompletionsAsync);
        }
    }

    /// <summary>Finds instances that finished since the last look (in any process) and wakes their waiters.</summary>
    private async Task PollCompletionsAsync()
    {
        // Overlap the windows: another process's commit may carry a time a little before ours.
        var since = DateTime.UtcNow - Options.PollingInterval - TimeSpan.FromSeconds(1);
        var terminal = string.Join(',', TerminalStatuses.Select(s => (int)s).Order());
        var sql = $"SELECT instance_id FROM dt_instances WHERE last_updated >= $p0 AND status IN ({terminal})";
        while (!_waiters.IsEmpty && Volatile.Read(ref _disposed) == 0)
        {
            try
            {
                await Task.Delay(Options.PollingInterval).ConfigureAwait(false);
                var from = since;
                since = DateTime.UtcNow - Options.PollingInterval - TimeSpan.FromSeconds(1);
                var finished = await _database.ReadAsync(s =>
                {
                    var ids = new List<string>();
                    using var reader = s.Command(sql, from.Ticks).ExecuteReader();
                    while (reader.Read())
                    {
                        ids.Add(reader.GetString(0));
                    }

                    return ids;
                }).ConfigureAwait(false);
                finished.ForEach(NotifyCompleted);
            }
            catch (ObjectDisposedException)
            {
                break;
            }
        }

        Volatile.Write(ref _completionPolling, 0);
        if (!_waiters.IsEmpty && Volatile.Read(ref _disposed) == 0)
        {
            EnsureCompletionPoller();
        }
    }

    /// <inheritdoc/>
    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) =>
        SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new ExecutionTerminatedEvent(-1, reason),
        });

    /// <inheritdoc/>
    public async Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions)
    {
        var state = await GetOrchestrationStateAsync(instanceId, executionId: null).ConfigureAwait(false);
        return state is null ? [] : [state];
    }

    /// <inheritdoc/>
    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string? executionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return _database.ReadAsync(s =>
        {
            using var reader = s.Command($"SELECT {InstanceRow.Columns} FROM dt_instances WHERE instance_id = $p0", instanceId).ExecuteReader();
            if (!reader.Read())
            {
                return null!;
            }

            var state = InstanceRow.Read(reader, includePayloads: true);
            return executionId is null || executionId == state.OrchestrationInstance.ExecutionId ? state : null!;
        });
    }

    /// <inheritdoc/>
    /// <returns>The history of the current execution: a JSON array in DurableTask.Core's form.</returns>
    public async Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId)
    {
        var events = await GetHistoryAsync(instanceId).ConfigureAwait(false);
        return CoreJson.Serialize(events);
    }

    /// <summary>The history of an instance's current execution, in order; empty when unknown.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <returns>The events.</returns>
    public Task<IList<HistoryEvent>> GetHistoryAsync(string instanceId) =>
        _database.ReadAsync<IList<HistoryEvent>>(s =>
        {
            var list = new List<HistoryEvent>();
            using var reader = s.Command("SELECT payload FROM dt_history WHERE instance_id = $p0 ORDER BY seq", instanceId).ExecuteReader();
            while (reader.Read())
            {
                list.Add(CoreJson.Deserialize<HistoryEvent>(reader.GetString(0)));
            }

            return list;
        });

    /// <summary>
    /// Queues a message for an orchestration, in the caller's transaction. An ExecutionStartedEvent creates the
    /// instance (replacing a finished one with the same id; a duplicate of an unfinished one is dropped); any other
    /// message to an unknown instance is dropped. The target is woken after commit, or when the message comes due.
    /// </summary>
    private void InsertMessage(SqliteSession s, TaskMessage message, string json, DateTime visibleAt, DateTime now)
    {
        var instanceId = message.OrchestrationInstance.InstanceId;
        SqliteWorkItem? prelocked = null;
        if (message.Event is ExecutionStartedEvent started)
        {
            if (s.Scalar("SELECT status FROM dt_instances WHERE instance_id = $p0", instanceId) is long existing)
            {
                if (!InstanceRow.IsTerminal((OrchestrationStatus)existing))
                {
                    return;
                }

                DeleteInstance(s, instanceId);
            }

            // A worker runs here: keep the new instance (already locked) instead of making it wait for a poll.
            var keep = IsRunning && visibleAt <= now;
            var until = LeaseEnd(now);
            InstanceRow.Insert(s, InstanceRow.Pending(started, now), keep ? _owner : null, keep ? until.Ticks : 0);
            var id = (long)s.Scalar("INSERT INTO dt_messages (instance_id, visible_at, payload) VALUES ($p0, $p1, $p2) RETURNING id", instanceId, visibleAt.Ticks, json)!;
            if (keep)
            {
                prelocked = new SqliteWorkItem(this, instanceId, started.OrchestrationInstance.ExecutionId, [], [new StoredMessage(id, message)], until);
                _database.AfterCommit(() =>
                {
                    _loaded[instanceId] = prelocked;
                    _prefetched.Enqueue(prelocked);
                    _orchestrationSignal.Set();
                });
            }
            else
            {
                _database.AfterCommit(() => WakeAt(instanceId, visibleAt));
            }

            return;
        }

        if (s.Scalar("SELECT 1 FROM dt_instances WHERE instance_id = $p0", instanceId) is null)
        {
            return;
        }

        var rowId = (long)s.Scalar("INSERT INTO dt_messages (instance_id, visible_at, payload) VALUES ($p0, $p1, $p2) RETURNING id", instanceId, visibleAt.Ticks, json)!;
        if (visibleAt <= now)
        {
            var stored = new StoredMessage(rowId, message);
            _database.AfterCommit(() => SignalInstance(instanceId, stored));
        }
        else
        {
            _database.AfterCommit(() => WakeAt(instanceId, visibleAt));
        }
    }

    private static void DeleteInstance(SqliteSession s, string instanceId)
    {
        s.Execute("DELETE FROM dt_history WHERE instance_id = $p0", instanceId);
        s.Execute("DELETE FROM dt_messages WHERE instance_id = $p0", instanceId);
        s.Execute("DELETE FROM dt_activities WHERE instance_id = $p0", instanceId);
        s.Execute("DELETE FROM dt_instances WHERE instance_id = $p0", instanceId);
    }
}

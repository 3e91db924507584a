using DurableTask.Core;
using DurableTask.Core.History;
using Swarms.Durable.Internal;

namespace Swarms.Durable.Sqlite;

/// <summary>The orchestration side of the worker contract: lock, renew, complete, abandon, release.</summary>
public sealed partial class SqliteOrchestrationService
{
    private const int LockBatch = 32;
    private WorkFeed<SqliteWorkItem>? _orchestrationFeed;
    private int _orchestrationsInFlight;

    /// <inheritdoc/>
    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        _orchestrationFeed ??= new WorkFeed<SqliteWorkItem>(this, _orchestrationSignal, TakeOrchestrationAsync, QueueReadyInstancesAsync);
        var item = await _orchestrationFeed.NextAsync(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (item is not null)
        {
            Interlocked.Increment(ref _orchestrationsInFlight);
        }

        return item!;
    }

    /// <inheritdoc/>
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var until = LeaseEnd(DateTime.UtcNow);
        return _database.WriteAsync(s =>
        {
            if (s.Execute("UPDATE dt_instances SET locked_until = $p1 WHERE instance_id = $p0 AND lock_owner = $p2", workItem.InstanceId, Ticks(until), _owner) == 0)
            {
                throw new LockLostException($"The lock on orchestration '{workItem.InstanceId}' was lost.");
            }

            workItem.LockedUntilUtc = until;
            return 0;
        });
    }

    /// <inheritdoc/>
    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(newOrchestrationRuntimeState);
        var item = (SqliteWorkItem)workItem;
        var now = DateTime.UtcNow;
        var executionId = newOrchestrationRuntimeState.OrchestrationInstance?.ExecutionId ?? item.StoredExecutionId;
        var newExecution = executionId != item.StoredExecutionId;
        var events = newOrchestrationRuntimeState.Events;
        var firstNew = newExecution ? 0 : item.StoredHistoryCount;
        var history = new string[Math.Max(0, events.Count - firstNew)];
        for (var i = 0; i < history.Length; i++)
        {
            history[i] = CoreJson.Serialize(events[firstNew + i]);
        }

        var activities = Serialize(outboundMessages);
        var messages = new List<(TaskMessage Message, string Json, DateTime VisibleAt)>();
        foreach (var m in orchestratorMessages)
        {
            messages.Add((m, CoreJson.Serialize(m), now));
        }

        foreach (var m in timerMessages)
        {
            messages.Add((m, CoreJson.Serialize(m), m.Event is TimerFiredEvent fired ? fired.FireAt : now));
        }

        if (continuedAsNewMessage is not null)
        {
            messages.Add((continuedAsNewMessage, CoreJson.Serialize(continuedAsNewMessage), now));
        }

        var state = orchestrationState is null ? null : InstanceRow.From(orchestrationState, newExecution: newExecution || item.StoredHistoryCount == 0);
        var leaseEnd = LeaseEnd(now);
        var keepActivities = IsRunning;
        var created = await _database.WriteAsync(s =>
        {
            var updated = state is null
                ? s.Execute("UPDATE dt_instances SET last_updated = $p1 WHERE instance_id = $p0 AND lock_owner = $p2", item.InstanceId, Ticks(now), _owner)
                : state.Update(s, item.InstanceId, executionId, _owner, now);
            if (updated == 0)
            {
                throw new LockLostException($"The lock on orchestration '{item.InstanceId}' was lost; the episode is discarded.");
            }

            if (newExecution)
            {
                // Continue-as-new: the new execution's history replaces the old one; work of the old execution
                // (its activities, timers, results) must not reach the new one. Pending external events stay.
                s.Execute("DELETE FROM dt_history WHERE instance_id = $p0", item.InstanceId);
                s.Execute("DELETE FROM dt_activities WHERE instance_id = $p0", item.InstanceId);
            }

            for (var i = 0; i < history.Length; i++)
            {
                s.Execute("INSERT INTO dt_history (instance_id, seq, payload) VALUES ($p0, $p1, $p2)", item.InstanceId, firstNew + i, history[i]);
            }

            foreach (var id in item.MessageIds)
            {
                s.Execute("DELETE FROM dt_messages WHERE id = $p0", id);
            }

            foreach (var result in item.DeferredResults)
            {
                // The result was consumed from memory: its activity is done now. If the lease was lost meanwhile,
                // another worker re-runs it and its result arrives as a duplicate, which DurableTask.Core ignores.
                s.Execute("DELETE FROM dt_activities WHERE id = $p0 AND lock_owner = $p1", result.ActivityId, _owner);
            }

            var leased = new List<TaskActivityWorkItem>(activities.Count);
            foreach (var (message, json) in activities)
            {
                var id = (long)s.Scalar(
                    "INSERT INTO dt_activities (instance_id, payload, lock_owner, locked_until) VALUES ($p0, $p1, $p2, $p3) RETURNING id",
                    message.OrchestrationInstance.InstanceId, json, keepActivities ? _owner : null, keepActivities ? Ticks(leaseEnd) : 0)!;
                leased.Add(new TaskActivityWorkItem { Id = id.ToString(System.Globalization.CultureInfo.InvariantCulture), LockedUntilUtc = leaseEnd, TaskMessage = message });
            }

            foreach (var (message, json, visibleAt) in messages)
            {
                InsertMessage(s, message, json, visibleAt, now);
            }

            if (state is not null && InstanceRow.IsTerminal(state.Status))
            {
                _database.AfterCommit(() => NotifyCompleted(item.InstanceId));
            }

            return leased;
        }).ConfigureAwait(false);

        item.Committed();
        item.StoredExecutionId = executionId;
        item.StoredHistoryCount = events.Count;
        item.LockedUntilUtc = leaseEnd;
        if (keepActivities)
        {
            foreach (var activity in created)
            {
                _activities.Enqueue(activity);
            }

            if (created.Count > 0)
            {
                _activitySignal.Set();
            }
        }
        else if (created.Count > 0)
        {
            _activitySignal.Set();
        }
    }

    /// <inheritdoc/>
    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var retryAt = DateTime.UtcNow + AbandonBackoff;
        var item = (SqliteWorkItem)workItem;
        var results = new List<StoredMessage>(item.DeferredResults);
        Unload(workItem.InstanceId, results);
        item.Committed();
        await StoreResultsAsync(results).ConfigureAwait(false);
        await _database.WriteAsync(s => s.Execute(
            "UPDATE dt_instances SET lock_owner = NULL, locked_until = $p1 WHERE instance_id = $p0 AND lock_owner = $p2",
            workItem.InstanceId, Ticks(retryAt), _owner)).ConfigureAwait(false);
        WakeAt(workItem.InstanceId, retryAt);
    }

    /// <inheritdoc/>
    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var results = new List<StoredMessage>();
        var pending = Unload(workItem.InstanceId, results);
        await StoreResultsAsync(results).ConfigureAwait(false);
        await _database.WriteAsync(s => s.Execute(
            "UPDATE dt_instances SET lock_owner = NULL, locked_until = 0 WHERE instance_id = $p0 AND lock_owner = $p1",
            workItem.InstanceId, _owner)).ConfigureAwait(false);
        if (pending)
        {
            QueueInstance(workItem.InstanceId);
        }
    }

    /// <summary>Reads the visible messages of an instance this process holds locked.</summary>
    internal Task<List<StoredMessage>> ReadVisibleMessagesAsync(string instanceId)
    {
        var now = Ticks(DateTime.UtcNow);
        return _database.ReadAsync(s => ReadMessages(s, instanceId, now));
    }

    private static List<StoredMessage> ReadMessages(SqliteSession s, string instanceId, long now)
    {
        var list = new List<StoredMessage>();
        using var reader = s.Command("SELECT id, payload FROM dt_messages WHERE instance_id = $p0 AND visible_at <= $p1 ORDER BY id", instanceId, now).ExecuteReader();
        while (reader.Read())
        {
            list.Add(new StoredMessage(reader.GetInt64(0), CoreJson.Deserialize<TaskMessage>(reader.GetString(1))));
        }

        return list;
    }

    private static List<(TaskMessage Message, string Json)> Serialize(IList<TaskMessage> messages)
    {
        var list = new List<(TaskMessage, string)>(messages.Count);
        foreach (var m in messages)
        {
            list.Add((m, CoreJson.Serialize(m)));
        }

        return list;
    }

    /// <summary>Forgets a loaded instance; adds the activity results handed to it that no episode consumed.</summary>
    private bool Unload(string instanceId, List<StoredMessage> unconsumedResults)
    {
        if (!_loaded.TryRemove(instanceId, out var loaded))
        {
            return false;
        }

        Interlocked.Decrement(ref _orchestrationsInFlight);
        var pending = loaded.MarkReleased(out var results);
        unconsumedResults.AddRange(results);
        return pending;
    }

    private List<string> TakeReadyIds()
    {
        // Lock no more than this worker can start: the rest stays free for other workers (fairness across
        // processes) and MaxConcurrentOrchestrations holds. The dispatcher holds one slot for this fetch already.
        var room = Math.Min(LockBatch, Options.MaxConcurrentOrchestrations - Volatile.Read(ref _orchestrationsInFlight) - _prefetched.Count);
        var ids = new List<string>();
        while (ids.Count < Math.Max(room, 1) && _readyIds.TryDequeue(out var id))
        {
            _queuedIds.TryRemove(id, out _);
            if (!_loaded.ContainsKey(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>A work item locked already (prefetched), or the next ready instances locked now.</summary>
    private async Task<(SqliteWorkItem? Item, bool Retry)> TakeOrchestrationAsync()
    {
        if (_prefetched.TryDequeue(out var ready))
        {
            return (ready, false);
        }

        var ids = TakeReadyIds();
        return ids.Count == 0 ? (null, false) : (await LockInstancesAsync(ids).ConfigureAwait(false), true);
    }

    private async Task QueueReadyInstancesAsync(DateTime now)
    {
        foreach (var id in await FindReadyInstancesAsync(now).ConfigureAwait(false))
        {
            if (!_loaded.ContainsKey(id))
            {
                QueueInstance(id);
            }
        }
    }

    /// <summary>Instances with a visible message whose lock is free or expired (work from anywhere).</summary>
    private Task<List<string>> FindReadyInstancesAsync(DateTime now) =>
        _database.ReadAsync(s =>
        {
            var list = new List<string>();
            using var reader = s.Command(
                """
                SELECT DISTINCT m.instance_id FROM dt_messages m JOIN dt_instances i ON i.instance_id = m.instance_id
                WHERE m.visible_at <= $p0 AND i.locked_until < $p0
                    AND ($p1 IS NULL OR m.instance_id IN (SELECT value FROM json_each($p1)))
                LIMIT 256
                """,
                Ticks(now), _instancesJson).ExecuteReader();
            while (reader.Read())
            {
                list.Add(reader.GetString(0));
            }

            return list;
        });

    /// <summary>Locks up to <see cref="LockBatch"/> instances in one transaction; returns one, keeps the others.</summary>
    private async Task<SqliteWorkItem?> LockInstancesAsync(List<string> ids)
    {
        var now = DateTime.UtcNow;
        var until = LeaseEnd(now);
        var rows = await _database.WriteAsync(s =>
        {
            var locked = new List<(string Id, string ExecutionId, List<string> History, List<(long Id, string Json)> Messages)>();
            foreach (var id in ids)
            {
                if (s.Execute(
                    "UPDATE dt_instances SET lock_owner = $p1, locked_until = $p2 WHERE instance_id = $p0 AND locked_until < $p3",
                    id, _owner, Ticks(until), Ticks(now)) == 0)
                {
                    continue;
                }

                var messages = new List<(long, string)>();
                using (var reader = s.Command("SELECT id, payload FROM dt_messages WHERE instance_id = $p0 AND visible_at <= $p1 ORDER BY id", id, Ticks(now)).ExecuteReader())
                {
                    while (reader.Read())
                    {
                        messages.Add((reader.GetInt64(0), reader.GetString(1)));
                    }
                }

                if (messages.Count == 0)
                {
                    s.Execute("UPDATE dt_instances SET lock_owner = NULL, locked_until = 0 WHERE instance_id = $p0", id);
                    continue;
                }

                var executionId = (string)s.Scalar("SELECT execution_id FROM dt_instances WHERE instance_id = $p0", id)!;
                var history = new List<string>();
                using (var reader = s.Command("SELECT payload FROM dt_history WHERE instance_id = $p0 ORDER BY seq", id).ExecuteReader())
                {
                    while (reader.Read())
                    {
                        history.Add(reader.GetString(0));
                    }
                }

                locked.Add((id, executionId, history, messages));
            }

            return locked;
        }).ConfigureAwait(false);

        SqliteWorkItem? first = null;
        foreach (var row in rows)
        {
            var history = new List<HistoryEvent>(row.History.Count);
            history.AddRange(row.History.Select(CoreJson.Deserialize<HistoryEvent>));
            var messages = row.Messages.Select(m => new StoredMessage(m.Id, CoreJson.Deserialize<TaskMessage>(m.Json))).ToList();
            var item = new SqliteWorkItem(this, row.Id, row.ExecutionId, history, messages, until);
            _loaded[row.Id] = item;
            if (first is null)
            {
                first = item;
            }
            else
            {
                _prefetched.Enqueue(item);
            }
        }

        return first;
    }
}

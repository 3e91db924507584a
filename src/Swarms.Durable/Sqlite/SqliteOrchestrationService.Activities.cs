using System.Globalization;
using DurableTask.Core;
using Swarms.Durable.Internal;

namespace Swarms.Durable.Sqlite;

/// <summary>The activity side of the worker contract: lease, renew, complete, abandon.</summary>
public sealed partial class SqliteOrchestrationService
{
    private const int ActivityBatch = 32;
    private int _activitiesInFlight;
    private WorkFeed<TaskActivityWorkItem>? _activityFeed;

    /// <inheritdoc/>
    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        _activityFeed ??= new WorkFeed<TaskActivityWorkItem>(
            this,
            _activitySignal,
            () => Task.FromResult<(TaskActivityWorkItem?, bool)>((_activities.TryDequeue(out var item) ? item : null, false)),
            ClaimActivitiesAsync);
        var next = await _activityFeed.NextAsync(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (next is not null)
        {
            Interlocked.Increment(ref _activitiesInFlight);
        }

        return next!;
    }

    /// <inheritdoc/>
    public async Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var until = LeaseEnd(DateTime.UtcNow);
        await _database.WriteAsync(s =>
        {
            if (s.Execute("UPDATE dt_activities SET locked_until = $p1 WHERE id = $p0 AND lock_owner = $p2", RowId(workItem), until.Ticks, _owner) == 0)
            {
                throw new LockLostException($"The lock on activity work item {workItem.Id} was lost.");
            }

            return 0;
        }).ConfigureAwait(false);
        workItem.LockedUntilUtc = until;
        return workItem;
    }

    /// <inheritdoc/>
    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(responseMessage);
        try
        {
            // The orchestration is loaded here: hand the result over in memory. The episode that consumes it commits
            // the activity's completion with its own transaction (one disk flush per round trip, not two); until then
            // the activity stays leased, so a crash re-runs it rather than losing its result.
            var instanceId = responseMessage.OrchestrationInstance.InstanceId;
            if (_loaded.TryGetValue(instanceId, out var loaded) && loaded.TryNotify(new StoredMessage(0, responseMessage, RowId(workItem))))
            {
                return;
            }

            if (!await StoreResultAsync(new StoredMessage(0, responseMessage, RowId(workItem))).ConfigureAwait(false))
            {
                // The lease expired and another worker runs the activity now: its result wins, this one is dropped.
                throw new LockLostException($"The lock on activity work item {workItem.Id} was lost; its result is dropped.");
            }
        }
        finally
        {
            Interlocked.Decrement(ref _activitiesInFlight);
        }
    }

    /// <inheritdoc/>
    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        try
        {
            await _database.WriteAsync(s => s.Execute(
                "UPDATE dt_activities SET lock_owner = NULL, locked_until = $p2 WHERE id = $p0 AND lock_owner = $p1",
                RowId(workItem), _owner, (DateTime.UtcNow + AbandonBackoff).Ticks)).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _activitiesInFlight);
        }
    }

    /// <summary>Completes an activity in the table: its row deleted, its result queued for the orchestration.</summary>
    /// <returns>False when the activity's lease was lost (nothing written).</returns>
    private Task<bool> StoreResultAsync(StoredMessage result)
    {
        var json = CoreJson.Serialize(result.Message);
        var now = DateTime.UtcNow;
        return _database.WriteAsync(s =>
        {
            if (s.Execute("DELETE FROM dt_activities WHERE id = $p0 AND lock_owner = $p1", result.ActivityId, _owner) == 0)
            {
                return false;
            }

            InsertMessage(s, result.Message, json, now, now);
            return true;
        });
    }

    /// <summary>Stores activity results that were handed over in memory but not committed by an episode.</summary>
    private async Task StoreResultsAsync(List<StoredMessage> results)
    {
        foreach (var result in results)
        {
            await StoreResultAsync(result).ConfigureAwait(false);
        }
    }

    private static long RowId(TaskActivityWorkItem workItem) => long.Parse(workItem.Id, CultureInfo.InvariantCulture);

    /// <summary>Leases activities that are free or whose lease expired: made by other processes, or left by dead ones.</summary>
    private async Task ClaimActivitiesAsync(DateTime now)
    {
        var ticks = now.Ticks;
        var any = await _database.ReadAsync(s => s.Scalar(
            "SELECT EXISTS (SELECT 1 FROM dt_activities WHERE locked_until < $p0 AND ($p1 IS NULL OR instance_id IN (SELECT value FROM json_each($p1))))",
            ticks, _instancesJson) is long n && n != 0).ConfigureAwait(false);
        if (!any)
        {
            return;
        }

        var until = LeaseEnd(now);
        var rows = await _database.WriteAsync(s =>
        {
            var list = new List<(long Id, string Json)>();
            using var reader = s.Command(
                """
                UPDATE dt_activities SET lock_owner = $p1, locked_until = $p2
                WHERE id IN (SELECT id FROM dt_activities WHERE locked_until < $p0
                    AND ($p4 IS NULL OR instance_id IN (SELECT value FROM json_each($p4))) ORDER BY id LIMIT $p3)
                RETURNING id, payload
                """,
                ticks, _owner, until.Ticks, ActivityBatch, _instancesJson).ExecuteReader();
            while (reader.Read())
            {
                list.Add((reader.GetInt64(0), reader.GetString(1)));
            }

            return list;
        }).ConfigureAwait(false);
        foreach (var (id, json) in rows)
        {
            _activities.Enqueue(new TaskActivityWorkItem
            {
                Id = id.ToString(CultureInfo.InvariantCulture),
                LockedUntilUtc = until,
                TaskMessage = CoreJson.Deserialize<TaskMessage>(json),
            });
        }
    }
}

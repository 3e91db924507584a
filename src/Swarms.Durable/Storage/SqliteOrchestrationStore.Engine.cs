using System.Text.Json;
using Swarms.Durable.History;

namespace Swarms.Durable.Storage;

/// <summary>The engine-facing operations: leases, messages, checkpoints, activities.</summary>
public sealed partial class SqliteOrchestrationStore
{
    /// <inheritdoc/>
    public Task<InstanceState?> TryLockInstanceAsync(string instanceId, string owner, DateTime now, DateTime lockedUntil, CancellationToken cancellationToken) =>
        Write(s =>
        {
            var taken = s.Execute(
                "UPDATE instances SET lock_owner = $p1, locked_until = $p2 WHERE instance_id = $p0 AND (lock_owner IS NULL OR lock_owner = $p1 OR locked_until < $p3)",
                instanceId, owner, Ticks(lockedUntil), Ticks(now));
            if (taken == 0)
            {
                return null;
            }

            var customStatus = s.Scalar("SELECT custom_status FROM instances WHERE instance_id = $p0", instanceId) as string;
            return new InstanceState(ReadStatus(s, instanceId)!.Value, ReadHistory(s, instanceId), customStatus);
        });

    /// <inheritdoc/>
    public Task<IReadOnlyList<OrchestrationMessage>> ReadMessagesAsync(string instanceId, DateTime now, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OrchestrationMessage>>(Read(s =>
        {
            var list = new List<OrchestrationMessage>();
            using var reader = s.Command(
                "SELECT id, payload FROM messages WHERE instance_id = $p0 AND visible_at <= $p1 ORDER BY id", instanceId, Ticks(now)).ExecuteReader();
            while (reader.Read())
            {
                list.Add(new OrchestrationMessage(reader.GetInt64(0), instanceId, FromJson(reader.GetString(1))));
            }

            return list;
        }));

    /// <inheritdoc/>
    public Task<IReadOnlyList<ActivityWorkItem>> CommitEpisodeAsync(EpisodeCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return Write<IReadOnlyList<ActivityWorkItem>>(s =>
        {
            var c = checkpoint;
            var release = c.ReleaseLease ? 1 : 0;
            var updated = s.Execute(
                """
                UPDATE instances SET status = $p1, custom_status = $p2, output = $p3, failure = $p4, last_updated = $p5,
                    input = COALESCE($p6, input),
                    lock_owner = CASE WHEN $p7 = 1 THEN NULL ELSE lock_owner END,
                    locked_until = CASE WHEN $p7 = 1 THEN 0 ELSE locked_until END
                WHERE instance_id = $p0 AND lock_owner = $p8
                """,
                c.InstanceId,
                (int)c.Status,
                c.CustomStatus,
                c.Output,
                c.Failure is null ? null : JsonSerializer.Serialize(c.Failure, DataConverter.Options),
                Ticks(c.Now),
                c.NewInput,
                release,
                c.Owner);
            if (updated == 0)
            {
                throw new LeaseLostException($"The lease on instance '{c.InstanceId}' was lost; the episode is discarded.");
            }

            if (c.ResetHistory)
            {
                // Continue-as-new: task ids restart at 0, so work and results of the old execution must not
                // reach the new one. Pending external events (and suspend requests) stay.
                s.Execute("DELETE FROM history WHERE instance_id = $p0", c.InstanceId);
                s.Execute("DELETE FROM activities WHERE instance_id = $p0", c.InstanceId);
                s.Execute(
                    "DELETE FROM messages WHERE instance_id = $p0 AND control = 0 AND (payload LIKE '{\"$type\":\"Task%' " +
                    "OR payload LIKE '{\"$type\":\"TimerFired\"%' OR payload LIKE '{\"$type\":\"SubOrchestrationInstance%')",
                    c.InstanceId);
            }

            for (var i = 0; i < c.AppendHistory.Count; i++)
            {
                s.Execute("INSERT INTO history (instance_id, seq, payload) VALUES ($p0, $p1, $p2)", c.InstanceId, c.HistoryStartIndex + i, ToJson(c.AppendHistory[i]));
            }

            foreach (var id in c.ConsumedMessageIds)
            {
                s.Execute("DELETE FROM messages WHERE id = $p0", id);
            }

            foreach (var id in c.CompletedActivityIds)
            {
                // Zero rows means the activity's lease expired and another worker re-ran it; its duplicate
                // completion will find no open task and stay history only.
                s.Execute("DELETE FROM activities WHERE id = $p0 AND lock_owner = $p1", id, c.Owner);
            }

            var created = new List<ActivityWorkItem>(c.Activities.Count);
            foreach (var a in c.Activities)
            {
                var id = (long)s.Scalar(
                    "INSERT INTO activities (instance_id, task_id, name, input, attempt, lock_owner, locked_until) VALUES ($p0, $p1, $p2, $p3, 1, $p4, $p5) RETURNING id",
                    c.InstanceId, a.TaskId, a.Name, a.Input, c.Owner, Ticks(c.LeaseUntil))!;
                created.Add(new ActivityWorkItem(id, c.InstanceId, a.TaskId, a.Name, a.Input, 1));
            }

            foreach (var sub in c.SubOrchestrations)
            {
                CreateSubOrchestration(s, sub, c.Now);
            }

            foreach (var m in c.Messages)
            {
                InsertMessage(s, m.InstanceId, m.Event, m.VisibleAt);
            }

            AnnounceStatus(c.InstanceId, c.Status);
            return created;
        },
        inlineContinuation: true);
    }

    /// <inheritdoc/>
    public Task<bool> CompleteActivityAsync(ActivityWorkItem item, string owner, HistoryEvent result, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(result);
        return Write(s =>
        {
            if (s.Execute("DELETE FROM activities WHERE id = $p0 AND lock_owner = $p1", item.Id, owner) == 0)
            {
                return false;
            }

            InsertMessage(s, item.InstanceId, result, now);
            return true;
        });
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> FindReadyInstancesAsync(string owner, DateTime now, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Read(s =>
        {
            var list = new List<string>();
            using var reader = s.Command(
                """
                SELECT DISTINCT m.instance_id FROM messages m JOIN instances i ON i.instance_id = m.instance_id
                WHERE m.visible_at <= $p0 AND (i.lock_owner IS NULL OR i.lock_owner = $p1 OR i.locked_until < $p0)
                  AND (i.status <> 5 OR m.control = 1)
                LIMIT $p2
                """,
                Ticks(now), owner, max).ExecuteReader();
            while (reader.Read())
            {
                list.Add(reader.GetString(0));
            }

            return list;
        }));

    /// <inheritdoc/>
    public Task<IReadOnlyList<ActivityWorkItem>> LockReadyActivitiesAsync(string owner, DateTime now, DateTime lockedUntil, int max, CancellationToken cancellationToken) =>
        Write<IReadOnlyList<ActivityWorkItem>>(s =>
        {
            var list = new List<ActivityWorkItem>();
            // A row whose lease expired was in flight in a dead process: it runs again as a new attempt.
            // A released row (lock_owner NULL) was never finished by a live owner that gave it back.
            using var reader = s.Command(
                """
                UPDATE activities SET attempt = attempt + (CASE WHEN lock_owner IS NULL THEN 0 ELSE 1 END), lock_owner = $p1, locked_until = $p2
                WHERE id IN (SELECT id FROM activities WHERE lock_owner IS NULL OR (locked_until < $p0 AND lock_owner <> $p1) LIMIT $p3)
                RETURNING id, instance_id, task_id, name, input, attempt
                """,
                Ticks(now), owner, Ticks(lockedUntil), max).ExecuteReader();
            while (reader.Read())
            {
                list.Add(new ActivityWorkItem(
                    reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt32(5)));
            }

            return list;
        });

    /// <inheritdoc/>
    public Task RenewLeasesAsync(string owner, DateTime lockedUntil, CancellationToken cancellationToken) =>
        Write(s =>
        {
            s.Execute("UPDATE instances SET locked_until = $p1 WHERE lock_owner = $p0", owner, Ticks(lockedUntil));
            s.Execute("UPDATE activities SET locked_until = $p1 WHERE lock_owner = $p0", owner, Ticks(lockedUntil));
            return true;
        });

    /// <inheritdoc/>
    public Task ReleaseLeasesAsync(string owner, CancellationToken cancellationToken) =>
        Write(s =>
        {
            s.Execute("UPDATE instances SET lock_owner = NULL, locked_until = 0 WHERE lock_owner = $p0", owner);
            s.Execute("UPDATE activities SET lock_owner = NULL, locked_until = 0 WHERE lock_owner = $p0", owner);
            return true;
        });

    private void CreateSubOrchestration(SqliteSession s, NewSubOrchestration sub, DateTime now)
    {
        var start = sub.Start;
        if (ReadStatus(s, sub.InstanceId) is { } existing)
        {
            if (!existing.IsTerminal())
            {
                var failure = new TaskFailureDetails(
                    typeof(InvalidOperationException).FullName!,
                    $"A sub-orchestration with instance ID '{sub.InstanceId}' already exists and is {existing}.");
                InsertMessage(s, start.ParentInstanceId!, new SubOrchestrationInstanceFailed(start.ParentTaskId, failure) { Timestamp = now }, now);
                return;
            }

            DeleteInstance(s, sub.InstanceId);
        }

        InsertInstance(s, sub.InstanceId, start.Name, start.Input, start.ParentInstanceId, now);
        InsertMessage(s, sub.InstanceId, start, now);
    }
}

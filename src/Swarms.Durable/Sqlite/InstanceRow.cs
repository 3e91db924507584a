using DurableTask.Core;
using DurableTask.Core.History;
using Swarms.Durable.Internal;

namespace Swarms.Durable.Sqlite;

/// <summary>
/// The <c>dt_instances</c> row of an <see cref="OrchestrationState"/>: queryable fields in columns, the payloads
/// (input, output, custom status) in their own columns so listings need not read them, everything else (failure
/// details, tags, parent, version, times) in DurableTask.Core's JSON form in <c>state</c>.
/// </summary>
internal sealed record InstanceRow(OrchestrationStatus Status, string? Input, string? Output, string? CustomStatus, string? StateJson, bool IncludeInput)
{
    public const string Columns = "instance_id, execution_id, name, status, created, last_updated, state, input, output, custom_status";

    /// <summary>The row of an episode's state. Between the first episode of an execution and its end only the columns
    /// change (status, times, output, custom status), so the JSON is rewritten only then.</summary>
    public static InstanceRow From(OrchestrationState state, bool newExecution)
    {
        var rewrite = newExecution || IsTerminal(state.OrchestrationStatus);
        return new(state.OrchestrationStatus, state.Input, state.Output, state.Status, rewrite ? CoreJson.Serialize(WithoutPayloads(state)) : null, newExecution);
    }

    public static bool IsTerminal(OrchestrationStatus status) =>
        status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;

    /// <summary>The row of a new instance, from its ExecutionStarted event.</summary>
    public static OrchestrationState Pending(ExecutionStartedEvent started, DateTime now) =>
        new()
        {
            OrchestrationInstance = started.OrchestrationInstance,
            Name = started.Name,
            Version = started.Version,
            Input = started.Input,
            OrchestrationStatus = OrchestrationStatus.Pending,
            CreatedTime = now,
            LastUpdatedTime = now,
            CompletedTime = DateTime.MaxValue,
            ParentInstance = started.ParentInstance,
            Tags = started.Tags,
            ScheduledStartTime = started.ScheduledStartTime,
            Generation = started.Generation,
        };

    public static void Insert(SqliteSession s, OrchestrationState state, string? lockOwner, long lockedUntil) =>
        s.Execute(
            """
            INSERT INTO dt_instances (instance_id, execution_id, name, status, created, last_updated, input, state, parent_instance_id, lock_owner, locked_until)
            VALUES ($p0, $p1, $p2, $p3, $p4, $p4, $p5, $p6, $p7, $p8, $p9)
            """,
            state.OrchestrationInstance.InstanceId,
            state.OrchestrationInstance.ExecutionId,
            state.Name,
            (int)state.OrchestrationStatus,
            state.CreatedTime.Ticks,
            state.Input,
            CoreJson.Serialize(WithoutPayloads(state)),
            state.ParentInstance?.OrchestrationInstance?.InstanceId,
            lockOwner,
            lockedUntil);

    /// <summary>Reads a row selected with <see cref="Columns"/>.</summary>
    public static OrchestrationState Read(SqliteRows r, bool includePayloads)
    {
        var state = CoreJson.Deserialize<OrchestrationState>(r.GetString(6));
        state.OrchestrationInstance = new OrchestrationInstance { InstanceId = r.GetString(0), ExecutionId = r.GetString(1) };
        state.Name = r.GetString(2);
        state.OrchestrationStatus = (OrchestrationStatus)r.GetInt32(3);
        state.CreatedTime = new DateTime(r.GetInt64(4), DateTimeKind.Utc);
        state.LastUpdatedTime = new DateTime(r.GetInt64(5), DateTimeKind.Utc);
        if (includePayloads)
        {
            state.Input = r.IsDBNull(7) ? null : r.GetString(7);
            state.Output = r.IsDBNull(8) ? null : r.GetString(8);
            state.Status = r.IsDBNull(9) ? null : r.GetString(9);
        }

        return state;
    }

    /// <summary>Writes an episode's state, only while <paramref name="owner"/> holds the lock.</summary>
    /// <returns>1, or 0 when the lock was lost.</returns>
    public int Update(SqliteSession s, string instanceId, string executionId, string owner, DateTime now) =>
        s.Execute(
            """
            UPDATE dt_instances SET execution_id = $p1, status = $p2, last_updated = $p3, output = $p4, custom_status = $p5, state = COALESCE($p6, state),
                input = CASE WHEN $p7 = 1 THEN $p8 ELSE input END
            WHERE instance_id = $p0 AND lock_owner = $p9
            """,
            instanceId, executionId, (int)Status, now.Ticks, Output, CustomStatus, StateJson, IncludeInput ? 1 : 0, Input, owner);

    private static OrchestrationState WithoutPayloads(OrchestrationState s) =>
        new()
        {
            OrchestrationInstance = s.OrchestrationInstance,
            Name = s.Name,
            Version = s.Version,
            OrchestrationStatus = s.OrchestrationStatus,
            CreatedTime = s.CreatedTime,
            CompletedTime = s.CompletedTime,
            LastUpdatedTime = s.LastUpdatedTime,
            FailureDetails = s.FailureDetails,
            ParentInstance = s.ParentInstance,
            Tags = s.Tags,
            ScheduledStartTime = s.ScheduledStartTime,
            Generation = s.Generation,
            Size = s.Size,
            CompressedSize = s.CompressedSize,
        };
}

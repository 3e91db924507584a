using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Swarms.Durable.Client;
using Swarms.Durable.History;

namespace Swarms.Durable.Storage;

/// <summary>The client-facing operations: create, signal, read, query, purge.</summary>
public sealed partial class SqliteOrchestrationStore
{
    private const string InstanceColumns =
        "instance_id, name, status, created, last_updated, failure, parent_instance_id, input, output, custom_status";

    /// <inheritdoc/>
    public Task CreateInstanceAsync(CreateInstanceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Write(s =>
        {
            if (ReadStatus(s, request.InstanceId) is { } existing)
            {
                if (!existing.IsTerminal())
                {
                    throw new InvalidOperationException(
                        $"An orchestration instance with ID '{request.InstanceId}' already exists and is {existing}; " +
                        "an instance id can be reused only after the instance has finished.");
                }

                if (request.DedupeStatuses.Contains(existing))
                {
                    throw new InvalidOperationException(
                        $"An orchestration instance with ID '{request.InstanceId}' already exists with status {existing}, " +
                        "which the de-duplication statuses refuse.");
                }

                DeleteInstance(s, request.InstanceId);
            }

            InsertInstance(s, request.InstanceId, request.Name, request.Input, null, request.Now);
            InsertMessage(s, request.InstanceId, new ExecutionStarted(request.Name, request.Input) { Timestamp = request.Now }, request.StartAt);
            AnnounceStatus(request.InstanceId, OrchestrationRuntimeStatus.Pending);
            return true;
        });
    }

    /// <inheritdoc/>
    public Task<bool> EnqueueClientEventAsync(string instanceId, HistoryEvent message, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Write(s =>
        {
            var status = ReadStatus(s, instanceId)
                ?? throw new InvalidOperationException($"No orchestration instance with ID '{instanceId}' exists.");
            if (status.IsTerminal())
            {
                return false;
            }

            InsertMessage(s, instanceId, message, now);
            return true;
        });
    }

    /// <inheritdoc/>
    public Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken) =>
        Task.FromResult(Read(s =>
        {
            using var reader = s.Command($"SELECT {InstanceColumns} FROM instances WHERE instance_id = $p0", instanceId).ExecuteReader();
            return reader.Read() ? ReadMetadata(reader, includePayloads) : null;
        }));

    /// <inheritdoc/>
    public Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        var offset = query.ContinuationToken is null ? 0 : int.Parse(query.ContinuationToken, CultureInfo.InvariantCulture);
        var sql = new StringBuilder($"SELECT {InstanceColumns} FROM instances WHERE created >= $p0 AND created < $p1 AND substr(instance_id, 1, length($p2)) = $p2");
        AppendStatusFilter(sql, query.Statuses);
        sql.Append(" ORDER BY created, instance_id LIMIT $p3 OFFSET $p4");
        var page = Read(s =>
        {
            var list = new List<OrchestrationMetadata>();
            using var reader = s.Command(
                sql.ToString(),
                Ticks(query.CreatedFrom ?? DateTime.MinValue),
                Ticks(query.CreatedTo ?? DateTime.MaxValue),
                query.InstanceIdPrefix ?? string.Empty,
                query.PageSize,
                offset).ExecuteReader();
            while (reader.Read())
            {
                list.Add(ReadMetadata(reader, query.FetchInputsAndOutputs));
            }

            return list;
        });
        var token = page.Count == query.PageSize ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new OrchestrationQueryResult(page, token));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HistoryEvent>>(Read(s => ReadHistory(s, instanceId)));

    /// <inheritdoc/>
    public Task<int> PurgeAsync(string? instanceId, PurgeInstancesFilter? filter, CancellationToken cancellationToken)
    {
        if (instanceId is null && filter is null)
        {
            throw new ArgumentException("Give an instance id or a filter.", nameof(filter));
        }

        return Write(s =>
        {
            List<string> ids = [];
            if (instanceId is not null)
            {
                if (ReadStatus(s, instanceId) is { } status && status.IsTerminal())
                {
                    ids.Add(instanceId);
                }
            }
            else
            {
                // Only finished instances are ever purged: a filter that names only unfinished statuses matches
                // nothing (an empty status list would otherwise mean "any status" to AppendStatusFilter).
                List<OrchestrationRuntimeStatus> purgeable = filter!.Statuses is { Count: > 0 } statuses
                    ? statuses.Where(x => x.IsTerminal()).ToList()
                    : [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];
                if (purgeable.Count == 0)
                {
                    return 0;
                }

                var sql = new StringBuilder("SELECT instance_id FROM instances WHERE created >= $p0 AND created < $p1");
                AppendStatusFilter(sql, purgeable);
                using var reader = s.Command(sql.ToString(), Ticks(filter.CreatedFrom ?? DateTime.MinValue), Ticks(filter.CreatedTo ?? DateTime.MaxValue)).ExecuteReader();
                while (reader.Read())
                {
                    ids.Add(reader.GetString(0));
                }
            }

            foreach (var id in ids)
            {
                DeleteInstance(s, id);
            }

            return ids.Count;
        });
    }

    private static void InsertInstance(SqliteSession s, string instanceId, string name, string? input, string? parentInstanceId, DateTime now) =>
        s.Execute(
            "INSERT INTO instances (instance_id, name, status, input, parent_instance_id, created, last_updated) VALUES ($p0, $p1, 0, $p2, $p3, $p4, $p4)",
            instanceId, name, input, parentInstanceId, Ticks(now));

    private static void AppendStatusFilter(StringBuilder sql, IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses)
    {
        if (statuses is { Count: > 0 })
        {
            // Enum values are integers of this assembly, safe to inline; the command cache keys on the text.
            sql.Append(" AND status IN (").AppendJoin(',', statuses.Select(x => (int)x).Order()).Append(')');
        }
    }

    private static OrchestrationMetadata ReadMetadata(SqliteDataReader r, bool includePayloads) =>
        new(r.GetString(1), r.GetString(0))
        {
            RuntimeStatus = (OrchestrationRuntimeStatus)r.GetInt32(2),
            CreatedAt = FromTicks(r.GetInt64(3)),
            LastUpdatedAt = FromTicks(r.GetInt64(4)),
            FailureDetails = r.IsDBNull(5) ? null : JsonSerializer.Deserialize<TaskFailureDetails>(r.GetString(5), DataConverter.Options),
            ParentInstanceId = r.IsDBNull(6) ? null : r.GetString(6),
            SerializedInput = includePayloads && !r.IsDBNull(7) ? r.GetString(7) : null,
            SerializedOutput = includePayloads && !r.IsDBNull(8) ? r.GetString(8) : null,
            SerializedCustomStatus = includePayloads && !r.IsDBNull(9) ? r.GetString(9) : null,
        };
}

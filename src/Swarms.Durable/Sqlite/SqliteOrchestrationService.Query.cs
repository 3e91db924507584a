using System.Globalization;
using System.Text;
using DurableTask.Core;
using DurableTask.Core.Query;

namespace Swarms.Durable.Sqlite;

/// <summary>Queries with paging, and purges.</summary>
public sealed partial class SqliteOrchestrationService
{
    private static readonly OrchestrationStatus[] TerminalStatuses =
        [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled];

    /// <inheritdoc/>
    /// <remarks>Pages are ordered by creation time, then instance id; the continuation token is the last row's key.</remarks>
    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        var sql = new StringBuilder($"SELECT {InstanceRow.Columns} FROM dt_instances WHERE 1 = 1");
        var args = new List<object?>();
        if (query.RuntimeStatus is { Count: > 0 } statuses)
        {
            // Enum values are integers of DurableTask.Core, safe to inline; the prepared-command cache keys on the text.
            sql.Append(" AND status IN (").AppendJoin(',', statuses.Select(x => (int)x).Distinct().Order()).Append(')');
        }

        AddRange(sql, args, query.CreatedTimeFrom, query.CreatedTimeTo);
        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND substr(instance_id, 1, length($p{args.Count})) = $p{args.Count}");
            args.Add(query.InstanceIdPrefix);
        }

        if (ParseToken(query.ContinuationToken) is var (created, id))
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND (created > $p{args.Count} OR (created = $p{args.Count} AND instance_id > $p{args.Count + 1}))");
            args.Add(created);
            args.Add(id);
        }

        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY created, instance_id LIMIT $p{args.Count}");
        args.Add(query.PageSize + 1);
        var text = sql.ToString();
        return _database.ReadAsync(s =>
        {
            var list = new List<OrchestrationState>();
            using var reader = s.Command(text, [.. args]).ExecuteReader();
            while (reader.Read())
            {
                list.Add(InstanceRow.Read(reader, query.FetchInputsAndOutputs));
            }

            string? token = null;
            if (list.Count > query.PageSize)
            {
                list.RemoveAt(list.Count - 1);
                var last = list[^1];
                token = $"{last.CreatedTime.Ticks.ToString(CultureInfo.InvariantCulture)}|{last.OrchestrationInstance.InstanceId}";
            }

            return new OrchestrationQueryResult(list, token);
        });
    }

    /// <inheritdoc/>
    /// <remarks>Only a finished instance (completed, failed, terminated) is purged; an unfinished one is left alone.</remarks>
    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return _database.WriteAsync(s =>
        {
            if (s.Scalar("SELECT status FROM dt_instances WHERE instance_id = $p0", instanceId) is long status && InstanceRow.IsTerminal((OrchestrationStatus)status))
            {
                DeleteInstance(s, instanceId);
                return new PurgeResult(1);
            }

            return new PurgeResult(0);
        });
    }

    /// <inheritdoc/>
    /// <remarks>Only finished instances are purged, whatever statuses the filter names.</remarks>
    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter)
    {
        ArgumentNullException.ThrowIfNull(purgeInstanceFilter);
        var statuses = purgeInstanceFilter.RuntimeStatus?.Any() == true
            ? TerminalStatuses.Intersect(purgeInstanceFilter.RuntimeStatus).ToArray()
            : TerminalStatuses;
        if (statuses.Length == 0)
        {
            return Task.FromResult(new PurgeResult(0));
        }

        var sql = new StringBuilder("SELECT instance_id FROM dt_instances WHERE status IN (")
            .AppendJoin(',', statuses.Select(x => (int)x).Order()).Append(')');
        var args = new List<object?>();
        AddRange(sql, args, purgeInstanceFilter.CreatedTimeFrom, purgeInstanceFilter.CreatedTimeTo);
        return PurgeWhereAsync(sql.ToString(), args);
    }

    /// <inheritdoc/>
    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType)
    {
        // CompletedTime lives in the state JSON; for a finished instance its last update is its completion.
        var column = timeRangeFilterType == OrchestrationStateTimeRangeFilterType.OrchestrationCreatedTimeFilter ? "created" : "last_updated";
        var sql = $"SELECT instance_id FROM dt_instances WHERE status IN ({string.Join(',', TerminalStatuses.Select(x => (int)x).Order())}) AND {column} < $p0";
        return PurgeWhereAsync(sql, [thresholdDateTimeUtc.ToUniversalTime().Ticks]);
    }

    private static void AddRange(StringBuilder sql, List<object?> args, DateTime? from, DateTime? to)
    {
        if (from is { } f && f > DateTime.MinValue)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND created >= $p{args.Count}");
            args.Add(f.ToUniversalTime().Ticks);
        }

        if (to is { } t && t < DateTime.MaxValue)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND created <= $p{args.Count}");
            args.Add(t.ToUniversalTime().Ticks);
        }
    }

    private static (long Created, string Id)? ParseToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var bar = token.IndexOf('|', StringComparison.Ordinal);
        return bar > 0 && long.TryParse(token.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var created)
            ? (created, token[(bar + 1)..])
            : throw new ArgumentException($"Invalid continuation token '{token}'.", nameof(token));
    }

    private Task<PurgeResult> PurgeWhereAsync(string selectIds, List<object?> args) =>
        _database.WriteAsync(s =>
        {
            var ids = new List<string>();
            using (var reader = s.Command(selectIds, [.. args]).ExecuteReader())
            {
                while (reader.Read())
                {
                    ids.Add(reader.GetString(0));
                }
            }

            foreach (var id in ids)
            {
                DeleteInstance(s, id);
            }

            return new PurgeResult(ids.Count);
        });
}

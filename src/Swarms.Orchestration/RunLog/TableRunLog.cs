using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Swarms.Agents.Streaming;

namespace Swarms.Orchestration.RunLog;

/// <summary>
/// The run log on Azure Table Storage (table <c>SwarmRunEvents</c> by default): one partition per run, one entity per
/// event, row key = the zero-padded sequence number, so a run's events read back in order with one range query.
/// </summary>
/// <remarks>
/// <para>
/// Sequence numbers come from a counter entity in the run's partition (row key <c>~seq</c>), updated in the same
/// entity-group transaction as the events it numbers and guarded by its ETag: two appenders that read the same counter
/// cannot both commit; the loser re-reads it and tries again. The last counter this process wrote is cached, so an
/// appender that is alone on a run costs one transaction per batch.
/// </para>
/// <para>
/// Limits it works within: 100 entities and 4 MiB per transaction (a large batch is split, each part atomic and in
/// order), 1 MiB per entity and 64 KiB per property (an event's UTF-8 JSON is stored in binary chunks, and an event
/// beyond one entity continues in rows <c>{seq}.1</c>, <c>{seq}.2</c>..., which sort right after it).
/// </para>
/// </remarks>
public sealed class TableRunLog : IRunLog
{
    /// <summary>The table of the app settings contract (infra/app-settings.json).</summary>
    public const string DefaultTableName = "SwarmRunEvents";

    private const string CounterRow = "~seq";
    private const string KeyRowPrefix = "~key:";
    private const string EventRowsEnd = "~";
    private const int ChunkBytes = 64 * 1024;
    private const int ChunksPerEntity = 12;
    private const int MaxEntitiesPerTransaction = 100;
    private const int MaxBytesPerTransaction = 2 * 1024 * 1024; // base64 in the request body: 2 MiB of chunks stay under the 4 MiB limit

    private readonly TableClient _table;
    private readonly ConcurrentDictionary<string, (long Last, ETag ETag)> _counters = new(StringComparer.Ordinal);
    private readonly Lazy<Task> _created;

    /// <summary>Creates the log over <paramref name="table"/> (created on first use when missing).</summary>
    public TableRunLog(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync(), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The table.</summary>
    public string TableName => _table.Name;

    /// <inheritdoc />
    public async Task<IReadOnlyList<SwarmEvent>> AppendAsync(RunLogBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentException.ThrowIfNullOrWhiteSpace(batch.RunId, nameof(batch));
        if (batch.Events.Count == 0)
        {
            return [];
        }

        await _created.Value.ConfigureAwait(false);
        var partition = PartitionKey(batch.RunId);
        var logged = new List<SwarmEvent>(batch.Events.Count);
        int next = 0;
        bool first = true;
        while (next < batch.Events.Count)
        {
            int taken = await AppendPartAsync(batch, partition, next, first, logged, cancellationToken).ConfigureAwait(false);
            if (taken < 0)
            {
                return []; // the idempotency key was logged by an earlier execution
            }

            next += taken;
            first = false;
        }

        return logged;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SwarmEvent>> ReadAsync(string runId, long afterSeq, int maxCount = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        await _created.Value.ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {PartitionKey(runId)} and RowKey ge {RowKey(Math.Max(0, afterSeq) + 1)} and RowKey lt {EventRowsEnd}");
        var events = new List<SwarmEvent>();
        EventEntity? open = null;
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(1000, maxCount + 8), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (open is { } current && entity.RowKey.StartsWith(current.RowKey + ".", StringComparison.Ordinal))
            {
                current.Add(entity);
                continue;
            }

            if (open is not null)
            {
                events.Add(open.Value.ToEvent());
                if (events.Count == maxCount)
                {
                    return events;
                }
            }

            open = EventEntity.Start(entity);
        }

        if (open is not null)
        {
            events.Add(open.Value.ToEvent());
        }

        return events;
    }

    /// <inheritdoc />
    public async Task<RunTurnState> GetTurnAsync(string runId, string agent, int turn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(agent);
        await _created.Value.ConfigureAwait(false);
        var partition = PartitionKey(runId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and Agent eq {agent} and Turn eq {turn} and (Type eq {LoggedEvent.AgentStartedType} or Type eq {LoggedEvent.AgentCompletedType})");
        var events = new List<SwarmEvent>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var open = EventEntity.Start(entity);
            for (int part = 1; part < open.Parts; part++)
            {
                var rest = await _table.GetEntityAsync<TableEntity>(partition, $"{entity.RowKey}.{part}", cancellationToken: cancellationToken).ConfigureAwait(false);
                open.Add(rest.Value);
            }

            events.Add(open.ToEvent());
        }

        return LoggedEvent.Fold(events);
    }

    /// <summary>
    /// Appends as many events from <paramref name="next"/> as one transaction holds, retrying when another appender
    /// moved the counter first. Returns how many it appended, or -1 when the batch's key is already logged.
    /// </summary>
    private async Task<int> AppendPartAsync(RunLogBatch batch, string partition, int next, bool first, List<SwarmEvent> logged, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            var (last, etag) = _counters.TryGetValue(batch.RunId, out var cached) ? cached : await ReadCounterAsync(partition, cancellationToken).ConfigureAwait(false);
            var actions = new List<TableTransactionAction>(MaxEntitiesPerTransaction);
            var counter = new TableEntity(partition, CounterRow);
            actions.Add(etag == default
                ? new TableTransactionAction(TableTransactionActionType.Add, counter)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, counter, etag));
            int keyIndex = -1;
            if (first && batch.IdempotencyKey is { } key)
            {
                keyIndex = actions.Count;
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, KeyRowPrefix + Escape(key))));
            }

            var part = new List<SwarmEvent>();
            long seq = last;
            int bytes = 0;
            for (int i = next; i < batch.Events.Count; i++)
            {
                var evt = batch.Events[i] with { RunId = batch.RunId, Seq = seq + 1 };
                var json = SwarmEventJson.SerializeToUtf8Bytes(evt);
                var entities = EventEntity.Create(partition, RowKey(evt.Seq), evt, LoggedEvent.Of(evt), batch.Turn, json);
                if (part.Count > 0 && (actions.Count + entities.Count > MaxEntitiesPerTransaction || bytes + json.Length > MaxBytesPerTransaction))
                {
                    break;
                }

                foreach (var entity in entities)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, entity));
                }

                bytes += json.Length;
                part.Add(evt);
                seq++;
            }

            counter["Last"] = seq;
            try
            {
                var responses = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                var newTag = responses.Value.Count > 0 ? responses.Value[0].Headers.ETag : null;
                if (newTag is { } tag)
                {
                    _counters[batch.RunId] = (seq, tag);
                }
                else
                {
                    _counters.TryRemove(batch.RunId, out _);
                }

                logged.AddRange(part);
                return part.Count;
            }
            catch (TableTransactionFailedException ex) when (keyIndex >= 0 && ex.FailedTransactionActionIndex == keyIndex && ex.Status == 409)
            {
                return -1;
            }
            catch (TableTransactionFailedException ex) when ((ex.Status is 409 or 412) && attempt < 50)
            {
                // Another appender moved the counter (or created it) first: read it again.
                _counters.TryRemove(batch.RunId, out _);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50, 2 * attempt)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<(long Last, ETag ETag)> ReadCounterAsync(string partition, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partition, CounterRow, ["Last"], cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } entity ? (entity.GetInt64("Last") ?? 0, entity.ETag) : (0, default);
    }

    /// <summary>A zero-padded row key, so row keys sort as sequence numbers do.</summary>
    private static string RowKey(long seq) => seq.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Run ids may hold characters a key cannot (<c>/ \ # ?</c>, control characters): those are %-escaped.</summary>
    internal static string PartitionKey(string runId) => Escape(runId);

    private static string Escape(string value)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                sb ??= new StringBuilder(value, 0, i, value.Length + 8);
                sb.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb?.Append(c);
            }
        }

        return sb?.ToString() ?? value;
    }

    /// <summary>An event's entity (and its continuation rows) as written, or as read back.</summary>
    private struct EventEntity
    {
        private List<byte[]> _chunks;

        public string RowKey { get; private set; }

        public int Parts { get; private set; }

        public static List<TableEntity> Create(string partition, string rowKey, SwarmEvent evt, LoggedEvent columns, int turn, byte[] json)
        {
            int chunks = Math.Max(1, (json.Length + ChunkBytes - 1) / ChunkBytes);
            int parts = (chunks + ChunksPerEntity - 1) / ChunksPerEntity;
            var entities = new List<TableEntity>(parts);
            for (int part = 0; part < parts; part++)
            {
                var entity = new TableEntity(partition, part == 0 ? rowKey : $"{rowKey}.{part}");
                if (part == 0)
                {
                    entity["Type"] = columns.Type;
                    if (columns.Agent is not null)
                    {
                        entity["Agent"] = columns.Agent;
                    }

                    entity["Turn"] = turn;
                    entity["Attempt"] = columns.Attempt;
                    entity["Seq"] = evt.Seq;
                    entity["Parts"] = parts;
                }

                for (int c = 0; c < ChunksPerEntity; c++)
                {
                    int index = part * ChunksPerEntity + c;
                    int offset = index * ChunkBytes;
                    if (offset >= json.Length && !(index == 0 && json.Length == 0))
                    {
                        break;
                    }

                    entity[$"D{c}"] = json.AsSpan(offset, Math.Min(ChunkBytes, json.Length - offset)).ToArray();
                }

                entities.Add(entity);
            }

            return entities;
        }

        public static EventEntity Start(TableEntity entity)
        {
            var open = new EventEntity { RowKey = entity.RowKey, Parts = entity.GetInt32("Parts") ?? 1, _chunks = [] };
            open.Add(entity);
            return open;
        }

        public readonly void Add(TableEntity entity)
        {
            for (int c = 0; c < ChunksPerEntity && entity.GetBinary($"D{c}") is { } chunk; c++)
            {
                _chunks.Add(chunk);
            }
        }

        public readonly SwarmEvent ToEvent()
        {
            if (_chunks.Count == 1)
            {
                return SwarmEventJson.Deserialize(_chunks[0]);
            }

            var all = new byte[_chunks.Sum(c => c.Length)];
            int at = 0;
            foreach (var chunk in _chunks)
            {
                chunk.CopyTo(all, at);
                at += chunk.Length;
            }

            return SwarmEventJson.Deserialize(all);
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Swarms.Agents.Streaming;

namespace Swarms.Orchestration.RunLog;

/// <summary>
/// The embedded run log: table <c>swarm_run_events</c> in a SQLite file, usually the durable store's own file (its tables
/// are <c>dt_</c>-prefixed so others can share it), so one file holds a run's state and its events.
/// </summary>
/// <remarks>
/// Sequence numbers are assigned inside the appending write transaction (<c>BEGIN IMMEDIATE</c>: one writer at a time
/// across processes), as the run's highest number plus one, so they are unique and increasing across processes. WAL mode
/// with <c>synchronous=NORMAL</c>: a committed batch survives a process crash (the case the log must survive: a number a
/// live client saw is never handed out again); the last batches may be lost on power loss, when the live clients are
/// gone too. Writes of this process queue for one writer on one connection (cheaper than SQLite's busy waits), which
/// takes every append waiting and writes them in one transaction (group commit: the batches of all agents flushing at
/// once cost one commit), each in a savepoint and numbered as if written one after the other; reads use a pool of
/// connections that never block the writer.
/// </remarks>
public sealed class SqliteRunLog : IRunLog, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS swarm_run_events (
            run_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            type TEXT NOT NULL,
            agent TEXT,
            turn INTEGER NOT NULL,
            attempt INTEGER NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (run_id, seq)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_swarm_run_events_turn ON swarm_run_events (run_id, agent, turn)
            WHERE type IN ('AgentStarted', 'AgentCompleted');
        CREATE TABLE IF NOT EXISTS swarm_run_keys (
            run_id TEXT NOT NULL,
            key TEXT NOT NULL,
            PRIMARY KEY (run_id, key)
        ) WITHOUT ROWID;
        """;

    private readonly string _connectionString;
    private readonly Lock _queueGate = new();
    private List<PendingAppend> _queue = [];
    private bool _writing;
    private readonly ConcurrentBag<SqliteConnection> _readers = [];
    private readonly Lock _initGate = new();
    private SqliteConnection? _writer;
    private bool _disposed;

    /// <summary>Creates the log on <paramref name="path"/> (created on first use when missing, with its tables).</summary>
    public SqliteRunLog(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SwarmEvent>> AppendAsync(RunLogBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentException.ThrowIfNullOrWhiteSpace(batch.RunId, nameof(batch));
        if (batch.Events.Count == 0)
        {
            return [];
        }

        // Serialized outside the write lock: the lock is held only for the statements.
        var rows = new (SwarmEvent Event, LoggedEvent Columns)[batch.Events.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = (batch.Events[i], LoggedEvent.Of(batch.Events[i]));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var append = new PendingAppend(batch, rows);
        bool lead;
        lock (_queueGate)
        {
            _queue.Add(append);
            lead = !_writing;
            _writing = true;
        }

        if (lead)
        {
            // One writer at a time: it takes every append waiting and writes them in one transaction (group commit).
            _ = Task.Run(WriteQueued, CancellationToken.None);
        }

        // Once queued the append is written even when the caller stops waiting (the log never loses what it took).
        return await append.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void WriteQueued()
    {
        while (true)
        {
            List<PendingAppend> group;
            lock (_queueGate)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }

                group = _queue;
                _queue = new List<PendingAppend>(group.Count);
            }

            WriteGroup(group);
        }
    }

    /// <summary>
    /// Writes the appends that waited in one transaction: each in its own savepoint (one that fails is rolled back alone
    /// and fails alone), numbered exactly as if written one after the other, all completed once the commit succeeded.
    /// </summary>
    private void WriteGroup(List<PendingAppend> group)
    {
        var results = new IReadOnlyList<SwarmEvent>?[group.Count];
        var failures = new Exception?[group.Count];
        try
        {
            var connection = Writer();
            using var transaction = connection.BeginTransaction(deferred: false);
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO swarm_run_events (run_id, seq, type, agent, turn, attempt, json)
                VALUES ($run, $seq, $type, $agent, $turn, $attempt, $json)
                """;
            var p = new InsertParameters(
                insert.Parameters.Add("$run", SqliteType.Text),
                insert.Parameters.Add("$seq", SqliteType.Integer),
                insert.Parameters.Add("$type", SqliteType.Text),
                insert.Parameters.Add("$agent", SqliteType.Text),
                insert.Parameters.Add("$turn", SqliteType.Integer),
                insert.Parameters.Add("$attempt", SqliteType.Integer),
                insert.Parameters.Add("$json", SqliteType.Text));
            insert.Prepare();
            for (int i = 0; i < group.Count; i++)
            {
                if (group.Count == 1)
                {
                    results[i] = WriteOne(connection, transaction, insert, p, group[i]);
                    continue;
                }

                transaction.Save("append");
                try
                {
                    results[i] = WriteOne(connection, transaction, insert, p, group[i]);
                    transaction.Release("append");
                }
                catch (Exception ex) when (ex is SqliteException or System.Text.Json.JsonException)
                {
                    transaction.Rollback("append");
                    transaction.Release("append");
                    failures[i] = ex;
                }
            }

            transaction.Commit();
        }
#pragma warning disable CA1031 // handed to every waiting caller
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var append in group)
            {
                append.Done.TrySetException(ex);
            }

            return;
        }

        for (int i = 0; i < group.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                group[i].Done.TrySetException(failure);
            }
            else
            {
                group[i].Done.TrySetResult(results[i]!);
            }
        }
    }

    private static SwarmEvent[] WriteOne(SqliteConnection connection, SqliteTransaction transaction, SqliteCommand insert, InsertParameters p, PendingAppend append)
    {
        var batch = append.Batch;
        var rows = append.Rows;
        if (batch.IdempotencyKey is { } key
            && Execute(connection, transaction, "INSERT OR IGNORE INTO swarm_run_keys (run_id, key) VALUES ($run, $key)", ("$run", batch.RunId), ("$key", key)) == 0)
        {
            return []; // logged by an earlier execution
        }

        // The run's highest number in this transaction: it sees the appends written before this one in the group.
        long seq = Convert.ToInt64(
            Scalar(connection, transaction, "SELECT COALESCE(MAX(seq), 0) FROM swarm_run_events WHERE run_id = $run", ("$run", batch.RunId)),
            System.Globalization.CultureInfo.InvariantCulture);
        var logged = new SwarmEvent[rows.Length];
        p.Run.Value = batch.RunId;
        p.Turn.Value = batch.Turn;
        for (int i = 0; i < rows.Length; i++)
        {
            var evt = rows[i].Event with { RunId = batch.RunId, Seq = ++seq };
            logged[i] = evt;
            p.Seq.Value = seq;
            p.Type.Value = rows[i].Columns.Type;
            p.Agent.Value = (object?)rows[i].Columns.Agent ?? DBNull.Value;
            p.Attempt.Value = rows[i].Columns.Attempt;
            p.Json.Value = SwarmEventJson.Serialize(evt);
            insert.ExecuteNonQuery();
        }

        return logged;
    }

    private sealed record InsertParameters(
        SqliteParameter Run, SqliteParameter Seq, SqliteParameter Type, SqliteParameter Agent, SqliteParameter Turn, SqliteParameter Attempt, SqliteParameter Json);

    private sealed class PendingAppend(RunLogBatch batch, (SwarmEvent Event, LoggedEvent Columns)[] rows)
    {
        public RunLogBatch Batch => batch;

        public (SwarmEvent Event, LoggedEvent Columns)[] Rows => rows;

        public TaskCompletionSource<IReadOnlyList<SwarmEvent>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SwarmEvent>> ReadAsync(string runId, long afterSeq, int maxCount = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        return Read<IReadOnlyList<SwarmEvent>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT json FROM swarm_run_events WHERE run_id = $run AND seq > $after ORDER BY seq LIMIT $max";
            command.Parameters.AddWithValue("$run", runId);
            command.Parameters.AddWithValue("$after", afterSeq);
            command.Parameters.AddWithValue("$max", maxCount);
            return Events(command);
        });
    }

    /// <inheritdoc />
    public Task<RunTurnState> GetTurnAsync(string runId, string agent, int turn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(agent);
        return Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT json FROM swarm_run_events
                WHERE run_id = $run AND agent = $agent AND turn = $turn AND type IN ('AgentStarted', 'AgentCompleted')
                ORDER BY seq
                """;
            command.Parameters.AddWithValue("$run", runId);
            command.Parameters.AddWithValue("$agent", agent);
            command.Parameters.AddWithValue("$turn", turn);
            return LoggedEvent.Fold(Events(command));
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_initGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _writer?.Dispose();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private static List<SwarmEvent> Events(SqliteCommand command)
    {
        var list = new List<SwarmEvent>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(SwarmEventJson.Deserialize(reader.GetString(0)));
        }

        return list;
    }

    private Task<T> Read<T>(Func<SqliteConnection, T> read)
    {
        Writer(); // creates the file and tables on first use
        if (!_readers.TryTake(out var connection))
        {
            connection = Open();
        }

        try
        {
            return Task.FromResult(read(connection));
        }
        catch (Exception ex) when (ex is SqliteException or System.Text.Json.JsonException)
        {
            return Task.FromException<T>(ex);
        }
        finally
        {
            _readers.Add(connection);
        }
    }

    private SqliteConnection Writer()
    {
        if (Volatile.Read(ref _writer) is { } writer)
        {
            return writer;
        }

        lock (_initGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is null)
            {
                var connection = Open();
                try
                {
                    Execute(connection, null, "PRAGMA journal_mode=WAL");
                    Execute(connection, null, "PRAGMA synchronous=NORMAL");
                    using var transaction = connection.BeginTransaction(deferred: false);
                    Execute(connection, transaction, Schema);
                    transaction.Commit();
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }

                Volatile.Write(ref _writer, connection);
            }

            return _writer;
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, null, "PRAGMA busy_timeout=30000");
        return connection;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteScalar();
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Swarms.Durable.History;

namespace Swarms.Durable.Storage;

/// <summary>
/// The default store: one SQLite file in WAL mode. All writes go through one writer thread that groups
/// concurrent writes into one transaction (group commit); reads use a small pool of read connections,
/// which WAL lets run alongside the writer. Several processes may open the same file; leases keep them
/// from running the same work at once.
/// </summary>
public sealed partial class SqliteOrchestrationStore : IOrchestrationStore
{
    private readonly SqliteWriter _writer;
    private readonly ConcurrentBag<SqliteSession> _readers = [];
    private readonly string _connectionString;
    private readonly Thread _checkpointer;
    private readonly ManualResetEventSlim _stopCheckpoints = new();
    private int _disposed;

    /// <summary>Opens (and creates when missing) the database.</summary>
    /// <param name="options">The options.</param>
    public SqliteOrchestrationStore(SqliteOrchestrationStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxWriteBatch, 1);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        var session = new SqliteSession(_connectionString);
        session.Execute("PRAGMA journal_mode=WAL");
        session.Execute(options.FullSync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
        session.Execute("PRAGMA busy_timeout=30000");
        session.ExecuteScript(SqliteSchema.Create);

        // The writer never checkpoints the WAL itself: a checkpoint flushes the database file and would stall
        // every queued commit behind it. A background connection checkpoints passively instead.
        session.Execute("PRAGMA wal_autocheckpoint=0");
        _writer = new SqliteWriter(session, options.MaxWriteBatch);
        _checkpointer = new Thread(CheckpointLoop) { IsBackground = true, Name = "Swarms.Durable WAL checkpoint" };
        _checkpointer.Start();
    }

    /// <inheritdoc/>
    public event Action<string, DateTime>? MessageEnqueued;

    /// <inheritdoc/>
    public event Action<string, OrchestrationRuntimeStatus>? InstanceUpdated;

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopCheckpoints.Set();
            _checkpointer.Join();
            _stopCheckpoints.Dispose();
            _writer.Dispose();
            while (_readers.TryTake(out var reader))
            {
                reader.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }

    private void CheckpointLoop()
    {
        using var session = new SqliteSession(_connectionString);
        session.Execute("PRAGMA busy_timeout=1000");
        while (!_stopCheckpoints.Wait(TimeSpan.FromMilliseconds(500)))
        {
            try
            {
                // PASSIVE copies what it can without blocking the writer or readers; the WAL is reset
                // by the writer's next commit once every frame is copied.
                session.Scalar("PRAGMA wal_checkpoint(PASSIVE)");
            }
            catch (SqliteException)
            {
                // Busy or locked by another process; the next round retries.
            }
        }

        session.Scalar("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    private static string ToJson(HistoryEvent e) => JsonSerializer.Serialize(e, DataConverter.Options);

    private static HistoryEvent FromJson(string json) => JsonSerializer.Deserialize<HistoryEvent>(json, DataConverter.Options)!;

    private static long Ticks(DateTime time) => time.Ticks;

    private static DateTime FromTicks(long ticks) => new(ticks, DateTimeKind.Utc);

    private static int IsControl(HistoryEvent e) => e is ExecutionResumed or ExecutionTerminated ? 1 : 0;

    /// <summary>Runs a read on a pooled read connection (WAL readers never block the writer).</summary>
    private T Read<T>(Func<SqliteSession, T> read)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_readers.TryTake(out var session))
        {
            session = new SqliteSession(_connectionString);
            session.Execute("PRAGMA busy_timeout=30000");
        }

        try
        {
            return read(session);
        }
        finally
        {
            _readers.Add(session);
        }
    }

    private Task<T> Write<T>(Func<SqliteSession, T> write, bool inlineContinuation = false)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _writer.WriteAsync(write, inlineContinuation);
    }

    /// <summary>Inserts a message; announces it after commit.</summary>
    private void InsertMessage(SqliteSession s, string instanceId, HistoryEvent e, DateTime visibleAt)
    {
        s.Execute(
            "INSERT INTO messages (instance_id, control, payload, visible_at) VALUES ($p0, $p1, $p2, $p3)",
            instanceId, IsControl(e), ToJson(e), Ticks(visibleAt));
        _writer.AfterCommit(() => MessageEnqueued?.Invoke(instanceId, visibleAt));
    }

    private void AnnounceStatus(string instanceId, OrchestrationRuntimeStatus status) =>
        _writer.AfterCommit(() => InstanceUpdated?.Invoke(instanceId, status));

    /// <summary>Deletes an instance and everything attached to it.</summary>
    private static void DeleteInstance(SqliteSession s, string instanceId)
    {
        s.Execute("DELETE FROM history WHERE instance_id = $p0", instanceId);
        s.Execute("DELETE FROM messages WHERE instance_id = $p0", instanceId);
        s.Execute("DELETE FROM activities WHERE instance_id = $p0", instanceId);
        s.Execute("DELETE FROM instances WHERE instance_id = $p0", instanceId);
    }

    private static List<HistoryEvent> ReadHistory(SqliteSession s, string instanceId)
    {
        var list = new List<HistoryEvent>();
        using var reader = s.Command("SELECT payload FROM history WHERE instance_id = $p0 ORDER BY seq", instanceId).ExecuteReader();
        while (reader.Read())
        {
            list.Add(FromJson(reader.GetString(0)));
        }

        return list;
    }

    private static OrchestrationRuntimeStatus? ReadStatus(SqliteSession s, string instanceId) =>
        s.Scalar("SELECT status FROM instances WHERE instance_id = $p0", instanceId) is long status
            ? (OrchestrationRuntimeStatus)status
            : null;
}

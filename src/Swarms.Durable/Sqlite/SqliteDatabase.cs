using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Swarms.Durable.Sqlite;

/// <summary>
/// One SQLite database in WAL mode: a single writer thread that groups concurrent writes into one transaction
/// (group commit), a pool of read connections that WAL lets run beside the writer, and a background connection
/// that checkpoints the WAL passively. An in-memory database has one connection only, so its reads go through
/// the writer too.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly SqliteWriter _writer;
    private readonly ConcurrentBag<SqliteSession> _readers = [];
    private readonly string _connectionString;
    private readonly Thread? _checkpointer;
    private readonly ManualResetEventSlim _stopCheckpoints = new();
    private readonly bool _inMemory;
    private int _disposed;

    public SqliteDatabase(string? path, bool fullSync, int maxWriteBatch)
    {
        _inMemory = path is null;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path ?? ":memory:",
            Mode = path is null ? SqliteOpenMode.Memory : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        var session = new SqliteSession(_connectionString);
        if (!_inMemory)
        {
            session.Scalar("PRAGMA journal_mode=WAL");
            session.Execute(fullSync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
            session.Execute("PRAGMA busy_timeout=30000");
        }

        session.ExecuteScript(SqliteSchema.Create);
        if (!_inMemory)
        {
            // The writer never checkpoints the WAL itself: a checkpoint flushes the database file and would stall
            // every queued commit behind it. A background connection checkpoints passively instead.
            session.Execute("PRAGMA wal_autocheckpoint=0");
            _checkpointer = new Thread(CheckpointLoop) { IsBackground = true, Name = "Swarms.Durable WAL checkpoint" };
            _checkpointer.Start();
        }

        _writer = new SqliteWriter(session, maxWriteBatch);
    }

    /// <summary>Runs <paramref name="work"/> in the next group transaction; its result is durable when the task completes.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteSession, T> work)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _writer.WriteAsync(work);
    }

    /// <summary>Registers an action to run after the current transaction commits (only from inside a write).</summary>
    public void AfterCommit(Action action) => _writer.AfterCommit(action);

    /// <summary>Runs a read on a pooled read connection (WAL readers never block the writer).</summary>
    public Task<T> ReadAsync<T>(Func<SqliteSession, T> read)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_inMemory)
        {
            return _writer.WriteAsync(read);
        }

        if (!_readers.TryTake(out var session))
        {
            session = new SqliteSession(_connectionString);
            session.Execute("PRAGMA busy_timeout=30000");
        }

        try
        {
            return Task.FromResult(read(session));
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
        finally
        {
            _readers.Add(session);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopCheckpoints.Set();
        _checkpointer?.Join();
        _stopCheckpoints.Dispose();
        _writer.Dispose();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private void CheckpointLoop()
    {
        using var session = new SqliteSession(_connectionString);
        session.Execute("PRAGMA busy_timeout=1000");
        while (!_stopCheckpoints.Wait(TimeSpan.FromMilliseconds(500)))
        {
            try
            {
                // PASSIVE copies what it can without blocking the writer or readers; the WAL is reset by the
                // writer's next commit once every frame is copied.
                session.Scalar("PRAGMA wal_checkpoint(PASSIVE)");
            }
            catch (SqliteException)
            {
                // Busy or locked by another process; the next round retries.
            }
        }

        try
        {
            session.Scalar("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        catch (SqliteException)
        {
            // Another process still writes; it checkpoints later.
        }
    }
}

using System.Collections.Concurrent;

namespace Swarms.Durable.Sqlite;

/// <summary>
/// The store's single writer: a dedicated thread that groups every write waiting in its queue into one
/// transaction (group commit). With <c>synchronous=FULL</c> each commit costs a disk flush, so a batch of N
/// checkpoints costs one flush instead of N. Each request runs in its own savepoint, so one failing request
/// does not undo the others; its caller sees the exception only after the batch committed.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    // A lock-free queue and a wake-up event the writer waits on only when it found nothing to do: producers never
    // contend on a lock with each other or with the writer (a BlockingCollection's semaphore did, under load).
    private readonly ConcurrentQueue<IWriteRequest> _queue = new();
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 0);
    private readonly SqliteSession _session;
    private readonly int _maxBatch;
    private readonly Thread _thread;
    private readonly List<Action> _afterCommit = [];
    private int _sleeping;
    private volatile bool _completed;

    public SqliteWriter(SqliteSession session, int maxBatch)
    {
        _session = session;
        _maxBatch = maxBatch;
        _thread = new Thread(Loop) { IsBackground = true, Name = "Swarms.Durable SQLite writer" };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> inside the next group transaction.</summary>
    /// <param name="work">The write.</param>
    /// <param name="inlineContinuation">Run the caller's continuation on the writer thread, saving a thread
    /// hop on the engine's hot path; only for engine callers that return to the thread pool at once.</param>
    public Task<T> WriteAsync<T>(Func<SqliteSession, T> work, bool inlineContinuation = false)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        var request = new WriteRequest<T>(work, inlineContinuation);
        _queue.Enqueue(request);
        if (Volatile.Read(ref _sleeping) == 1 && Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            _wake.Set();
        }

        return request.Task;
    }

    /// <summary>Registers an action to run after the current transaction commits (from inside a request).</summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    public void Dispose()
    {
        _completed = true;
        _wake.Set();
        _thread.Join();
        _wake.Dispose();
    }

    private void Loop()
    {
        var batch = new List<IWriteRequest>(_maxBatch);
        while (true)
        {
            while (batch.Count < _maxBatch && _queue.TryDequeue(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count > 0)
            {
                RunBatch(batch);
                batch.Clear();
                continue;
            }

            if (_completed)
            {
                return;
            }

            // Announce the sleep before the last look, so a producer either sees the flag or its request is seen.
            _wake.Reset();
            Interlocked.Exchange(ref _sleeping, 1);
            if (_queue.IsEmpty && !_completed)
            {
                _wake.Wait();
            }

            Interlocked.Exchange(ref _sleeping, 0);
        }
    }

    private void RunBatch(List<IWriteRequest> batch)
    {
        try
        {
            _session.Execute("BEGIN IMMEDIATE");
            if (batch.Count == 1)
            {
                // Alone in its transaction: a failure rolls the whole transaction back (outer catch),
                // so the savepoint's two extra statements are not needed.
                batch[0].Run(_session);
            }
            else
            {
                foreach (var request in batch)
                {
                    var mark = _afterCommit.Count;
                    _session.Execute("SAVEPOINT w");
                    try
                    {
                        request.Run(_session);
                        _session.Execute("RELEASE w");
                    }
                    catch (Exception ex)
                    {
                        _session.Execute("ROLLBACK TO w");
                        _session.Execute("RELEASE w");
                        _afterCommit.RemoveRange(mark, _afterCommit.Count - mark);
                        request.Fail(ex);
                    }
                }
            }

            _session.Execute("COMMIT");
        }
        catch (Exception ex)
        {
            try
            {
                _session.Execute("ROLLBACK");
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // No transaction was open (BEGIN itself failed); nothing to undo.
            }

            _afterCommit.Clear();
            foreach (var request in batch)
            {
                request.Fail(ex);
                request.Complete();
            }

            return;
        }

        foreach (var request in batch)
        {
            request.Complete();
        }

        foreach (var action in _afterCommit)
        {
            try
            {
                action();
            }
#pragma warning disable CA1031 // A failing listener must not stop the writer thread.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        _afterCommit.Clear();
    }

    private interface IWriteRequest
    {
        void Run(SqliteSession session);

        void Fail(Exception exception);

        void Complete();
    }

    private sealed class WriteRequest<T>(Func<SqliteSession, T> work, bool inlineContinuation) : IWriteRequest
    {
        private readonly TaskCompletionSource<T> _tcs = new(inlineContinuation ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;
        private Exception? _error;

        public Task<T> Task => _tcs.Task;

        public void Run(SqliteSession session) => _result = work(session);

        public void Fail(Exception exception) => _error = exception;

        public void Complete()
        {
            if (_error is null)
            {
                _tcs.TrySetResult(_result);
            }
            else
            {
                _tcs.TrySetException(_error);
            }
        }
    }
}

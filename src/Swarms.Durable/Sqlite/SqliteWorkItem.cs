using DurableTask.Core;
using Swarms.Durable.Internal;

namespace Swarms.Durable.Sqlite;

/// <summary>
/// An orchestration work item of <see cref="SqliteOrchestrationService"/>: the instance is locked by this process
/// from the moment it is created until it is released or abandoned. As an extended session it stays loaded between
/// episodes: the next messages are delivered from memory when this process produced them, from the database
/// otherwise (<see cref="FetchNewOrchestrationMessagesAsync"/>).
/// </summary>
internal sealed class SqliteWorkItem : TaskOrchestrationWorkItem, IOrchestrationSession
{
    private readonly SqliteOrchestrationService _service;
    private readonly object _gate = new();
    private readonly List<StoredMessage> _local = [];
    private readonly AsyncSignal _signal = new();
    private bool _released;

    public SqliteWorkItem(SqliteOrchestrationService service, string instanceId, string executionId, IList<DurableTask.Core.History.HistoryEvent> history, IReadOnlyList<StoredMessage> messages, DateTime lockedUntil)
    {
        _service = service;
        InstanceId = instanceId;
        StoredExecutionId = executionId;
        StoredHistoryCount = history.Count;
        OrchestrationRuntimeState = new OrchestrationRuntimeState(history);
        LockedUntilUtc = lockedUntil;
        SetMessages(messages);
        Session = service.SessionsEnabled ? this : null;
    }

    /// <summary>The execution whose history is stored (changes on continue-as-new).</summary>
    public string StoredExecutionId { get; set; }

    /// <summary>How many history events of <see cref="StoredExecutionId"/> are stored.</summary>
    public int StoredHistoryCount { get; set; }

    /// <summary>The rows of <see cref="TaskOrchestrationWorkItem.NewMessages"/>, deleted when the episode commits.</summary>
    public IReadOnlyList<long> MessageIds { get; private set; } = [];

    /// <summary>Activity results of <see cref="TaskOrchestrationWorkItem.NewMessages"/> handed over in memory: the episode's
    /// commit deletes their activities' rows; an abandoned episode stores them as messages instead.</summary>
    public IReadOnlyList<StoredMessage> DeferredResults { get; private set; } = [];

    /// <summary>The largest message id delivered so far: ids grow in commit order, so a message this process was
    /// told about with a smaller or equal id has been delivered already (by a database read).</summary>
    public long MaxDeliveredId { get; private set; }

    /// <summary>Hands a message committed by this process to the loaded instance.</summary>
    /// <returns>False when the work item was released: the caller queues the instance instead.</returns>
    public bool TryNotify(StoredMessage? message)
    {
        lock (_gate)
        {
            if (_released)
            {
                return false;
            }

            if (message is not null)
            {
                _local.Add(message);
            }
        }

        _signal.Set();
        return true;
    }

    /// <summary>Marks the work item released.</summary>
    /// <param name="unconsumedResults">Activity results handed over in memory that no episode consumed: the caller
    /// stores them.</param>
    /// <returns>Whether messages were handed to it that no episode consumed.</returns>
    public bool MarkReleased(out List<StoredMessage> unconsumedResults)
    {
        lock (_gate)
        {
            _released = true;
            unconsumedResults = _local.FindAll(m => m.IsDeferredResult);
            return _local.Exists(m => m.IsDeferredResult || m.Id > MaxDeliveredId);
        }
    }

    /// <summary>The episode committed: its messages and results are consumed for good.</summary>
    public void Committed()
    {
        MessageIds = [];
        DeferredResults = [];
    }

    /// <inheritdoc/>
    /// <remarks>Waits for a wake-up: a message this process committed for the instance (delivered from memory), a timer
    /// coming due, or the service's poll seeing a message from another process (then the table is read).</remarks>
    public async Task<IList<TaskMessage>?> FetchNewOrchestrationMessagesAsync(TaskOrchestrationWorkItem workItem)
    {
        var deadline = DateTime.UtcNow + _service.Options.SessionIdleTimeout;
        while (!_service.IsStopping)
        {
            var local = TakeLocal();
            if (local.Count > 0)
            {
                return SetMessages(local);
            }

            var wait = deadline - DateTime.UtcNow;
            if (wait <= TimeSpan.Zero || !await _signal.WaitAsync(wait, _service.StoppingToken).ConfigureAwait(false))
            {
                return null;
            }

            local = TakeLocal();
            if (local.Count > 0)
            {
                return SetMessages(local);
            }

            var stored = await _service.ReadVisibleMessagesAsync(InstanceId).ConfigureAwait(false);
            if (stored.Count > 0)
            {
                return SetMessages(stored);
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public Task EndSessionAsync() => Task.CompletedTask;

    private List<StoredMessage> TakeLocal()
    {
        lock (_gate)
        {
            var list = _local.FindAll(m => m.IsDeferredResult || m.Id > MaxDeliveredId);
            _local.Clear();
            list.Sort((a, b) => a.Id.CompareTo(b.Id));
            return list;
        }
    }

    private List<TaskMessage> SetMessages(IReadOnlyList<StoredMessage> messages)
    {
        var ids = new List<long>(messages.Count);
        var deferred = new List<StoredMessage>();
        var list = new List<TaskMessage>(messages.Count);
        foreach (var message in messages)
        {
            list.Add(message.Message);
            if (message.IsDeferredResult)
            {
                deferred.Add(message);
            }
            else
            {
                ids.Add(message.Id);
                MaxDeliveredId = Math.Max(MaxDeliveredId, message.Id);
            }
        }

        MessageIds = ids;
        DeferredResults = deferred;
        NewMessages = list;
        return list;
    }
}

/// <summary>
/// A row of <c>dt_messages</c>; or (<paramref name="ActivityId"/> set, <paramref name="Id"/> 0) an activity's result
/// handed over in memory and not stored: the episode that consumes it deletes the activity's row in its own
/// transaction, so until then a crash re-runs the activity instead of losing its result.
/// </summary>
internal sealed record StoredMessage(long Id, TaskMessage Message, long ActivityId = 0)
{
    public bool IsDeferredResult => ActivityId != 0;
}

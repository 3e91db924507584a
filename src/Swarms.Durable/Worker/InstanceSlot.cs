using System.Collections.Concurrent;
using Swarms.Durable.History;
using Swarms.Durable.Storage;

namespace Swarms.Durable.Worker;

/// <summary>
/// An instance as this worker sees it: whether it is queued or running (so episodes of one instance never
/// overlap), and, while this worker holds its lease, its cached history (the store stays the source of
/// truth; the cache only saves re-reading history each episode).
/// </summary>
internal sealed class InstanceSlot(string instanceId)
{
    private const int Idle = 0, Queued = 1, Running = 2, RunningDirty = 3;
    private int _state;

    public string InstanceId { get; } = instanceId;

    public Lock Gate { get; } = new();

    /// <summary>Set once the slot left the worker's table; a signal must then use a new slot.</summary>
    public bool Removed { get; set; }

    /// <summary>Whether this worker holds the instance's lease (and the cache below is valid).</summary>
    public bool Held { get; set; }

    public List<HistoryEvent>? History { get; set; }

    /// <summary>Set when the store may hold new messages for the instance (a commit notification, a poll,
    /// a timer); an episode triggered only by in-memory results skips the store read. Guarded by <see cref="Gate"/>.</summary>
    public bool StoreMessagesPending { get; set; } = true;

    /// <summary>Activity work items this worker created for the current execution and has not yet seen
    /// complete; only their results may be handed over in memory. Guarded by <see cref="Gate"/>.</summary>
    public HashSet<long> OutstandingActivities { get; } = [];

    /// <summary>Results of this worker's activities, handed over in memory; committed by the next episode.</summary>
    public ConcurrentQueue<(ActivityWorkItem Item, HistoryEvent Result)> LocalCompletions { get; } = new();

    /// <summary>Empties <see cref="LocalCompletions"/>: what an episode commits, or a shutdown writes to the store.</summary>
    public List<(ActivityWorkItem Item, HistoryEvent Result)> TakeLocalCompletions()
    {
        var taken = new List<(ActivityWorkItem Item, HistoryEvent Result)>();
        while (LocalCompletions.TryDequeue(out var completion))
        {
            taken.Add(completion);
        }

        return taken;
    }

    public OrchestrationRuntimeStatus Status { get; set; }

    public string? CustomStatus { get; set; }

    /// <summary>Marks new work; returns true when the caller must queue the slot. Call under <see cref="Gate"/>.</summary>
    public bool TrySchedule()
    {
        switch (_state)
        {
            case Idle:
                _state = Queued;
                return true;
            case Running:
                _state = RunningDirty;
                return false;
            default:
                return false;
        }
    }

    public void BeginRun()
    {
        lock (Gate)
        {
            _state = Running;
        }
    }

    /// <summary>Ends a run; returns true when work arrived meanwhile and the slot must be queued again.
    /// Call under <see cref="Gate"/>.</summary>
    public bool EndRun()
    {
        var again = _state == RunningDirty;
        _state = again ? Queued : Idle;
        return again;
    }

    /// <summary>Drops the lease flag and the cache; the next episode re-reads everything from the store.</summary>
    public void Forget()
    {
        lock (Gate)
        {
            Held = false;
            History = null;
            StoreMessagesPending = true;
            OutstandingActivities.Clear();
        }
    }
}

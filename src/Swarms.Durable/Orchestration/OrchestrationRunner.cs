using Swarms.Durable.History;
using Swarms.Durable.Storage;

namespace Swarms.Durable.Orchestration;

/// <summary>
/// Runs one episode of one instance: replays the past history through fresh orchestrator code, then
/// applies the new events, and records the decisions the code made that history does not have yet.
/// Everything happens synchronously on the calling thread, under <see cref="OrchestrationSynchronizationContext"/>.
/// </summary>
internal sealed partial class OrchestrationRunner : TaskOrchestrationContext
{
    private readonly string _instanceId;
    private readonly DurableTaskRegistry _registry;
    private readonly OrchestrationSynchronizationContext _sync;
    private readonly SortedDictionary<int, PendingAction> _actions = [];
    private readonly Dictionary<int, Action<HistoryEvent>> _open = [];
    private readonly List<EventWaiter> _waiters = [];
    private readonly List<EventRaised> _buffered = [];
    private ExecutionStarted? _started;
    private Task<object?>? _orchestratorTask;
    private int _nextTaskId;
    private int _guidCounter;
    private bool _replaying;
    private bool _suspended;
    private DateTime _now;
    private string? _customStatus;
    private TaskFailureDetails? _engineFailure;
    private ExecutionTerminated? _terminated;
    private (string? Input, bool Preserve)? _continueAsNew;

    /// <param name="instanceId">The instance.</param>
    /// <param name="registry">Where the orchestrator is found.</param>
    /// <param name="customStatus">The persisted custom status.</param>
    /// <param name="onLateForeignPost">Called when a foreign continuation arrives after the episode.</param>
    public OrchestrationRunner(string instanceId, DurableTaskRegistry registry, string? customStatus, Action? onLateForeignPost)
    {
        _instanceId = instanceId;
        _registry = registry;
        _customStatus = customStatus;
        _sync = new OrchestrationSynchronizationContext(onLateForeignPost);
    }

    public override string Name => _started?.Name ?? string.Empty;

    public override string InstanceId => _instanceId;

    public override bool IsReplaying => _replaying;

    public override DateTime CurrentUtcDateTime => _now;

    private bool Stopped => _engineFailure is not null || _terminated is not null;

    /// <summary>Runs the episode.</summary>
    /// <param name="past">The history so far.</param>
    /// <param name="newEvents">The new events, starting with this episode's OrchestratorStarted.</param>
    /// <param name="forcedFailure">A failure the engine already decided (a foreign await seen after an
    /// earlier episode); it applies after the replay, so the parent still learns of it.</param>
    public EpisodeResult Execute(IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> newEvents, TaskFailureDetails? forcedFailure = null)
    {
        var result = new EpisodeResult();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_sync);
        _sync.Bind();
        try
        {
            _replaying = true;
            foreach (var e in past)
            {
                Apply(e);
                if (Stopped)
                {
                    break;
                }
            }

            _replaying = false;
            _engineFailure ??= forcedFailure;
            foreach (var e in newEvents)
            {
                if (Stopped)
                {
                    break;
                }

                result.Appended.Add(e);
                Apply(e);
            }

            DetectForeignAwait();
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            _engineFailure = new TaskFailureDetails(ex.GetType().FullName!, ex.Message);
        }
#pragma warning disable CA1031 // A continuation of user code that throws outside an async method fails the instance, not the engine.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _engineFailure = TaskFailureDetails.FromException(ex);
        }
        finally
        {
            _sync.Close();
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        Finish(result);
        return result;
    }

    private void Apply(HistoryEvent e)
    {
        switch (e)
        {
            case OrchestratorStarted:
                _now = e.Timestamp;
                break;
            case ExecutionStarted started:
                Start(started);
                break;
            case TaskScheduled or TimerCreated or SubOrchestrationInstanceCreated:
                Match(e);
                break;
            case TaskCompleted c:
                Complete(c.TaskScheduledId, e);
                break;
            case TaskFailed f:
                Complete(f.TaskScheduledId, e);
                break;
            case SubOrchestrationInstanceCompleted c:
                Complete(c.TaskScheduledId, e);
                break;
            case SubOrchestrationInstanceFailed f:
                Complete(f.TaskScheduledId, e);
                break;
            case TimerFired t:
                Complete(t.TimerId, e);
                break;
            case EventRaised raised:
                DeliverEvent(raised);
                break;
            case ExecutionSuspended:
                _suspended = true;
                break;
            case ExecutionResumed:
                _suspended = false;
                break;
            case ExecutionTerminated terminated:
                _terminated = terminated;
                break;
            default:
                break;
        }
    }

    private void Start(ExecutionStarted started)
    {
        _started = started;
        if (!_registry.TryCreateOrchestrator(started.Name, out var orchestrator))
        {
            _engineFailure = new TaskFailureDetails(
                typeof(InvalidOperationException).FullName!, $"No orchestrator named '{started.Name}' is registered with this worker.");
            return;
        }

        try
        {
            var input = DataConverter.Deserialize(started.Input, orchestrator.InputType);
            _orchestratorTask = orchestrator.RunAsync(this, input);
        }
#pragma warning disable CA1031 // Any error of user code, even synchronous, fails the instance.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _orchestratorTask = Task.FromException<object?>(ex);
        }

        _sync.RunUntilIdle();
    }

    private void Complete(int taskId, HistoryEvent e)
    {
        // A completion for a task nobody waits on (a timer that lost a WhenAny, a duplicate delivery) is history only.
        if (_open.Remove(taskId, out var complete))
        {
            complete(e);
            _sync.RunUntilIdle();
        }
    }

    private void Match(HistoryEvent e)
    {
        var (id, expected) = Describe(e);
        if (!_actions.TryGetValue(id, out var action))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}' ({_instanceId}): history expected {expected} as task #{id}, " +
                $"but the orchestrator code did not schedule it (it scheduled {_nextTaskId} task(s) on replay" +
                (_orchestratorTask?.IsCompleted == true ? " and then returned)." : ")."));
        }

        var (_, actual) = Describe(action.Event);
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}' ({_instanceId}): history expected {expected} as task #{id}, " +
                $"but the orchestrator code called {actual}.");
        }

        action.Matched = true;
    }

    private static (int Id, string Text) Describe(HistoryEvent e) => e switch
    {
        TaskScheduled t => (t.TaskId, $"CallActivityAsync(\"{t.Name}\")"),
        TimerCreated t => (t.TaskId, "CreateTimer"),
        SubOrchestrationInstanceCreated s => (s.TaskId, $"CallSubOrchestratorAsync(\"{s.Name}\")"),
        _ => (-1, e.GetType().Name),
    };

    private void DetectForeignAwait()
    {
        if (Stopped || _orchestratorTask is null)
        {
            return;
        }

        if (_sync.ForeignPostDetected)
        {
            _engineFailure = ForeignAwaitException.Failure("A continuation was posted from a thread outside the orchestration.");
        }
        else if (!_orchestratorTask.IsCompleted && _open.Count == 0 && _waiters.Count == 0)
        {
            _engineFailure = ForeignAwaitException.Failure("The orchestrator is waiting, but not on any task of its context.");
        }
    }

    private sealed class PendingAction(HistoryEvent e)
    {
        public HistoryEvent Event { get; } = e;

        public bool Matched { get; set; }
    }
}

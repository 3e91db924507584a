using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;
using Swarms.Agents.Dashboard;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Workflows;

/// <summary>
/// What <see cref="SequentialWorkflow"/> and <see cref="ConcurrentWorkflow"/> share: running the
/// <see cref="WorkflowLogic"/> on in-process agents, merging their events into one stream, the event callback and
/// the dashboard. A workflow holds no per-run state, so one instance may run several tasks at once.
/// </summary>
public abstract partial class AgentWorkflow
{
    private readonly ILogger _logger;

    private protected AgentWorkflow(IEnumerable<Agent> agents, WorkflowOptions options, WorkflowPlan plan)
    {
        ArgumentNullException.ThrowIfNull(options);
        Agents = agents as IReadOnlyList<Agent> ?? [.. agents];
        Options = options;
        Plan = plan;
        plan.Validate();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var agent in Agents)
        {
            if (!names.Add(agent.Name))
            {
                throw new ArgumentException($"Two agents are named '{agent.Name}'; a workflow's agents need distinct names.", nameof(agents));
            }
        }

        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Swarms.Agents.Workflows");
    }

    /// <summary>The workflow's name.</summary>
    public string Name => Plan.Name;

    /// <summary>The agents, in order.</summary>
    public IReadOnlyList<Agent> Agents { get; }

    /// <summary>The workflow's settings (shared, not copied: change them only between runs).</summary>
    public WorkflowOptions Options { get; }

    /// <summary>The plan <see cref="WorkflowLogic"/> runs: the same data a durable orchestrator takes.</summary>
    public WorkflowPlan Plan { get; }

    /// <summary>
    /// Runs the task and returns the result: the final output and every agent's output, usage and timing, in
    /// agent order. Shows the dashboard when <see cref="WorkflowOptions.ShowDashboard"/> is on; calls
    /// <see cref="WorkflowOptions.OnEvent"/> for every event.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; every agent is stopped.</exception>
    public Task<WorkflowResult> RunAsync(string task, CancellationToken cancellationToken = default) =>
        RunAsync(task, Options.OnEvent, cancellationToken);

    /// <summary>Runs the task like <see cref="RunAsync(string, CancellationToken)"/>, giving every event to <paramref name="onEvent"/> (overrides <see cref="WorkflowOptions.OnEvent"/>).</summary>
    public async Task<WorkflowResult> RunAsync(string task, Action<SwarmEvent>? onEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var callback = onEvent is null ? null : Isolate(onEvent);
        if (!Options.ShowDashboard)
        {
            return await ExecuteAsync(task, callback, cancellationToken).ConfigureAwait(false);
        }

        var dashboard = new WorkflowDashboard(Options.Console ?? AnsiConsole.Console, Name, [.. Agents.Select(a => a.Name)], Options.TimeProvider);
        return await dashboard.RunAsync(
            show => ExecuteAsync(task, callback is null ? show : evt => { callback(evt); show(evt); }, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <see cref="WorkflowLogic"/> with an in-process invoker. <paramref name="target"/> gets every event,
    /// renumbered in delivery order and one at a time; null: events are not published at all (the cheapest path).
    /// </summary>
    private async Task<WorkflowResult> ExecuteAsync(string task, Action<SwarmEvent>? target, CancellationToken cancellationToken)
    {
        var time = Options.TimeProvider;
        var stamp = new RunStamp(null, time);
        Action<SwarmEvent>? publish = target is null ? null : new EventSequencer(target).Publish;
        long started = time.GetTimestamp();
        // Run events take their numbers from the same stamp as the agents: in a sequential run the sequencer then
        // finds every number already right and copies nothing.
        publish?.Invoke(new RunStarted(Name, [.. Plan.Agents], task) { RunId = stamp.RunId, Seq = stamp.NextSeq(), Timestamp = time.GetUtcNow() });
        using var invoker = new InProcessAgentInvoker(Agents, stamp, publish, Plan.OnError, Options.LoggerFactory);
        WorkflowResult result;
        try
        {
            result = await WorkflowLogic.RunAsync(Plan, task, invoker, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            publish?.Invoke(new RunFailed("Cancelled.", TokenUsage.Zero) { RunId = stamp.RunId, Seq = stamp.NextSeq(), Timestamp = time.GetUtcNow() });
            throw;
        }

        result = result with { Elapsed = time.GetElapsedTime(started) };
        SwarmEvent last = result.Status == WorkflowStatus.Failed
            ? new RunFailed(result.Error ?? "Failed.", result.Usage)
            : new RunCompleted(result.Output, result.Usage);
        publish?.Invoke(stamp.Restamp(last));
        return result;
    }

    /// <summary>Wraps a user callback so that a throw is logged once and the run goes on.</summary>
    private Action<SwarmEvent> Isolate(Action<SwarmEvent> callback)
    {
        bool faulted = false;
        return evt =>
        {
            try
            {
                callback(evt);
            }
#pragma warning disable CA1031 // A user's callback may throw anything; it must not end the run.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (!faulted)
                {
                    faulted = true;
                    Log.WorkflowCallbackFailed(_logger, Name, ex);
                }
            }
        };
    }
}

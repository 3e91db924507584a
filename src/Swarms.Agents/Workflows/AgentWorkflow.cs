using Microsoft.Extensions.Logging;
using Swarms.Agents.Output;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Workflows;

/// <summary>
/// What <see cref="SequentialWorkflow"/> and <see cref="ConcurrentWorkflow"/> share: running the workflow logic on
/// in-process agents, merging their events into one stream, and handing that stream to the event callback, the
/// agents' own callbacks and the dashboard through one dispatcher. A workflow holds no per-run state, so one instance
/// may run several tasks at once.
/// </summary>
public abstract partial class AgentWorkflow
{
    private readonly ILogger _logger;

    private protected AgentWorkflow(IEnumerable<Agent> agents, WorkflowOptions options, Func<IReadOnlyList<string>, WorkflowOptions, WorkflowPlan> plan)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(options);
        Agents = agents as IReadOnlyList<Agent> ?? [.. agents];
        Options = options;
        Plan = plan([.. Agents.Select(a => a.Name)], options);
        Plan.Validate();
        _logger = (options.LoggerFactory ?? StderrLogger.Warnings).CreateLogger<AgentWorkflow>();
    }

    /// <summary>The workflow's name.</summary>
    public string Name => Plan.Name;

    /// <summary>The agents, in order.</summary>
    public IReadOnlyList<Agent> Agents { get; }

    /// <summary>The workflow's settings (shared, not copied: change display settings only between runs).</summary>
    public WorkflowOptions Options { get; }

    /// <summary>The plan the workflow logic runs: the same data a durable orchestrator takes.</summary>
    public WorkflowPlan Plan { get; }

    /// <summary>
    /// Runs the task and returns the result: the final output and every agent's output, usage and timing, in
    /// agent order. Shows the dashboard as <see cref="WorkflowOptions.ShowDashboard"/> says; calls
    /// <see cref="WorkflowOptions.OnEvent"/> and each agent's own callbacks.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; every agent is stopped.</exception>
    public Task<WorkflowResult> RunAsync(string task, CancellationToken cancellationToken = default) =>
        RunCoreAsync(task, Options.OnEvent, null, cancellationToken);

    /// <summary>Runs the task like <see cref="RunAsync(string, CancellationToken)"/>, giving every event to <paramref name="onEvent"/> (instead of <see cref="WorkflowOptions.OnEvent"/>).</summary>
    public Task<WorkflowResult> RunAsync(string task, Action<SwarmEvent>? onEvent, CancellationToken cancellationToken = default) =>
        RunCoreAsync(task, onEvent, null, cancellationToken);

    /// <summary>
    /// Runs the task like <see cref="RunAsync(string, CancellationToken)"/>, handing every event to
    /// <paramref name="sink"/> (an NDJSON writer, a dashboard of your own), which replaces the default dashboard.
    /// </summary>
    public Task<WorkflowResult> RunAsync(string task, ISwarmEventSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return RunCoreAsync(task, Options.OnEvent, sink, cancellationToken);
    }

    /// <summary>
    /// Runs the task and yields the events of every agent merged into one stream, in sequence order:
    /// <see cref="RunStarted"/>, each agent's events (tagged with its name), then <see cref="RunCompleted"/> or
    /// <see cref="RunFailed"/>. Nothing is printed and no callback is called.
    /// </summary>
    /// <remarks>Stopping the enumeration early cancels the agents still running.</remarks>
    /// <exception cref="OperationCanceledException">The token was cancelled; every agent is stopped.</exception>
    public IAsyncEnumerable<SwarmEvent> RunStreamingAsync(string task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new WorkflowRun(this, task).ReadAsync(cancellationToken);
    }

    private async Task<WorkflowResult> RunCoreAsync(string task, Action<SwarmEvent>? onEvent, ISwarmEventSink? sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var sinks = new List<ISwarmEventSink>();
        if (onEvent is not null)
        {
            sinks.Add(new IsolatedSink(new EventCallbackSink(onEvent), _logger, $"Workflow {Name}"));
        }

        foreach (var agent in Agents)
        {
            if (agent.Options.StreamingCallback is not null || agent.Options.TokenCallback is not null)
            {
                var callbacks = new CallbackSink(agent.Name, agent.Options.StreamingCallback, agent.Options.TokenCallback, agent.Logger, $"Agent {agent.Name}", Options.TimeProvider);
                callbacks.SetModel(agent.Name, agent.ConfiguredModel);
                sinks.Add(callbacks);
            }
        }

        if (sink is not null)
        {
            sinks.Add(new IsolatedSink(sink, _logger, $"Workflow {Name}"));
        }
        else if ((Options.ShowDashboard ?? Agents.Any(a => a.Options.PrintOn)) && DashboardOutput() is { } output)
        {
            sinks.Add(new IsolatedSink(output.CreateDashboard(Name, Plan.Agents, Options.TimeProvider), _logger, $"Workflow {Name} (dashboard)"));
        }

        var run = new WorkflowRun(this, task);
        // With no sink the events are still made (they carry the agents' outputs) but nobody is handed them.
        await run.ReadAsync(cancellationToken).DispatchAsync(sinks, cancellationToken).ConfigureAwait(false);
        return await run.Result.ConfigureAwait(false);
    }

    /// <summary>The workflow's output, else the one its agents were given, else the default console.</summary>
    private IConsoleOutput? DashboardOutput() =>
        Options.Output ?? Agents.Select(a => a.Options.Output).FirstOrDefault(o => o is not null) ?? ConsoleOutput.Default;

    /// <summary>A plain event callback as a sink.</summary>
    private sealed class EventCallbackSink(Action<SwarmEvent> callback) : ISwarmEventSink
    {
        public ValueTask OnEventAsync(SwarmEvent evt, CancellationToken cancellationToken)
        {
            callback(evt);
            return default;
        }

        public ValueTask OnCompletedAsync(Exception? failure, CancellationToken cancellationToken) => default;
    }
}

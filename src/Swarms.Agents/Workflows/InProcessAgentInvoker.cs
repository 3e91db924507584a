using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Workflows;

/// <summary>
/// Runs workflow steps on in-process <see cref="Agent"/>s: streams each agent with the run's shared
/// <see cref="RunStamp"/>, passes every event to a sink, feeds the agent's own callbacks, and turns a failure into
/// a <see cref="AgentStepStatus.Failed"/> result so the other agents go on. One instance serves one run.
/// </summary>
/// <remarks>
/// With <see cref="WorkflowErrorPolicy.CancelRest"/> the first failure cancels the agents still running; they
/// report <see cref="AgentStepStatus.Cancelled"/>. Cancelling the token given to
/// <see cref="InvokeAsync"/> cancels the whole run and surfaces as <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class InProcessAgentInvoker : IAgentInvoker, IDisposable
{
    /// <summary>The error an agent reports when it was stopped because another agent failed.</summary>
    public const string CancelledByFailure = "Cancelled: another agent failed.";

    private readonly IReadOnlyList<Agent> _agents;
    private readonly RunStamp _stamp;
    private readonly Action<SwarmEvent>? _sink;
    private readonly WorkflowErrorPolicy _onError;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _cancelRest = new();

    /// <summary>Creates the invoker for one run.</summary>
    /// <param name="agents">The workflow's agents; a step's <see cref="AgentStep.Index"/> picks one.</param>
    /// <param name="stamp">The run's id and clock, shared by all agents.</param>
    /// <param name="sink">Receives every event of every agent, possibly from several threads at once; null: none.</param>
    /// <param name="onError">Whether a failure cancels the agents still running.</param>
    /// <param name="loggerFactory">Where failing agent callbacks are logged; null: nowhere.</param>
    public InProcessAgentInvoker(
        IReadOnlyList<Agent> agents, RunStamp stamp, Action<SwarmEvent>? sink = null,
        WorkflowErrorPolicy onError = WorkflowErrorPolicy.Continue, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(stamp);
        _agents = agents;
        _stamp = stamp;
        _sink = sink;
        _onError = onError;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Swarms.Agents.Workflows");
    }

    /// <inheritdoc />
    public async Task<AgentStepResult> InvokeAsync(AgentStep agentStep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agentStep);
        var step = agentStep;
        var agent = _agents[step.Index];
        var time = _stamp.Time;
        var startedAt = time.GetUtcNow();
        long started = time.GetTimestamp();
        var callbacks = agent.Options.StreamingCallback is null && agent.Options.TokenCallback is null
            ? null
            : new CallbackDispatcher(agent.Name, agent.ConfiguredModel, agent.Options.StreamingCallback, agent.Options.TokenCallback, _logger, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancelRest.Token);
        AgentCompleted? completed = null;
        try
        {
            await foreach (var evt in agent.RunStreamingAsync(step.Input, _stamp, linked.Token).ConfigureAwait(false))
            {
                _sink?.Invoke(evt);
                callbacks?.OnEvent(evt);
                completed = evt as AgentCompleted ?? completed;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && _cancelRest.IsCancellationRequested)
        {
            Publish(new AgentFailed(agent.Name, 1, CancelledByFailure, false));
            return Result(step, AgentStepStatus.Cancelled, "", TokenUsage.Zero, CancelledByFailure, startedAt, started);
        }
        catch (AgentRunException ex)
        {
            // The agent has already reported its AgentFailed event.
            return Fail(step, ex.Message, startedAt, started);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Publish(new AgentFailed(agent.Name, 1, ex.Message, false));
            return Fail(step, $"Agent '{agent.Name}' failed: {ex.Message}", startedAt, started);
        }
        finally
        {
            // A buffered callback's tail must not be lost when the agent fails or is cancelled (a no-op after completion).
            callbacks?.Complete();
        }

        var output = completed?.Output ?? "";
        return Result(step, AgentStepStatus.Completed, output, completed?.Usage ?? TokenUsage.Zero, null, startedAt, started);
    }

    /// <inheritdoc />
    public void Dispose() => _cancelRest.Dispose();

    private AgentStepResult Fail(AgentStep step, string error, DateTimeOffset startedAt, long started)
    {
        if (_onError == WorkflowErrorPolicy.CancelRest)
        {
            _cancelRest.Cancel();
        }

        return Result(step, AgentStepStatus.Failed, "", TokenUsage.Zero, error, startedAt, started);
    }

    private AgentStepResult Result(
        AgentStep step, AgentStepStatus status, string output, TokenUsage usage, string? error, DateTimeOffset startedAt, long started) =>
        new(step.Index, step.Agent, status, output, usage, error, startedAt, _stamp.Time.GetElapsedTime(started));

    private void Publish(SwarmEvent evt) => _sink?.Invoke(_stamp.Restamp(evt));
}

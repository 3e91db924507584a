using System.Threading.Channels;
using Swarms.Agents.Streaming;

namespace Swarms.Agents.Workflows;

/// <summary>
/// Runs workflow steps on in-process <see cref="Agent"/>s: streams each agent under the run's shared
/// <see cref="EventStamp"/>, writes every event into the run's channel, and turns a failure into a
/// <see cref="AgentStepStatus.Failed"/> result so the other agents go on. One instance serves one run.
/// </summary>
/// <remarks>
/// With <see cref="WorkflowErrorPolicy.CancelRest"/> the first failure cancels the agents still running; they
/// report <see cref="AgentStepStatus.Cancelled"/>. Cancelling the token given to <see cref="InvokeAsync"/> cancels the
/// whole run and surfaces as <see cref="OperationCanceledException"/>.
/// </remarks>
internal sealed class InProcessAgentInvoker : IAgentInvoker, IDisposable
{
    /// <summary>The error an agent reports when it was stopped because another agent failed.</summary>
    public const string CancelledByFailure = "Cancelled: another agent failed.";

    private readonly IReadOnlyList<Agent> _agents;
    private readonly EventStamp _stamp;
    private readonly ChannelWriter<SwarmEvent> _events;
    private readonly WorkflowErrorPolicy _onError;
    private readonly bool _concurrent;
    private readonly CancellationTokenSource _cancelRest = new();

    public InProcessAgentInvoker(IReadOnlyList<Agent> agents, EventStamp stamp, ChannelWriter<SwarmEvent> events, WorkflowPlan plan)
    {
        _agents = agents;
        _stamp = stamp;
        _events = events;
        _onError = plan.OnError;
        _concurrent = plan.Kind == WorkflowKind.Concurrent;
    }

    /// <inheritdoc />
    public async Task<AgentStepResult> InvokeAsync(AgentStep agentStep, CancellationToken cancellationToken)
    {
        if (_concurrent)
        {
            // Return to the workflow logic at once, so the next agent of a concurrent step starts now, not when this
            // one's first await comes (a model that streams synchronously would otherwise run every agent in turn).
            await Task.Yield();
        }

        var step = agentStep;
        var agent = _agents[step.Index];
        var time = _stamp.Time;
        var startedAt = time.GetUtcNow();
        long started = time.GetTimestamp();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancelRest.Token);
        AgentCompleted? completed = null;
        try
        {
            await foreach (var evt in agent.RunStreamingCoreAsync(step.Input, _stamp, agent.Options.UserInput, linked.Token).ConfigureAwait(false))
            {
                // Straight after the agent stamped it: the run's reader waits for every number it handed out.
                _events.TryWrite(evt);
                completed = evt as AgentCompleted ?? completed;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && _cancelRest.IsCancellationRequested)
        {
            _events.TryWrite(_stamp.AgentFailed(agent.Name, 1, CancelledByFailure, false));
            return Result(step, AgentStepStatus.Cancelled, "", TokenUsage.Zero, CancelledByFailure, startedAt, started);
        }
        catch (AgentRunException ex)
        {
            // The agent has already reported its AgentFailed event.
            return Fail(step, ex.Message, startedAt, started);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _events.TryWrite(_stamp.AgentFailed(agent.Name, 1, ex.Message, false));
            return Fail(step, $"Agent '{agent.Name}' failed: {ex.Message}", startedAt, started);
        }

        return Result(step, AgentStepStatus.Completed, completed?.Output ?? "", completed?.Usage ?? TokenUsage.Zero, null, startedAt, started,
            completed?.FinishReason);
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
        AgentStep step, AgentStepStatus status, string output, TokenUsage usage, string? error, DateTimeOffset startedAt, long started,
        string? finishReason = null) =>
        new(step.Index, step.Agent, status, output, usage, error, startedAt, _stamp.Time.GetElapsedTime(started)) { FinishReason = finishReason };
}

using Microsoft.Extensions.Logging;
using Swarms.Agents;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;
using Swarms.Orchestration.DependencyInjection;
using Swarms.Orchestration.Publishing;
using Swarms.Orchestration.RunLog;

namespace Swarms.Orchestration.Activities;

/// <summary>
/// The work of one agent turn, for any host: the local worker runs it as <see cref="AgentTurnActivity"/>, the Azure
/// Functions app from an <c>[ActivityTrigger]</c> function (<c>runner.RunAsync(input, context.CancellationToken)</c>).
/// Builds the agent from its definition and the configured model, streams it into the run log and the live
/// publishers, and returns its answer.
/// </summary>
/// <remarks>
/// <para>
/// <b>At least once.</b> A turn runs again when its activity is re-executed (a crash, a re-delivery). It then reads the
/// run log first: if an earlier execution completed the turn, its answer is returned and the model is not called;
/// otherwise the model is called with the next attempt number (the highest attempt logged for this agent and loop,
/// plus one), whose <see cref="AgentStarted"/> tells clients to replace the agent's partial text.
/// </para>
/// <para>
/// <b>Failures.</b> Model faults are retried inside the turn, as <see cref="Agent"/> does everywhere (each attempt an
/// event); when the model fails for good the turn returns a <see cref="AgentStepStatus.Failed"/> result rather than
/// throw, so one failing agent does not fail the orchestration. It throws only when its events cannot be logged or it
/// is cancelled: the orchestrator then runs it again.
/// </para>
/// </remarks>
public sealed class AgentTurnRunner
{
    private readonly AgentFactory _agents;
    private readonly RunEventOutlet _outlet;
    private readonly CoalescingOptions _coalescing;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the runner (dependency injection does this).</summary>
    internal AgentTurnRunner(AgentFactory agents, RunEventOutlet outlet, SwarmsOrchestrationOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _agents = agents;
        _outlet = outlet;
        _coalescing = options.Coalescing();
        _time = timeProvider;
        _logger = loggerFactory.CreateLogger<AgentTurnRunner>();
    }

    /// <summary>Runs the turn and returns its result.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<AgentTurnResult> RunAsync(AgentTurnRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.RunId, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Agent, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Input, nameof(request));
        var name = request.Agent.Name;
        // Every log of the turn (the agent's, the model client's) carries the run and the agent; the span is the
        // parent of the model calls.
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["RunId"] = request.RunId, ["Agent"] = name });
        using var activity = SwarmsTelemetry.StartTurn(request.RunId, name, request.Turn);
        try
        {
            var result = await RunTurnAsync(request, cancellationToken).ConfigureAwait(false);
            SwarmsTelemetry.EndTurn(activity, name, result, result.FromLog ? "from-log" : result.Status == AgentStepStatus.Failed ? "failed" : "completed");
            return result;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    private async Task<AgentTurnResult> RunTurnAsync(AgentTurnRequest request, CancellationToken cancellationToken)
    {
        var name = request.Agent.Name;
        var turn = await _outlet.Log.GetTurnAsync(request.RunId, name, request.Turn, cancellationToken).ConfigureAwait(false);
        if (turn.Completed is { } done)
        {
            _logger.TurnFromLog(request.RunId, name, request.Turn, done.Attempt);
            return new AgentTurnResult(request.Index, name, AgentStepStatus.Completed, done.Output, done.Usage, null)
            {
                FinishReason = done.FinishReason, Model = done.Model, Attempt = done.Attempt, StartedAt = turn.StartedAt,
                Elapsed = turn.StartedAt is { } s ? done.Timestamp - s : TimeSpan.Zero, FromLog = true,
            };
        }

        int firstAttempt = turn.LastAttempt + 1;
        if (firstAttempt > 1)
        {
            _logger.TurnAgain(request.RunId, name, request.Turn, firstAttempt);
        }

        var startedAt = turn.StartedAt ?? _time.GetUtcNow();
        long started = _time.GetTimestamp();
        var writer = new RunEventWriter(_outlet, request.RunId, request.Turn, _coalescing, _time);
        Agent agent;
        try
        {
            agent = _agents.Create(request.Agent);
        }
        catch (ArgumentException ex)
        {
            // A definition the agent refuses (checked again here: the request may not come from a validated file).
            var error = $"Agent '{name}' cannot run: {ex.Message}";
            await writer.OnEventAsync(new AgentFailed(name, firstAttempt, error, false) { RunId = request.RunId, Timestamp = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            await writer.OnCompletedAsync(ex, CancellationToken.None).ConfigureAwait(false);
            return Failed(request, error, firstAttempt, startedAt, started);
        }

        var run = new AgentRunOptions { RunId = request.RunId, FirstAttempt = firstAttempt, Sequence = new EventSequence() };
        try
        {
            var last = await agent.RunStreamingAsync(request.Input, run, cancellationToken).DispatchAsync([writer], cancellationToken).ConfigureAwait(false);
            var completed = last as AgentCompleted;
            return new AgentTurnResult(request.Index, name, AgentStepStatus.Completed, completed?.Output ?? "", completed?.Usage ?? TokenUsage.Zero, null)
            {
                FinishReason = completed?.FinishReason, Model = completed?.Model, Attempt = completed?.Attempt ?? firstAttempt,
                StartedAt = startedAt, Elapsed = _time.GetElapsedTime(started),
            };
        }
        catch (AgentRunException ex)
        {
            // The agent logged its AgentFailed { willRetry: false }; the run decides what a failed agent means.
            return Failed(request, ex.Message, ex.Attempts + firstAttempt - 1, startedAt, started);
        }
    }

    private AgentTurnResult Failed(AgentTurnRequest request, string error, int attempt, DateTimeOffset startedAt, long started) =>
        new(request.Index, request.Agent.Name, AgentStepStatus.Failed, "", TokenUsage.Zero, error)
        {
            Attempt = attempt, StartedAt = startedAt, Elapsed = _time.GetElapsedTime(started),
        };
}

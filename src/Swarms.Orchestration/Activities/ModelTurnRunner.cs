using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Swarms.Agents;
using Swarms.Agents.Models;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tools;
using Swarms.Agents.Tools.Mcp;
using Swarms.Agents.Workflows;
using Swarms.Orchestration.DependencyInjection;
using Swarms.Orchestration.Publishing;
using Swarms.Orchestration.RunLog;
using Swarms.Orchestration.Tools;

namespace Swarms.Orchestration.Activities;

/// <summary>
/// The work of one model turn of a durable agent that has tools, for any host (<see cref="ModelTurnActivity"/>): the
/// model is called once with the conversation the orchestrator sends (retried inside the turn like any model call),
/// its text streams into the run log and the live publishers, and the tool calls it asks for are returned, not run
/// (each runs as its own <see cref="ToolCallActivity"/>, which logs its <see cref="ToolCall"/>). A turn without tool
/// calls in the agent's last loop completes the agent: it logs the <see cref="AgentCompleted"/>.
/// </summary>
/// <remarks>
/// <b>Attempts.</b> The step's first turn starts a new attempt (the highest attempt logged for the agent and workflow
/// loop, plus one; an <see cref="AgentStarted"/>), as <see cref="AgentTurnRunner"/> does. A later turn continues the
/// attempt of the turn before it, unless an earlier execution of this very turn logged events (it was cut off mid-stream):
/// then it starts a new attempt, whose <see cref="AgentStarted"/> tells clients to drop the agent's partial text, and
/// re-sends the answer text of the turns already done. If the step's <see cref="AgentCompleted"/> is already logged, the
/// answer comes from the log and the model is not called.
/// </remarks>
public sealed class ModelTurnRunner
{
    private readonly AgentFactory _agents;
    private readonly RunEventOutlet _outlet;
    private readonly CoalescingOptions _coalescing;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;

    /// <summary>Creates the runner (dependency injection does this).</summary>
    internal ModelTurnRunner(AgentFactory agents, RunEventOutlet outlet, SwarmsOrchestrationOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _loggers = loggerFactory;
        _agents = agents;
        _outlet = outlet;
        _coalescing = options.Coalescing();
        _time = timeProvider;
        _logger = _loggers.CreateLogger<ModelTurnRunner>();
    }

    /// <summary>Runs the turn and returns its result.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ModelTurnResult> RunAsync(ModelTurnRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.RunId, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Agent, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Conversation, nameof(request));
        var name = request.Agent.Name;
        var state = await _outlet.Log.GetTurnAsync(request.RunId, name, request.Turn, cancellationToken).ConfigureAwait(false);
        if (state.Completed is { } done)
        {
            _logger.TurnFromLog(request.RunId, name, request.Turn, done.Attempt);
            return new ModelTurnResult(AgentStepStatus.Completed, "", [])
            {
                Answer = done.Output, Final = true, FromLog = true, Usage = done.Usage, FinishReason = done.FinishReason, Model = done.Model,
                Attempt = done.Attempt, StartedAt = state.StartedAt ?? request.StartedAt,
                Elapsed = (state.StartedAt ?? request.StartedAt) is { } s ? done.Timestamp - s : TimeSpan.Zero, LastSeq = Math.Max(request.AfterSeq, done.Seq),
            };
        }

        bool stepStart = request.AgentLoop == 1 && request.Round == 0;
        bool cutOff = !stepStart && await LoggedSinceAsync(request, cancellationToken).ConfigureAwait(false);
        int attempt = stepStart || cutOff ? state.LastAttempt + 1 : Math.Max(1, request.Attempt);
        if (cutOff)
        {
            _logger.ModelTurnAgain(request.RunId, name, request.Turn, request.Round, attempt);
        }

        var startedAt = request.StartedAt ?? state.StartedAt ?? _time.GetUtcNow();
        var stamp = new EventStamp(request.RunId, new EventSequence(), _time);
        var writer = new RunEventWriter(_outlet, request.RunId, request.Turn, _coalescing, _time);
        ModelTurnResult result;
        try
        {
            result = await RunCoreAsync(request, stamp, writer, attempt, announce: stepStart || cutOff || request.Round == 0, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Every event taken is logged before the activity ends, even when it is being stopped.
            await writer.OnCompletedAsync(null, CancellationToken.None).ConfigureAwait(false);
        }

        return result with
        {
            StartedAt = startedAt, Elapsed = _time.GetUtcNow() - startedAt, LastSeq = Math.Max(request.AfterSeq, writer.LastSeq),
        };
    }

    private async Task<ModelTurnResult> RunCoreAsync(
        ModelTurnRequest request, EventStamp stamp, RunEventWriter writer, int attempt, bool announce, CancellationToken cancellationToken)
    {
        var name = request.Agent.Name;
        var kept = request.KeptText;
        if (announce)
        {
            await StartAttemptAsync(writer, stamp, request, attempt, cancellationToken).ConfigureAwait(false);
        }

        DurableAgentTools tools;
        try
        {
            tools = await DurableAgentTools.CreateAsync(_agents, request.Agent, _loggers, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is McpServerException or ArgumentException or KeyNotFoundException)
        {
            // Reported like any failed agent: the step fails for good, naming the tool or server.
            var error = $"Agent '{name}' cannot run: {ex.Message}";
            await writer.OnEventAsync(stamp.AgentFailed(name, attempt, error, false), cancellationToken).ConfigureAwait(false);
            return Failed(error, attempt);
        }

        await using (tools.ConfigureAwait(false))
        {
            var agent = tools.Agent;
            for (int tries = 1; ; tries++, attempt++)
            {
                if (tries > 1)
                {
                    await StartAttemptAsync(writer, stamp, request, attempt, cancellationToken).ConfigureAwait(false);
                }

                var turn = new ModelTurn(DurableMessage.ToChatMessages(request.Conversation)) { OfferTools = request.OfferTools };
                var calls = new Dictionary<string, ToolCall>(StringComparer.Ordinal);
                bool separatorPending = NeedsSeparator(kept);
                Exception? failure = null;
                try
                {
                    await foreach (var evt in agent.RunModelTurnAsync(turn, stamp, attempt, cancellationToken).ConfigureAwait(false))
                    {
                        if (evt is ToolCall call)
                        {
                            // Logged by the call's own activity, just before the tool runs: a turn cut off here leaves no call behind.
                            calls[call.CallId] = call;
                            continue;
                        }

                        if (separatorPending && evt is TextDelta)
                        {
                            // A turn after tool results continues the answer on a new paragraph (as in process).
                            separatorPending = false;
                            await writer.OnEventAsync(stamp.TextDelta(name, attempt, "\n\n"), cancellationToken).ConfigureAwait(false);
                        }

                        await writer.OnEventAsync(evt, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = ex;
                }

                if (failure is null)
                {
                    return await CompleteAsync(request, stamp, writer, attempt, turn, calls, cancellationToken).ConfigureAwait(false);
                }

                var options = agent.Options;
                bool willRetry = tries <= options.RetryAttempts && ModelFailures.IsTransient(failure);
                await writer.OnEventAsync(stamp.AgentFailed(name, attempt, ModelFailures.Describe(failure), willRetry), cancellationToken).ConfigureAwait(false);
                if (!willRetry)
                {
                    return Failed(new AgentRunException(name, agent.ConfiguredModel, tries, failure).Message, attempt);
                }

                await Task.Delay(ModelFailures.Backoff(failure, tries, options.RetryDelay, options.MaxRetryDelay), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The turn's answer or tool calls; the agent's <see cref="AgentCompleted"/> when the turn ends its last loop.</summary>
    private static async Task<ModelTurnResult> CompleteAsync(
        ModelTurnRequest request, EventStamp stamp, RunEventWriter writer, int attempt, ModelTurn turn, Dictionary<string, ToolCall> events,
        CancellationToken cancellationToken)
    {
        var name = request.Agent.Name;
        var kept = request.KeptText;
        var answer = turn.Text.Length > 0 && NeedsSeparator(kept) ? kept + "\n\n" + turn.Text : kept + turn.Text;
        var calls = turn.ToolCalls
            .Select(c => events.TryGetValue(c.CallId, out var e)
                ? new DurableToolCall(c.CallId, c.Name, e.Arguments) { ArgumentsError = e.ArgumentsError }
                : new DurableToolCall(c.CallId, c.Name, "{}"))
            .ToList();
        var result = new ModelTurnResult(AgentStepStatus.Completed, turn.Text, calls)
        {
            Answer = answer, Usage = turn.Usage, FinishReason = turn.FinishReason, Model = turn.Model, Attempt = attempt,
        };
        if (calls.Count > 0 && request.OfferTools)
        {
            return result;
        }

        foreach (var call in calls)
        {
            // Asked for after the last tool round allowed (tools were not offered): shown, and not run.
            var why = $"not run: the agent's limit of {request.Agent.MaxToolIterations ?? AgentOptions.DefaultMaxToolIterations} tool round(s) per loop was reached";
            await writer.OnEventAsync(stamp.ToolCall(name, call.CallId, call.Name, call.Arguments, call.ArgumentsError), cancellationToken).ConfigureAwait(false);
            await writer.OnEventAsync(stamp.ToolResult(name, call.CallId, call.Name, why, isError: true, error: why), cancellationToken).ConfigureAwait(false);
        }

        result = result with { ToolCalls = [] };
        if (!request.LastLoop)
        {
            return result;
        }

        await writer.OnEventAsync(stamp.AgentCompleted(name, attempt, answer, request.Usage + turn.Usage, turn.FinishReason, turn.Model), cancellationToken).ConfigureAwait(false);
        return result with { Final = true };
    }

    /// <summary>A new attempt (or the agent loop's start): its <see cref="AgentStarted"/>, then the answer text of the turns already done.</summary>
    private static async Task StartAttemptAsync(RunEventWriter writer, EventStamp stamp, ModelTurnRequest request, int attempt, CancellationToken cancellationToken)
    {
        var name = request.Agent.Name;
        await writer.OnEventAsync(stamp.AgentStarted(name, request.AgentLoop, attempt), cancellationToken).ConfigureAwait(false);
        if (request.KeptText.Length > 0)
        {
            await writer.OnEventAsync(stamp.TextDelta(name, attempt, request.KeptText), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when events of this agent were logged after the step's earlier activities: an earlier execution of this turn.</summary>
    private async Task<bool> LoggedSinceAsync(ModelTurnRequest request, CancellationToken cancellationToken)
    {
        const int Page = 1000;
        long after = request.AfterSeq;
        while (true)
        {
            var events = await _outlet.Log.ReadAsync(request.RunId, after, Page, cancellationToken).ConfigureAwait(false);
            if (events.Any(e => e is TextDelta or ReasoningDelta or AgentStarted or AgentFailed && ((AgentEvent)e).Agent == request.Agent.Name))
            {
                return true;
            }

            if (events.Count < Page)
            {
                return false;
            }

            after = events[^1].Seq;
        }
    }

    private static ModelTurnResult Failed(string error, int attempt) =>
        new(AgentStepStatus.Failed, "", []) { Error = error, Final = true, Attempt = attempt };

    private static bool NeedsSeparator(string text) => text.Length > 0 && !text.EndsWith('\n');
}

using System.Text.Json;
using Microsoft.Extensions.Logging;
using Swarms.Agents;
using Swarms.Agents.Streaming;
using Swarms.Agents.Tools;
using Swarms.Agents.Tools.Mcp;
using Swarms.Orchestration.Publishing;
using Swarms.Orchestration.RunLog;
using Swarms.Orchestration.Tools;

namespace Swarms.Orchestration.Activities;

/// <summary>
/// The work of one tool call of a durable agent, for any host (<see cref="ToolCallActivity"/>): logs the
/// <see cref="ToolCall"/>, runs the tool, logs the <see cref="ToolResult"/> and returns it.
/// </summary>
/// <remarks>
/// <para>
/// <b>A completed tool call is never run again.</b> The call's <see cref="ToolCall"/> is logged once per run (keyed by
/// agent, workflow loop, agent loop, round and position) just before the tool runs, and its <see cref="ToolResult"/> once
/// when it returns. An activity that runs again (its worker crashed, the activity was delivered again) finds its
/// <see cref="ToolCall"/> already logged: if the result is logged too, that result is returned and the tool is not run.
/// </para>
/// <para>
/// <b>Interrupted calls and the safe-to-repeat rule.</b> A call whose <see cref="ToolCall"/> is logged but not its result
/// was cut off while the tool ran: it may or may not have had its effect. A tool that declared itself safe to repeat
/// (<see cref="SafeToRepeatAttribute"/>, <see cref="ToolExtensions.AsSafeToRepeat"/>, MCP <c>readOnlyHint</c> /
/// <c>idempotentHint</c>) is run again. Any other tool is not: the model is given an error result saying the call was
/// interrupted and may or may not have taken effect, so it can check before calling again.
/// </para>
/// </remarks>
public sealed class ToolCallRunner
{
    /// <summary>What the model is told about an interrupted call of a tool that is not safe to repeat.</summary>
    internal static string InterruptedText(string tool) =>
        $"Error: the call of the tool '{tool}' was interrupted (the process running it stopped) and may or may not have taken effect. " +
        "It was not run again, because the tool is not declared safe to repeat. Check its effect before calling it again.";

    private readonly AgentFactory _agents;
    private readonly RunEventOutlet _outlet;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;

    /// <summary>Creates the runner (dependency injection does this).</summary>
    internal ToolCallRunner(AgentFactory agents, RunEventOutlet outlet, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _loggers = loggerFactory;
        _agents = agents;
        _outlet = outlet;
        _time = timeProvider;
        _logger = _loggers.CreateLogger<ToolCallRunner>();
    }

    /// <summary>Runs the call (unless an earlier execution completed it) and returns its result.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ToolCallResult> RunAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.RunId, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Agent, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Call, nameof(request));
        var call = request.Call;
        var agent = request.Agent.Name;
        var key = request.LogKey();
        var stamp = new EventStamp(request.RunId, new EventSequence(), _time);
        long lastSeq = request.AfterSeq;

        var logged = await AppendAsync(request, stamp.ToolCall(agent, call.CallId, call.Name, call.Arguments, call.ArgumentsError), "tool-call:" + key, cancellationToken).ConfigureAwait(false);
        bool again = logged.Count == 0;
        if (again)
        {
            // An earlier execution logged the call: it completed (its result is logged) or was cut off while the tool ran.
            if (await FindResultAsync(request, cancellationToken).ConfigureAwait(false) is { } done)
            {
                _logger.ToolCallFromLog(request.RunId, agent, call.Name, call.CallId);
                return new ToolCallResult(new DurableToolResult(call.CallId, call.Name, done.Result, done.IsError)) { Outcome = "from-log", LastSeq = done.Seq };
            }
        }
        else
        {
            lastSeq = logged[^1].Seq;
        }

        var (result, outcome) = await InvokeAsync(request, again, cancellationToken).ConfigureAwait(false);
        logged = await AppendAsync(request, stamp.ToolResult(agent, call.CallId, call.Name, result.Result, result.IsError, result.Error), "tool-result:" + key, cancellationToken).ConfigureAwait(false);
        if (logged.Count == 0 && await FindResultAsync(request, cancellationToken).ConfigureAwait(false) is { } raced)
        {
            // Another execution of this activity logged its result first: that is the result the run keeps.
            return new ToolCallResult(new DurableToolResult(call.CallId, call.Name, raced.Result, raced.IsError)) { Outcome = "from-log", LastSeq = raced.Seq };
        }

        return new ToolCallResult(new DurableToolResult(call.CallId, call.Name, result.Result, result.IsError))
        {
            Outcome = outcome, LastSeq = logged.Count > 0 ? logged[^1].Seq : lastSeq,
        };
    }

    private async Task<(ToolInvocationResult Result, string Outcome)> InvokeAsync(ToolCallRequest request, bool again, CancellationToken cancellationToken)
    {
        var call = request.Call;
        if (call.ArgumentsError is not null)
        {
            Exception parseFailure;
            try
            {
                using var _ = JsonDocument.Parse(call.Arguments);
                parseFailure = new JsonException(call.ArgumentsError);
            }
            catch (JsonException ex)
            {
                parseFailure = ex;
            }

            return (ToolInvoker.InvalidArguments(call.Name, call.Arguments, parseFailure), "not-run");
        }

        DurableAgentTools tools;
        try
        {
            tools = await DurableAgentTools.CreateAsync(_agents, request.Agent, _loggers, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is McpServerException or ArgumentException or KeyNotFoundException)
        {
            var why = $"Error: the tool '{call.Name}' could not be run: {ex.Message}";
            return (new ToolInvocationResult(why, true, ex.Message), "not-run");
        }

        await using (tools.ConfigureAwait(false))
        {
            if (tools.Find(call.Name) is not { } tool)
            {
                var why = $"Error: there is no tool named '{call.Name}'. Use one of: {string.Join(", ", tools.Agent.Options.Tools.Select(t => t.Name))}.";
                return (new ToolInvocationResult(why, true, $"not run: the agent has no tool '{call.Name}'"), "not-run");
            }

            if (again && !tool.IsSafeToRepeat())
            {
                _logger.ToolCallInterrupted(request.RunId, request.Agent.Name, call.Name, call.CallId);
                return (new ToolInvocationResult(
                    InterruptedText(call.Name), true,
                    "interrupted while it ran; not safe to repeat, so not run again"), "not-run-again");
            }

            var result = await tools.Agent.InvokeToolAsync(call.Name, call.Arguments, cancellationToken).ConfigureAwait(false);
            return (result, again ? "ran-again" : "ran");
        }
    }

    private Task<IReadOnlyList<SwarmEvent>> AppendAsync(ToolCallRequest request, SwarmEvent evt, string key, CancellationToken cancellationToken) =>
        _outlet.AppendAsync(new RunLogBatch(request.RunId, [evt]) { Turn = request.Turn, IdempotencyKey = key }, cancellationToken);

    /// <summary>
    /// The result an earlier execution logged for this call: the <see cref="ToolResult"/> of the agent and call id after
    /// the call's <see cref="ToolCall"/> (the orchestrator runs an agent's calls one at a time, so the last such call is this one).
    /// </summary>
    private async Task<ToolResult?> FindResultAsync(ToolCallRequest request, CancellationToken cancellationToken)
    {
        const int Page = 1000;
        var agent = request.Agent.Name;
        var callId = request.Call.CallId;
        ToolResult? found = null;
        long after = request.AfterSeq;
        while (true)
        {
            var events = await _outlet.Log.ReadAsync(request.RunId, after, Page, cancellationToken).ConfigureAwait(false);
            foreach (var evt in events)
            {
                switch (evt)
                {
                    case ToolCall c when c.Agent == agent && c.CallId == callId:
                        found = null;
                        break;
                    case ToolResult r when r.Agent == agent && r.CallId == callId:
                        found = r;
                        break;
                }
            }

            if (events.Count < Page)
            {
                return found;
            }

            after = events[^1].Seq;
        }
    }
}

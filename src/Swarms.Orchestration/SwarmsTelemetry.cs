using System.Diagnostics;
using System.Diagnostics.Metrics;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;

namespace Swarms.Orchestration;

/// <summary>
/// The orchestrations' own telemetry, on the <c>Swarms.Orchestration</c> activity source and meter. A run is one trace
/// whose id is derived from the run id (<see cref="RunContext"/>), so its spans from any process, before and after a
/// crash, land in the same trace: a span per agent turn (<c>invoke_agent {agent}</c>, GenAI agent conventions, with
/// the run id, attempt and the turn's token usage and finish reason; the model calls are its children, from the chat
/// client's instrumentation) and, when the run ends, a <c>swarm_run {swarm}</c> span from its start to its end. Metrics:
/// turns by outcome, their duration and tokens; runs finished by status and their duration. Hosts subscribe with
/// <c>AddSource("Swarms.*")</c> / <c>AddMeter("Swarms.*")</c>.
/// </summary>
public static class SwarmsTelemetry
{
    /// <summary>The name of the activity source and meter.</summary>
    public const string Name = "Swarms.Orchestration";

    /// <summary>The run id attribute.</summary>
    public const string RunIdTag = "swarms.run.id";

    /// <summary>The attempt attribute (1 the first; a turn re-run after a crash is attempt 2).</summary>
    public const string AttemptTag = "swarms.agent.attempt";

    internal static ActivitySource Source { get; } = new(Name);

    internal static Meter Meter { get; } = new(Name);

    internal static Counter<long> Turns { get; } = Meter.CreateCounter<long>("swarms.agent.turns", "{turn}", "Agent turns by outcome (completed, failed, from-log)");

    internal static Histogram<double> TurnDuration { get; } = Meter.CreateHistogram<double>("swarms.agent.turn.duration", "s", "Duration of agent turns");

    internal static Counter<long> Tokens { get; } = Meter.CreateCounter<long>("swarms.agent.tokens", "{token}", "Tokens of agent turns, by gen_ai.token.type (input, output)");

    internal static Counter<long> Runs { get; } = Meter.CreateCounter<long>("swarms.runs.finished", "{run}", "Runs finished, by swarms.run.status (completed, failed)");

    internal static Histogram<double> RunDuration { get; } = Meter.CreateHistogram<double>("swarms.run.duration", "s", "Duration of runs from start to end");

    /// <summary>
    /// The parent of every span of run <paramref name="runId"/>: trace id and span id derived from the run id (SHA-256),
    /// the same in every process. The span id stands for the run as a whole.
    /// </summary>
    public static ActivityContext RunContext(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(runId), hash);
        return new ActivityContext(ActivityTraceId.CreateFromBytes(hash[..16]), ActivitySpanId.CreateFromBytes(hash.Slice(16, 8)), ActivityTraceFlags.Recorded, isRemote: true);
    }

    /// <summary>Starts the span of an agent turn in its run's trace (null when nobody listens).</summary>
    internal static Activity? StartTurn(string runId, string agent, int turn)
    {
        // The host's current span (the durable activity's, if any) is linked, not the parent: the run's trace is.
        var links = Activity.Current is { } current ? new[] { new ActivityLink(current.Context) } : null;
        var activity = Source.StartActivity($"invoke_agent {agent}", ActivityKind.Internal, RunContext(runId), links: links);
        if (activity is not null)
        {
            activity.SetTag("gen_ai.operation.name", "invoke_agent");
            activity.SetTag("gen_ai.agent.name", agent);
            activity.SetTag(RunIdTag, runId);
            activity.SetTag("swarms.agent.turn", turn);
        }

        return activity;
    }

    /// <summary>Records a finished turn on its span and in the metrics.</summary>
    internal static void EndTurn(Activity? activity, string agent, Activities.AgentTurnResult result, string outcome)
    {
        var agentTag = new KeyValuePair<string, object?>("gen_ai.agent.name", agent);
        Turns.Add(1, agentTag, new KeyValuePair<string, object?>("swarms.outcome", outcome));
        TurnDuration.Record(result.Elapsed.TotalSeconds, agentTag, new KeyValuePair<string, object?>("swarms.outcome", outcome));
        if (result.Usage.InputTokens > 0 || result.Usage.OutputTokens > 0)
        {
            Tokens.Add(result.Usage.InputTokens, agentTag, new KeyValuePair<string, object?>("gen_ai.token.type", "input"));
            Tokens.Add(result.Usage.OutputTokens, agentTag, new KeyValuePair<string, object?>("gen_ai.token.type", "output"));
        }

        if (activity is null)
        {
            return;
        }

        activity.SetTag(AttemptTag, result.Attempt);
        activity.SetTag("swarms.outcome", outcome);
        activity.SetTag("gen_ai.usage.input_tokens", result.Usage.InputTokens);
        activity.SetTag("gen_ai.usage.output_tokens", result.Usage.OutputTokens);
        if (result.Model is { } model)
        {
            activity.SetTag("gen_ai.response.model", model);
        }

        if (result.FinishReason is { } reason)
        {
            activity.SetTag("gen_ai.response.finish_reasons", new[] { reason });
        }

        if (result.Status == AgentStepStatus.Failed)
        {
            activity.SetStatus(ActivityStatusCode.Error, result.Error);
        }
    }

    /// <summary>The run's span (from <paramref name="started"/>'s time to the end event's) and metrics.</summary>
    internal static void RecordRun(SwarmEvent end, RunStarted? started)
    {
        var (status, usage, error) = end switch
        {
            RunCompleted c => ("completed", c.Usage, (string?)null),
            RunFailed f => ("failed", f.Usage, f.Error),
            _ => ("unknown", TokenUsage.Zero, null),
        };
        var swarm = started?.Workflow ?? "swarm";
        var duration = started is null ? TimeSpan.Zero : end.Timestamp - started.Timestamp;
        var statusTag = new KeyValuePair<string, object?>("swarms.run.status", status);
        var swarmTag = new KeyValuePair<string, object?>("swarms.swarm", swarm);
        Runs.Add(1, statusTag, swarmTag);
        RunDuration.Record(Math.Max(0, duration.TotalSeconds), statusTag, swarmTag);
        using var activity = Source.StartActivity($"swarm_run {swarm}", ActivityKind.Internal, RunContext(end.RunId!), startTime: started?.Timestamp ?? end.Timestamp);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("gen_ai.operation.name", "invoke_workflow");
        activity.SetTag(RunIdTag, end.RunId);
        activity.SetTag("swarms.swarm", swarm);
        activity.SetTag("swarms.run.status", status);
        activity.SetTag("swarms.run.agents", started?.Agents.Count ?? 0);
        activity.SetTag("gen_ai.usage.input_tokens", usage.InputTokens);
        activity.SetTag("gen_ai.usage.output_tokens", usage.OutputTokens);
        if (error is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error);
        }

        activity.SetEndTime(end.Timestamp.UtcDateTime);
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Swarms.Api.Telemetry;

/// <summary>
/// The app's own telemetry: the <c>Swarms.Api</c> activity source and meter (runs started by source, queue messages
/// by outcome). Model calls, agent turns and orchestration steps have their own sources (Microsoft.Extensions.AI's
/// <c>UseOpenTelemetry</c>, the orchestrations, DurableTask.Core); a host subscribes to all of them.
/// </summary>
public static class ApiTelemetry
{
    /// <summary>The name of the activity source and meter.</summary>
    public const string Name = "Swarms.Api";

    /// <summary>The activity source.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>The meter.</summary>
    public static Meter Meter { get; } = new(Name);

    /// <summary>Runs started, tagged with <c>swarms.run.source</c> (http, queue) and <c>swarms.swarm</c>.</summary>
    public static Counter<long> RunsStarted { get; } = Meter.CreateCounter<long>("swarms.runs.started", "{run}", "Swarm runs started");

    /// <summary>Queue messages handled, tagged with <c>swarms.queue.outcome</c> (started, duplicate, poisoned, retried).</summary>
    public static Counter<long> QueueMessages { get; } = Meter.CreateCounter<long>("swarms.queue.messages", "{message}", "Queue messages handled");
}

using Swarms.Agents.Streaming;

namespace Swarms.Orchestration.Publishing;

/// <summary>
/// Hands a run's events to live clients as soon as they are logged: the CLI's dashboard (in process), SignalR (the
/// app), anything that shows a run while it runs. Register with <c>AddSwarmsOrchestration(...).AddPublisher&lt;T&gt;()</c>.
/// </summary>
/// <remarks>
/// <para>
/// Each call carries one batch of one run's events, already numbered by the run log and coalesced (text deltas of about
/// 50 ms or 4 KB each), in sequence order within the batch. Batches of one agent turn arrive in order; batches of agents
/// running at once, in different activities or processes, may interleave, so a client orders and de-duplicates by
/// <see cref="SwarmEvent.Seq"/>. An event a publisher drops is still in the run log.
/// </para>
/// <para>
/// Called from the activity's flushing loop, never from the model stream: a slow publisher delays the log, not the
/// tokens. Return quickly (buffer and send in the background when the target is remote). A publisher that throws is
/// logged and skipped; the run goes on.
/// </para>
/// </remarks>
public interface IRunEventPublisher
{
    /// <summary>Publishes logged events of run <paramref name="runId"/>.</summary>
    ValueTask PublishAsync(string runId, IReadOnlyList<SwarmEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// <see langword="true"/> for a publisher to remote clients (SignalR): the batches of all agents of a run that are
    /// logged at the same time reach it merged into one call, in sequence order, from one process-wide loop, instead of
    /// one call per agent batch. <see langword="false"/> (the default): each batch is handed over as soon as it is logged,
    /// from the activity's flushing loop.
    /// </summary>
    bool BatchesPerRun => false;
}

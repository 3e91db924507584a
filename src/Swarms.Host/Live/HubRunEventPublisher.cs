using Microsoft.AspNetCore.SignalR;
using Swarms.Agents.Streaming;
using Swarms.Api.Live;
using Swarms.Orchestration.Publishing;

namespace Swarms.Host.Live;

/// <summary>
/// Sends each logged batch of a run's events to the run's group as <c>events(array)</c>, through the hub context: to
/// the in-process hub's connections, or through Azure SignalR Service in app-server mode. Batches come coalesced from
/// the process-wide batcher (the batches of all agents of a run logged at once merged into one message, never one
/// per token) in sequence order; a client that misses one reads it from the run log when it subscribes again.
/// </summary>
internal sealed class HubRunEventPublisher(IHubContext<SwarmsHub> hub) : IRunEventPublisher
{
    public ValueTask PublishAsync(string runId, IReadOnlyList<SwarmEvent> events, CancellationToken cancellationToken) =>
        new(hub.Clients.Group(RunGroups.Of(runId)).SendAsync(RunGroups.EventsTarget, events, cancellationToken));

    /// <summary>One message per run per window, the batches of all its agents merged (never one per agent).</summary>
#pragma warning disable CA1822 // implements IRunEventPublisher.BatchesPerRun
    public bool BatchesPerRun => true;
#pragma warning restore CA1822
}

using Swarms.Agents.Streaming;
using Swarms.Api.Live;
using Swarms.Orchestration.Publishing;
using Swarms.SignalR;

namespace Swarms.Functions.Live;

/// <summary>
/// Publishes each logged batch of a run's events to its group through the Azure SignalR Service REST API
/// (<c>POST .../groups/{group}/:send</c>, target <c>events</c>): queued at once, sent in the background with retries,
/// in order per group (<see cref="SignalRPublisher"/>). The activity's model stream never waits for it; a message
/// the publisher gives up on is still in the run log.
/// </summary>
internal sealed class RestRunEventPublisher(SignalRPublisher publisher) : IRunEventPublisher
{
    public ValueTask PublishAsync(string runId, IReadOnlyList<SwarmEvent> events, CancellationToken cancellationToken)
    {
        publisher.Publish(RunGroups.Of(runId), RunGroups.EventsTarget, events);
        return default;
    }

    /// <summary>One message per run per window, the batches of all its agents merged (never one per agent).</summary>
#pragma warning disable CA1822 // implements IRunEventPublisher.BatchesPerRun
    public bool BatchesPerRun => true;
#pragma warning restore CA1822
}

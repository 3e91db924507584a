namespace Swarms.Agents.Streaming;

/// <summary>
/// A consumer of a run's events: a callback adapter, the console panel, the dashboard, an NDJSON writer, a run log,
/// a SignalR publisher. A run's events are pulled from one <see cref="IAsyncEnumerable{T}"/> and handed to every
/// sink by one dispatcher (<see cref="SwarmEventDispatcher.DispatchAsync"/>), in sequence order, one at a time.
/// </summary>
/// <remarks>
/// Both methods return <see cref="ValueTask"/>: a sink that completes synchronously (most do) costs no allocation
/// per event; one that writes to the network or a database awaits. A sink is never called on two threads at once.
/// Honour the reset rule of <see cref="AgentStarted"/>: an attempt above 1 discards that agent's text so far.
/// </remarks>
public interface ISwarmEventSink
{
    /// <summary>Receives one event.</summary>
    ValueTask OnEventAsync(SwarmEvent evt, CancellationToken cancellationToken);

    /// <summary>
    /// Called once when the stream has ended: <paramref name="failure"/> is null when it completed, an
    /// <see cref="OperationCanceledException"/> when it was cancelled, or the failure. Flush what is held back here.
    /// </summary>
    ValueTask OnCompletedAsync(Exception? failure, CancellationToken cancellationToken);
}

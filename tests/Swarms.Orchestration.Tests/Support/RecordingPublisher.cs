using System.Collections.Concurrent;
using Swarms.Agents.Streaming;
using Swarms.Orchestration.Publishing;

namespace Swarms.Orchestration.Tests.Support;

/// <summary>A live publisher that keeps every batch it is handed, with the time it arrived.</summary>
internal sealed class RecordingPublisher : IRunEventPublisher
{
    private readonly ConcurrentQueue<(string RunId, IReadOnlyList<SwarmEvent> Events, DateTimeOffset At)> _batches = new();

    public IReadOnlyList<(string RunId, IReadOnlyList<SwarmEvent> Events, DateTimeOffset At)> Batches => [.. _batches];

    public IReadOnlyList<SwarmEvent> Events(string runId) => [.. Batches.Where(b => b.RunId == runId).SelectMany(b => b.Events)];

    public ValueTask PublishAsync(string runId, IReadOnlyList<SwarmEvent> events, CancellationToken cancellationToken)
    {
        _batches.Enqueue((runId, events, DateTimeOffset.UtcNow));
        return default;
    }
}

using System.Collections.Concurrent;
using Swarms.Agents.Streaming;
using Swarms.Orchestration.Publishing;

namespace Swarms.Api.Live;

/// <summary>
/// Wakes the SSE streams of a run the moment its activities log events in this process, so they read the log at once
/// instead of at their next poll. Registered as a live publisher by both hosts; events logged by another process (a
/// scaled-out Functions app) are still found by the streams' poll.
/// </summary>
public sealed class RunEventSignals : IRunEventPublisher
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);

    /// <summary>A task that completes when events of <paramref name="runId"/> are next published. Take it before reading the log.</summary>
    public Task NextAsync(string runId) =>
        _waiting.GetOrAdd(runId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <inheritdoc />
    public ValueTask PublishAsync(string runId, IReadOnlyList<SwarmEvent> events, CancellationToken cancellationToken)
    {
        if (_waiting.TryRemove(runId, out var waiting))
        {
            waiting.TrySetResult();
        }

        return default;
    }
}

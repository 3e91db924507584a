namespace Swarms.Agents.Streaming;

/// <summary>The one dispatcher: pulls a run's events and hands each to every sink, in order.</summary>
public static class SwarmEventDispatcher
{
    /// <summary>
    /// Reads <paramref name="events"/> to its end, giving each event to every sink in turn (awaiting each), then
    /// tells every sink how the stream ended (<see cref="ISwarmEventSink.OnCompletedAsync"/>, also when it failed or
    /// was cancelled). A sink that throws ends the dispatch with its exception; wrap sinks that must not (user
    /// callbacks) so that they log and carry on.
    /// </summary>
    /// <returns>The last event of the stream, or null when it was empty.</returns>
    public static async Task<SwarmEvent?> DispatchAsync(
        this IAsyncEnumerable<SwarmEvent> events, IReadOnlyList<ISwarmEventSink> sinks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(sinks);
        // An array: the per-event loop then indexes memory instead of calling an interface, once per sink per token.
        var targets = sinks as ISwarmEventSink[] ?? [.. sinks];
        SwarmEvent? last = null;
        try
        {
            await foreach (var evt in events.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                last = evt;
                for (int i = 0; i < targets.Length; i++)
                {
                    // Most sinks finish synchronously: only a sink that really waits costs an await.
                    var pending = targets[i].OnEventAsync(evt, cancellationToken);
                    if (pending.IsCompletedSuccessfully)
                    {
                        pending.GetAwaiter().GetResult(); // releases a pooled source, if the sink used one
                    }
                    else
                    {
                        await pending.ConfigureAwait(false);
                    }
                }
            }
        }
        catch (Exception ex)
        {
            await CompleteAllAsync(sinks, ex).ConfigureAwait(false);
            throw;
        }

        if (await CompleteAllAsync(sinks, null).ConfigureAwait(false) is { } failure)
        {
            throw failure;
        }

        return last;
    }

    /// <summary>Tells every sink how the stream ended, even when an earlier one throws while flushing; returns what they threw.</summary>
    private static async Task<Exception?> CompleteAllAsync(IReadOnlyList<ISwarmEventSink> sinks, Exception? failure)
    {
        List<Exception>? thrown = null;
        for (int i = 0; i < sinks.Count; i++)
        {
            try
            {
                await sinks[i].OnCompletedAsync(failure, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Collected and rethrown by the caller, after the other sinks were told.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                (thrown ??= []).Add(ex);
            }
        }

        return thrown is null ? null : thrown.Count == 1 ? thrown[0] : new AggregateException(thrown);
    }
}

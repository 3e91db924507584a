namespace Swarms.Agents.Streaming;

/// <summary>An in-process counter: 1, 2, 3... (or from a given start). Thread-safe.</summary>
public sealed class EventSequence : IEventSequence
{
    private long _last;

    /// <summary>Creates a counter whose first number is <paramref name="after"/> + 1.</summary>
    public EventSequence(long after = 0) => _last = after;

    /// <inheritdoc />
    public long NextSeq() => Interlocked.Increment(ref _last);
}

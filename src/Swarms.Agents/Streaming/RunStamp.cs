namespace Swarms.Agents.Streaming;

/// <summary>
/// Hands out the run id and sequence numbers of one run. A workflow shares one stamp among its agents so
/// that all their events form one ordered stream. Thread-safe.
/// </summary>
public sealed class RunStamp
{
    private long _seq;

    /// <summary>Creates a stamp for the given run id, or a new one.</summary>
    public RunStamp(string? runId = null, TimeProvider? timeProvider = null)
    {
        RunId = runId ?? Guid.NewGuid().ToString("n");
        Time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The run id put on every event.</summary>
    public string RunId { get; }

    /// <summary>The clock used for timestamps.</summary>
    public TimeProvider Time { get; }

    /// <summary>The last sequence number handed out.</summary>
    public long LastSeq => Interlocked.Read(ref _seq);

    /// <summary>Takes the next sequence number.</summary>
    public long NextSeq() => Interlocked.Increment(ref _seq);

    /// <summary>Re-stamps an event (a copy) with this run's id, the next sequence number and the current time.</summary>
    /// <remarks>Hot paths construct events with <see cref="NextSeq"/> directly instead, to avoid the copy.</remarks>
    public T Restamp<T>(T evt) where T : SwarmEvent
    {
        ArgumentNullException.ThrowIfNull(evt);
        return evt with { RunId = RunId, Seq = NextSeq(), Timestamp = Time.GetUtcNow() };
    }
}

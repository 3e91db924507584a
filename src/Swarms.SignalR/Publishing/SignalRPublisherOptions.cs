namespace Swarms.SignalR;

/// <summary>
/// Settings of <see cref="SignalRPublisher"/>. The defaults suit live token streams: a dropped message costs a client
/// one catch-up from the run log, a stalled activity costs the user the stream, so the publisher prefers dropping.
/// </summary>
public sealed class SignalRPublisherOptions
{
    /// <summary>
    /// The most messages waiting to be sent, over all groups. When full, the oldest waiting message is dropped (and
    /// counted) to make room, so a stalled service costs memory bounded by this number.
    /// </summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>How many groups are sent to at once. Messages of one group are always sent one at a time, in order.</summary>
    public int MaxConcurrentSends { get; set; } = 4;

    /// <summary>Attempts per message, the first included, before it is given up (counted as failed).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The backoff before the first retry; doubled for each later one, with jitter.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait before a retry, including a service's <c>Retry-After</c>.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one attempt may take before it counts as a timeout and is retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long disposing (or host shutdown) waits for waiting messages to be sent before dropping them.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    internal SignalRPublisherOptions Clone() => (SignalRPublisherOptions)MemberwiseClone();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Capacity, 1, nameof(Capacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentSends, 1, nameof(MaxConcurrentSends));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialBackoff, TimeSpan.Zero, nameof(InitialBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, InitialBackoff, nameof(MaxBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AttemptTimeout, TimeSpan.Zero, nameof(AttemptTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShutdownTimeout, TimeSpan.Zero, nameof(ShutdownTimeout));
    }
}

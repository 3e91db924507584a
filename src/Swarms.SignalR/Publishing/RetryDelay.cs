namespace Swarms.SignalR.Publishing;

/// <summary>How long the publisher waits before retrying a message.</summary>
internal static class RetryDelay
{
    /// <summary>
    /// The wait after failed attempt number <paramref name="attempt"/> (1-based): the service's <c>Retry-After</c> when
    /// it gave one, else <c>initial * 2^(attempt-1)</c> with "equal jitter" (half fixed, half random, so the retries of
    /// many groups spread out and none is immediate); never more than <paramref name="max"/>.
    /// </summary>
    /// <param name="attempt">The attempt that failed, from 1.</param>
    /// <param name="retryAfter">The service's <c>Retry-After</c>, if any.</param>
    /// <param name="initial">The first backoff.</param>
    /// <param name="max">The longest wait.</param>
    /// <param name="random">A random number in [0, 1).</param>
    /// <returns>The wait.</returns>
    public static TimeSpan Next(int attempt, TimeSpan? retryAfter, TimeSpan initial, TimeSpan max, double random)
    {
        if (retryAfter is { } serverSays)
        {
            return serverSays < TimeSpan.Zero ? TimeSpan.Zero : serverSays > max ? max : serverSays;
        }

        var exponential = initial.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, max.Ticks);
        return TimeSpan.FromTicks((long)((capped / 2) + (capped / 2 * random)));
    }
}

namespace Swarms.Durable;

/// <summary>
/// How an orchestrator retries a failed activity or sub-orchestration. The waits between attempts are
/// durable timers, so a retry survives a crash and replays deterministically.
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>Creates a retry policy.</summary>
    /// <param name="maxNumberOfAttempts">Total attempts including the first; at least 1.</param>
    /// <param name="firstRetryInterval">Wait before the second attempt; must be positive.</param>
    /// <param name="backoffCoefficient">Multiplier applied to the wait after each attempt; at least 1.</param>
    /// <param name="maxRetryInterval">Upper bound for a single wait; defaults to one hour.</param>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
    }

    /// <summary>Total attempts including the first.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Wait before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Multiplier applied to the wait after each failed attempt.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Upper bound for a single wait.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>
    /// Decides from the failure whether to retry at all (for example, only transient errors). It runs in
    /// orchestrator code, so it must be deterministic. <see langword="null"/> retries every failure.
    /// </summary>
    public Func<TaskFailureDetails, bool>? HandleFailure { get; init; }

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    /// <param name="attempt">The attempt that just failed.</param>
    /// <returns>The backoff delay, capped at <see cref="MaxRetryInterval"/>.</returns>
    public TimeSpan GetDelay(int attempt)
    {
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, attempt - 1);
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}

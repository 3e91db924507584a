namespace Swarms.Durable;

/// <summary>Options for scheduling an activity or sub-orchestration.</summary>
/// <param name="Retry">The retry policy; <see langword="null"/> means a failure is final.</param>
public record TaskOptions(RetryPolicy? Retry = null)
{
    /// <summary>Creates options that retry with <paramref name="policy"/>.</summary>
    /// <param name="policy">The retry policy.</param>
    /// <returns>The options.</returns>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}

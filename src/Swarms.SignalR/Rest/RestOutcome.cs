using System.Net;

namespace Swarms.SignalR;

/// <summary>
/// What one REST attempt came to, without throwing: the publisher classifies it, the public methods throw
/// <see cref="Error"/>.
/// </summary>
/// <param name="Status">The status the service answered with; <see langword="null"/> when it did not answer.</param>
/// <param name="RetryAfter">The service's <c>Retry-After</c>, as a delay from now.</param>
/// <param name="Error">Why the attempt failed; <see langword="null"/> when it succeeded.</param>
internal readonly record struct RestOutcome(HttpStatusCode? Status, TimeSpan? RetryAfter, Exception? Error)
{
    public bool Succeeded => Error is null;

    /// <summary>
    /// Worth another attempt: no answer (connection refused or closed, timeout), 408, 429, 5xx, or 401 (the cached
    /// token has been dropped, the next attempt signs a new one).
    /// </summary>
    public bool IsTransient => Status is null
        || Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized
        || (int)Status >= 500;

    public void ThrowIfFailed()
    {
        if (Error is not null)
        {
            throw Error;
        }
    }
}

namespace Swarms.SignalR.Auth;

/// <summary>
/// Locally signed REST tokens by audience, reused until <see cref="SignalRAuthenticator.RenewBeforeExpiry"/> before they
/// expire. Bounded: one audience per group URL means one per run, so the cache is emptied when it reaches
/// <see cref="Capacity"/> rather than growing with every run the process has seen.
/// </summary>
internal sealed class TokenCache(TimeProvider time)
{
    /// <summary>The most audiences kept.</summary>
    public const int Capacity = 1024;

    private readonly Dictionary<string, (string Token, DateTimeOffset RenewAt)> _tokens = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Returns the cached token for <paramref name="audience"/>, or mints, caches and returns a new one.</summary>
    /// <param name="audience">The audience.</param>
    /// <param name="mint">Mints a token valid from the given time for <see cref="SignalRAuthenticator.DefaultTokenLifetime"/>.</param>
    /// <returns>The token.</returns>
    public string GetOrCreate(string audience, Func<DateTimeOffset, string> mint)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_tokens.TryGetValue(audience, out var cached) && now < cached.RenewAt)
            {
                return cached.Token;
            }

            if (_tokens.Count >= Capacity)
            {
                _tokens.Clear();
            }

            var token = mint(now);
            _tokens[audience] = (token, now + SignalRAuthenticator.DefaultTokenLifetime - SignalRAuthenticator.RenewBeforeExpiry);
            return token;
        }
    }

    /// <summary>Forgets every cached token.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _tokens.Clear();
        }
    }
}

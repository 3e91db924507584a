namespace Swarms.SignalR.Auth;

/// <summary>
/// Supplies the bearer tokens of one Azure SignalR Service endpoint: for the app's REST calls and for client
/// connections (negotiate). One per connection string, shared by the REST client, negotiate and the publisher.
/// </summary>
internal abstract class SignalRAuthenticator
{
    /// <summary>
    /// How long a locally signed token is valid: the SDK's <c>Constants.Periods.DefaultAccessTokenLifetime</c>.
    /// </summary>
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>
    /// A cached token is replaced this long before it expires, so a request never leaves with a token that expires
    /// on the way (clock skew, a slow retry).
    /// </summary>
    public static readonly TimeSpan RenewBeforeExpiry = TimeSpan.FromMinutes(5);

    /// <summary>The bearer token for a REST request to <paramref name="requestUri"/>.</summary>
    /// <param name="requestUri">The full request URI; its query is not part of the audience.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The token, without the <c>Bearer </c> prefix.</returns>
    public abstract ValueTask<string> GetRestTokenAsync(Uri requestUri, CancellationToken cancellationToken);

    /// <summary>The access token a client presents to the service's client endpoint.</summary>
    /// <param name="audience">The client audience, <c>{scheme}://{host}/client/?hub={hub}</c>.</param>
    /// <param name="userId">The user id to bind the connection to, or <see langword="null"/>.</param>
    /// <param name="lifetime">How long the token is valid.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The token.</returns>
    public abstract ValueTask<string> GetClientTokenAsync(string audience, string? userId, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>Forgets cached REST tokens, after the service refused one (401).</summary>
    public abstract void ForgetRestTokens();

    /// <summary>The audience of a REST request: its URL without query or fragment, as the service expects.</summary>
    /// <param name="requestUri">The request URI.</param>
    /// <returns>The audience.</returns>
    // The Management SDK (AccessTokenHttpMessageHandler) sends RequestUri.GetLeftPart(UriPartial.Path); the data-plane
    // REST reference says the same: "the HTTP request URL, not including ... query parameters".
    public static string RestAudience(Uri requestUri) => requestUri.GetLeftPart(UriPartial.Path);

    /// <summary>The claims of a client token: the user id claim when there is one, as the SDK writes it.</summary>
    /// <param name="userId">The user id, or <see langword="null"/>.</param>
    /// <returns>The claims.</returns>
    protected static IReadOnlyList<KeyValuePair<string, string>> ClientClaims(string? userId) =>
        userId is null ? [] : [new(SignalRJwt.UserIdClaim, userId)];
}

using System.Globalization;
using System.Text;

namespace Swarms.SignalR.Auth;

/// <summary>
/// Tokens signed locally with the connection string's <c>AccessKey</c>, as the SDK's <c>AccessKey</c> does: HS256 over
/// the key's UTF-8 bytes, <c>kid</c> = the key's string hash. REST tokens carry <c>nameid</c> = a server name
/// (<c>{machine}_{guid}</c>, the SDK's <c>RestApiAccessTokenGenerator.GenerateServerName</c>).
/// </summary>
internal sealed class AccessKeyAuthenticator : SignalRAuthenticator
{
    private readonly byte[] _key;
    private readonly string _kid;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _restClaims;
    private readonly TokenCache _restTokens;
    private readonly TimeProvider _time;

    public AccessKeyAuthenticator(string accessKey, TimeProvider time)
    {
        _key = Encoding.UTF8.GetBytes(accessKey);
        // The SDK writes key.GetHashCode() (randomised per process): the service does not look local keys up by kid.
        _kid = accessKey.GetHashCode(StringComparison.Ordinal).ToString(CultureInfo.InvariantCulture);
        _restClaims = [new(SignalRJwt.NameIdClaim, $"{Environment.MachineName}_{Guid.NewGuid():N}")];
        _restTokens = new TokenCache(time);
        _time = time;
    }

    /// <summary>The key id written into every token.</summary>
    public string Kid => _kid;

    public override ValueTask<string> GetRestTokenAsync(Uri requestUri, CancellationToken cancellationToken)
    {
        var audience = RestAudience(requestUri);
        return ValueTask.FromResult(_restTokens.GetOrCreate(audience, now => SignalRJwt.Create(_key, _kid, audience, _restClaims, now, DefaultTokenLifetime)));
    }

    public override ValueTask<string> GetClientTokenAsync(string audience, string? userId, TimeSpan lifetime, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SignalRJwt.Create(_key, _kid, audience, ClientClaims(userId), _time.GetUtcNow(), lifetime));

    public override void ForgetRestTokens() => _restTokens.Clear();
}

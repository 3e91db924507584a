using Azure.Core;

namespace Swarms.SignalR.Tests.Support;

/// <summary>An injected credential whose every token request runs <paramref name="token"/> (which may throw).</summary>
public sealed class DelegateCredential(Func<string> token) : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(token(), DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}

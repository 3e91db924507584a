using System.Collections.Concurrent;
using Azure.Core;

namespace Swarms.SignalR.Tests.Support;

/// <summary>An injected credential that hands out a fixed token and records the scopes asked for.</summary>
public sealed class RecordingCredential(string token) : TokenCredential
{
    public ConcurrentQueue<string[]> Requests { get; } = new();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Requests.Enqueue(requestContext.Scopes);
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}

using System.Net;
using Microsoft.AspNetCore.Http;
using Swarms.Api.Live;
using Swarms.SignalR;

namespace Swarms.Functions.Live;

/// <summary>
/// The Functions app's live channel (serverless): negotiate mints the client token for Azure SignalR Service's
/// <c>swarms</c> hub, groups are joined through its REST API (<c>PUT .../groups/{group}/connections/{id}</c>).
/// </summary>
internal sealed class RestLiveConnections(SignalRRestClient client) : ILiveConnections
{
    public Task<SignalRNegotiateResponse> NegotiateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        client.NegotiateAsync(cancellationToken: cancellationToken);

    public async Task<bool> AddToGroupAsync(string group, string connectionId, CancellationToken cancellationToken)
    {
        try
        {
            await client.AddConnectionToGroupAsync(group, connectionId, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SignalRRestException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false; // the service knows no such connection
        }
    }
}

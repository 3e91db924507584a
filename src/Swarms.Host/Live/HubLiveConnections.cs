using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Swarms.Api.Live;
using Swarms.SignalR;

namespace Swarms.Host.Live;

/// <summary>
/// The local host's live channel: negotiate points the client at this host's <c>/client/?hub=swarms</c> (which, with
/// Azure SignalR in app-server mode, redirects it to the service), groups through the hub context.
/// </summary>
internal sealed class HubLiveConnections(IHubContext<SwarmsHub> hub, HubConnections connections, HubAccessTokens tokens) : ILiveConnections
{
    public Task<SignalRNegotiateResponse> NegotiateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{LiveHosting.HubPath}/?hub={RunGroups.Hub}";
        return Task.FromResult(new SignalRNegotiateResponse(url, tokens.Create(url)));
    }

    public async Task<bool> AddToGroupAsync(string group, string connectionId, CancellationToken cancellationToken)
    {
        if (!await connections.IsOpenAsync(connectionId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await hub.Groups.AddToGroupAsync(connectionId, group, cancellationToken).ConfigureAwait(false);
        return true;
    }
}

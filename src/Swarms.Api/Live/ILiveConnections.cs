using Microsoft.AspNetCore.Http;
using Swarms.SignalR;

namespace Swarms.Api.Live;

/// <summary>
/// The SignalR side of a host, as the shared handlers of <c>POST /api/negotiate</c> and
/// <c>POST /api/runs/{id}/subscribe</c> need it: the local host's in-process hub (or Azure SignalR Service in app-server
/// mode), or the Functions app's Azure SignalR Service REST API (serverless). A web client cannot tell them apart.
/// </summary>
public interface ILiveConnections
{
    /// <summary>Where a client connects to the <c>swarms</c> hub and the token it presents there.</summary>
    Task<SignalRNegotiateResponse> NegotiateAsync(HttpRequest request, CancellationToken cancellationToken);

    /// <summary>Adds connection <paramref name="connectionId"/> to <paramref name="group"/>.</summary>
    /// <returns><see langword="false"/> when no such connection is open.</returns>
    Task<bool> AddToGroupAsync(string group, string connectionId, CancellationToken cancellationToken);
}

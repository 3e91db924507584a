using Microsoft.AspNetCore.SignalR;

namespace Swarms.Host.Live;

/// <summary>
/// The <c>swarms</c> hub, mapped at <c>/client</c> so the URL negotiate hands out has the shape Azure SignalR's does
/// (<c>{endpoint}/client/?hub=swarms</c>). Clients call nothing on it: they join a run's group through
/// <c>POST /api/runs/{id}/subscribe</c> and receive <c>events</c>. It only keeps the open connections, so subscribe can
/// tell an unknown connection id from a known one.
/// </summary>
internal sealed class SwarmsHub(HubConnections connections) : Hub
{
    public override Task OnConnectedAsync()
    {
        connections.Opened(Context);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Closed(Context.ConnectionId);
        return Task.CompletedTask;
    }
}

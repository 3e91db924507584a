using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Swarms.SignalR.Tests.Fakes;

/// <summary>The connections the fake service's hub holds, so group membership can answer 404 for unknown ones.</summary>
public sealed class ConnectionRegistry
{
    public ConcurrentDictionary<string, byte> Connected { get; } = new();
}

/// <summary>
/// The hub clients reach at <c>/client</c>, standing in for Azure SignalR Service's client endpoint: a real ASP.NET
/// Core SignalR hub, so the official .NET client can negotiate, connect and receive what the REST API sends.
/// </summary>
public sealed class ClientHub(ConnectionRegistry registry) : Hub
{
    public override Task OnConnectedAsync()
    {
        registry.Connected[Context.ConnectionId] = 0;
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        registry.Connected.TryRemove(Context.ConnectionId, out _);
        return base.OnDisconnectedAsync(exception);
    }
}

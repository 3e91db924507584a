using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Swarms.Host.Live;

/// <summary>
/// The connections open on <see cref="SwarmsHub"/> in this process (also in app-server mode: Azure SignalR Service
/// proxies them, the hub runs here).
/// </summary>
internal sealed class HubConnections
{
    // A client's start completes with the handshake, a moment before the hub's OnConnectedAsync runs: a subscribe sent
    // at once may arrive first, so it waits this long for the connection to show up.
    private static readonly TimeSpan ArrivalGrace = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _awaited = new(StringComparer.Ordinal);

    /// <summary>How many are open.</summary>
    public int Count => _open.Count;

    public void Opened(HubCallerContext context)
    {
        _open[context.ConnectionId] = context;
        if (_awaited.TryRemove(context.ConnectionId, out var waiting))
        {
            waiting.TrySetResult();
        }
    }

    public void Closed(string connectionId) => _open.TryRemove(connectionId, out _);

    /// <summary>Whether <paramref name="connectionId"/> is open (waiting briefly for one that is just being opened).</summary>
    public async Task<bool> IsOpenAsync(string connectionId, CancellationToken cancellationToken)
    {
        if (_open.ContainsKey(connectionId))
        {
            return true;
        }

        var arrival = _awaited.GetOrAdd(connectionId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_open.ContainsKey(connectionId))
        {
            return true;
        }

        try
        {
            await arrival.Task.WaitAsync(ArrivalGrace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            _awaited.TryRemove(connectionId, out _);
            return false;
        }
    }

    /// <summary>
    /// Drops every open connection as a network failure would: the TCP connection is reset under the hub, so the client
    /// gets no close message and reconnects (<see cref="HubCallerContext.Abort"/> alone closes it gracefully, and the
    /// client then stays closed). For tests.
    /// </summary>
    public int AbortAll()
    {
        int n = 0;
        foreach (var context in _open.Values)
        {
            if (context.GetHttpContext() is { } http)
            {
                http.Abort();
            }
            else
            {
                context.Abort();
            }

            n++;
        }

        return n;
    }
}

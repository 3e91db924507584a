using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Swarms.Agents.Streaming;
using Swarms.Orchestration.RunLog;

namespace Swarms.Host.Tests.Support;

/// <summary>
/// A web client of the live channel on the official .NET SignalR client, doing what the dashboard does:
/// negotiate, connect, subscribe with the last seq it applied (again after every reconnect), apply events strictly in
/// seq order (dropping seen ones, filling a lasting gap from <c>GET /events?after=</c>), and assemble each agent's text,
/// starting it over on every <c>AgentStarted</c>.
/// </summary>
internal sealed class LiveRunClient : IAsyncDisposable
{
    private static readonly TimeSpan GapWait = TimeSpan.FromSeconds(1.5);

    // A run silent this long is read from the log: a lost last message leaves no gap to notice.
    private static readonly TimeSpan QuietWait = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http;
    private readonly object _gate = new();
    private readonly SortedDictionary<long, SwarmEvent> _pending = [];
    private readonly Dictionary<string, (int Attempt, StringBuilder Text)> _agents = new(StringComparer.Ordinal);
    private readonly List<SwarmEvent> _applied = [];
    private readonly TaskCompletionSource<SwarmEvent> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Timer _gapTimer;
    private HubConnection _connection = null!;
    private string? _runId;
    private long _last;
    private DateTimeOffset? _gapSince;
    private DateTimeOffset _heardAt = DateTimeOffset.UtcNow;
    private volatile bool _disposed;

    private LiveRunClient(HttpClient http)
    {
        _http = http;
        _gapTimer = new Timer(_ => _ = FillGapAsync(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }

    /// <summary>Messages received on the hub.</summary>
    public int Messages { get; private set; }

    /// <summary>Times a gap or a silence was filled from <c>GET /events</c> rather than the hub.</summary>
    public int LogReads { get; private set; }

    /// <summary>Times the connection came back.</summary>
    public int Reconnects { get; private set; }

    /// <summary>The last seq applied.</summary>
    public long Last { get { lock (_gate) { return _last; } } }

    /// <summary>The events applied, in seq order.</summary>
    public IReadOnlyList<SwarmEvent> Applied { get { lock (_gate) { return [.. _applied]; } } }

    /// <summary>Completes with RunCompleted or RunFailed.</summary>
    public Task<SwarmEvent> Ended => _ended.Task;

    public HubConnectionState State => _connection.State;

    public static async Task<LiveRunClient> ConnectAsync(HttpClient http)
    {
        var client = new LiveRunClient(http);
        using var negotiate = await http.PostAsync("api/negotiate", null);
        Assert.True(negotiate.IsSuccessStatusCode, await negotiate.Content.ReadAsStringAsync());
        var reply = JsonNode.Parse(await negotiate.Content.ReadAsStringAsync())!;
        var url = (string)reply["url"]!;
        var token = (string)reply["accessToken"]!;
        client._connection = new HubConnectionBuilder()
            .WithUrl(url, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .WithAutomaticReconnect(new KeepTrying())
            .Build();
        client._connection.On<JsonElement>("events", client.OnEvents);
        client._connection.Reconnected += async _ =>
        {
            client.Reconnects++;
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await client.SubscribeAgainAsync();
                    return;
                }
                catch (Exception) when (attempt < 50)
                {
                    await Task.Delay(200); // a restarted host may still be starting its worker
                }
            }
        };
        client._connection.Closed += async _ =>
        {
            // Closed for good (the server closed it, or reconnecting gave up): start again, as the dashboard does.
            if (client._disposed)
            {
                return;
            }

            client.Reconnects++;
            for (int attempt = 1; attempt < 300 && !client._disposed; attempt++)
            {
                try
                {
                    await client._connection.StartAsync();
                    await client.SubscribeAgainAsync();
                    return;
                }
                catch (Exception) when (!client._disposed)
                {
                    await Task.Delay(200);
                }
            }
        };
        await client._connection.StartAsync();
        return client;
    }

    /// <summary>Joins run <paramref name="runId"/> and applies what it logged so far.</summary>
    public async Task SubscribeAsync(string runId)
    {
        _runId = runId;
        await SubscribeAgainAsync();
    }

    /// <summary>The agent's text as assembled from its deltas (its latest attempt's).</summary>
    public string TextOf(string agent)
    {
        lock (_gate)
        {
            return _agents.TryGetValue(agent, out var a) ? a.Text.ToString() : "";
        }
    }

    /// <summary>Characters assembled so far, per agent.</summary>
    public Dictionary<string, int> Lengths()
    {
        lock (_gate)
        {
            return _agents.ToDictionary(a => a.Key, a => a.Value.Text.Length);
        }
    }

    public async Task<SwarmEvent> WaitForEndAsync(TimeSpan? timeout = null) => await Ended.WaitAsync(timeout ?? TimeSpan.FromSeconds(120));

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _gapTimer.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private async Task SubscribeAgainAsync()
    {
        if (_runId is null)
        {
            return;
        }

        using var response = await _http.PostAsJsonAsync($"api/runs/{_runId}/subscribe", new { connectionId = _connection.ConnectionId, after = Last });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Receive(JsonDocument.Parse(body).RootElement);
    }

    private void OnEvents(JsonElement events)
    {
        Messages++;
        Receive(events);
    }

    private void Receive(JsonElement events)
    {
        lock (_gate)
        {
            _heardAt = DateTimeOffset.UtcNow;
            foreach (var item in events.EnumerateArray())
            {
                var evt = SwarmEventJson.Deserialize(item.GetRawText());
                if (evt.RunId == _runId && evt.Seq > _last)
                {
                    _pending.TryAdd(evt.Seq, evt);
                }
            }

            while (_pending.Remove(_last + 1, out var next))
            {
                _last = next.Seq;
                Apply(next);
            }

            _gapSince = _pending.Count == 0 ? null : _gapSince ?? DateTimeOffset.UtcNow;
        }
    }

    private void Apply(SwarmEvent evt)
    {
        _applied.Add(evt);
        switch (evt)
        {
            case AgentStarted started:
                _agents[started.Agent] = (started.Attempt, new StringBuilder());
                break;
            case TextDelta delta when _agents.TryGetValue(delta.Agent, out var a) && a.Attempt == delta.Attempt:
                a.Text.Append(delta.Delta);
                break;
            case RunCompleted or RunFailed:
                _ended.TrySetResult(evt);
                break;
        }
    }

    private async Task FillGapAsync()
    {
        long after;
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            bool gap = _gapSince is not null && now - _gapSince >= GapWait;
            bool quiet = !_ended.Task.IsCompleted && now - _heardAt >= QuietWait;
            if (_runId is null || !(gap || quiet))
            {
                return;
            }

            _gapSince = _gapSince is null ? null : now;
            _heardAt = now;
            after = _last;
        }

        try
        {
            LogReads++;
            var body = await _http.GetStringAsync($"api/runs/{_runId}/events?after={after}");
            Receive(JsonDocument.Parse(body).RootElement);
        }
        catch (HttpRequestException)
        {
            // The host is down (a crash test): the next tick tries again.
        }
    }

    /// <summary>Reconnects every 200 ms for as long as it takes (the crash test restarts the host).</summary>
    private sealed class KeepTrying : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.ElapsedTime < TimeSpan.FromMinutes(2) ? TimeSpan.FromMilliseconds(200) : null;
    }
}

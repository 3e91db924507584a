using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Swarms.Host.Tests.Support;

namespace Swarms.Host.Tests.Live;

/// <summary>
/// <c>GET /api/runs/{id}/events</c> as Server-Sent Events on the local host: <c>id:</c> = seq, AG-UI event names, live
/// until the run ends; a client that reconnects with <c>Last-Event-ID</c> gets every remaining event once.
/// </summary>
public sealed class SseIntegrationTests : IAsyncLifetime
{
    private InProcessHost _host = null!;

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync(
        new Dictionary<string, string> { ["SWARMS_LOCAL_TOKENS_PER_SECOND"] = "300" }, LiveSwarms.Write);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Sse_DroppedAndResumedWithLastEventId_EveryEventOnceInOrderThenTheStreamEnds()
    {
        var runId = await _host.StartRunAsync("panel", "Analyze TSLA");

        var first = await ReadAsync(runId, lastEventId: null, stopAfter: 6);
        var rest = await ReadAsync(runId, lastEventId: first[^1].Id, stopAfter: int.MaxValue);

        var all = first.Concat(rest).ToList();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Id));
        var logged = (JsonArray)JsonNode.Parse(await _host.Client.GetStringAsync($"api/runs/{runId}/events"))!;
        Assert.Equal(logged.Select(e => e!.ToJsonString()), all.Select(e => e.Data.ToJsonString()));
        Assert.Equal("RUN_STARTED", all[0].Name);
        Assert.Equal("RUN_FINISHED", all[^1].Name);
        Assert.Contains(all, e => e.Name == "TEXT_MESSAGE_CONTENT" && (string?)e.Data["type"] == "TextDelta");
        Assert.Equal(3, all.Count(e => e.Name == "STEP_STARTED"));
        Assert.Equal(3, all.Count(e => e.Name == "STEP_FINISHED"));
    }

    [Fact]
    public async Task Sse_FinishedRun_AllEventsThenEnd_AfterQueryHonoured()
    {
        var runId = await _host.StartRunAsync("panel", "Analyze AMD");
        await _host.WaitForRunAsync(runId);

        var all = await ReadAsync(runId, lastEventId: null, stopAfter: int.MaxValue);
        var tail = await ReadAsync(runId, lastEventId: null, stopAfter: int.MaxValue, after: all.Count - 2);

        Assert.Equal("RUN_FINISHED", all[^1].Name);
        Assert.Equal([all.Count - 1L, all.Count], tail.Select(e => e.Id));
    }

    [Fact]
    public async Task Sse_BadLastEventId_400NamingIt()
    {
        var runId = await _host.StartRunAsync("panel", "Analyze INTC");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/runs/{runId}/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("Last-Event-ID", "seven");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["Last-Event-ID"]);
        await _host.WaitForRunAsync(runId);
    }

    private async Task<List<SseEvent>> ReadAsync(string runId, long? lastEventId, int stopAfter, long? after = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/runs/{runId}/events" + (after is null ? "" : $"?after={after}"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId.ToString());
        }

        using var response = await _host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<SseEvent>();
        long id = 0;
        string? name = null;
        string? data = null;
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (events.Count < stopAfter && await reader.ReadLineAsync(guard.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    events.Add(new SseEvent(id, name!, JsonNode.Parse(data)!));
                }

                name = data = null;
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        return events;
    }

    private sealed record SseEvent(long Id, string Name, JsonNode Data);
}

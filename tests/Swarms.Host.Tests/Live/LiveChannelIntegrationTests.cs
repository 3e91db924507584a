using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Swarms.Agents.Streaming;
using Swarms.Host.Live;
using Swarms.Host.Tests.Support;
using Swarms.Testing;

namespace Swarms.Host.Tests.Live;

/// <summary>
/// The live channel end to end on the local host (real Kestrel, the in-process hub, the durable SQLite backend, the
/// local model streaming at a set rate) with the official .NET SignalR client: every agent's assembled text equals its
/// final output byte for byte, however the client joins or loses its connection.
/// </summary>
public sealed class LiveChannelIntegrationTests : IAsyncLifetime
{
    private InProcessHost _host = null!;

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync(
        new Dictionary<string, string> { ["SWARMS_LOCAL_TOKENS_PER_SECOND"] = "300" }, LiveSwarms.Write);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ConcurrentRun_SubscribedFromTheStart_EachAgentsTextEqualsItsOutput()
    {
        await using var client = await LiveRunClient.ConnectAsync(_host.Client);
        var runId = await _host.StartRunAsync("panel", "Analyze TSLA");
        await client.SubscribeAsync(runId);

        var end = await client.WaitForEndAsync();

        await AssertExactAsync(client, runId, end);
        var deltas = client.Applied.OfType<TextDelta>().Count();
        Assert.True(client.Messages > 0, "nothing arrived live");
        Assert.True(client.Messages <= client.Applied.Count, $"{client.Messages} messages for {client.Applied.Count} events: the hub sends batches");
        Assert.True(deltas > 3, $"only {deltas} deltas: the run streamed too fast to test anything live");
        Assert.Equal(0, client.LogReads); // the hub and the subscribe reply carried everything
    }

    [Fact]
    public async Task ConcurrentRun_ConnectionDroppedMidRun_ReconnectsAndTextStillEqualsOutput()
    {
        await using var client = await LiveRunClient.ConnectAsync(_host.Client);
        var runId = await _host.StartRunAsync("panel", "Analyze NVDA");
        await client.SubscribeAsync(runId);
        await Wait.UntilAsync(() => LiveSwarms.PanelAgents.All(a => client.TextOf(a).Length > 0), "every agent streams");
        Assert.False(client.Ended.IsCompleted, "the run ended before the drop");

        var dropped = _host.Services.GetRequiredService<HubConnections>().AbortAll();
        await Wait.UntilAsync(() => client.Reconnects >= 1, $"the client reconnects (state {client.State})", TimeSpan.FromSeconds(20));
        var end = await client.WaitForEndAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, dropped);
        Assert.True(client.Reconnects >= 1, "the client did not reconnect");
        await AssertExactAsync(client, runId, end);
    }

    [Fact]
    public async Task ConcurrentRun_ClientJoinsHalfWay_GetsTheStartFromTheReplyAndTheRestLive()
    {
        var runId = await _host.StartRunAsync("panel", "Analyze AMD");
        await Wait.UntilAsync(async () =>
        {
            var events = (JsonArray)JsonNode.Parse(await _host.Client.GetStringAsync($"api/runs/{runId}/events"))!;
            return LiveSwarms.PanelAgents.All(a => events.Any(e => (string?)e!["type"] == "TextDelta" && (string?)e["agent"] == a));
        }, "every agent has streamed");

        await using var client = await LiveRunClient.ConnectAsync(_host.Client);
        await client.SubscribeAsync(runId);
        var caughtUp = client.Last;
        var end = await client.WaitForEndAsync();

        Assert.True(caughtUp > 3, $"the reply held {caughtUp} events");
        Assert.True(client.Messages > 0, "nothing arrived live after joining");
        Assert.Equal(0, client.LogReads);
        await AssertExactAsync(client, runId, end);
    }

    [Fact]
    public async Task Subscribe_BadRequests_ProblemNamingTheField()
    {
        var runId = await _host.StartRunAsync("panel", "Analyze INTC");
        await using var client = await LiveRunClient.ConnectAsync(_host.Client);

        await AssertProblemAsync($"api/runs/{runId}/subscribe", new { }, HttpStatusCode.BadRequest, "$.connectionId");
        await AssertProblemAsync($"api/runs/{runId}/subscribe", new { connectionId = "x", after = -1 }, HttpStatusCode.BadRequest, "$.after");
        await AssertProblemAsync($"api/runs/{runId}/subscribe", new { connectionId = "x", after = "3" }, HttpStatusCode.BadRequest, "$.after");
        await AssertProblemAsync($"api/runs/{runId}/subscribe", new { connectionId = "x", since = 3 }, HttpStatusCode.BadRequest, "$.since");
        await AssertProblemAsync($"api/runs/{runId}/subscribe", new { connectionId = "no-such-connection" }, HttpStatusCode.NotFound, "$.connectionId");
        await AssertProblemAsync("api/runs/no-such-run/subscribe", new { connectionId = "x" }, HttpStatusCode.NotFound, "id");
        await AssertProblemAsync("api/runs/bad%20id/subscribe", new { connectionId = "x" }, HttpStatusCode.BadRequest, "id");
        await _host.WaitForRunAsync(runId);
    }

    [Fact]
    public async Task Negotiate_ReturnsTheServerlessShape_UrlOfTheSwarmsHub()
    {
        using var response = await _host.Client.PostAsync("api/negotiate", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(["url", "accessToken"], reply.Select(p => p.Key).ToArray());
        Assert.Equal($"{_host.Client.BaseAddress}client/?hub=swarms", (string?)reply["url"]);
        Assert.Equal(3, ((string)reply["accessToken"]!).Split('.').Length);
    }

    /// <summary>Each agent's assembled text is its output in GET /api/runs/{id}, byte for byte; the run's output too; seqs 1..N once each.</summary>
    internal static async Task AssertExactAsync(LiveRunClient client, string runId, SwarmEvent end, HttpClient? http = null, InProcessHost? host = null)
    {
        // RunCompleted is logged by the run's last activity, a moment before the orchestration completes.
        http ??= host!.Client;
        JsonObject status = null!;
        await Wait.UntilAsync(async () =>
        {
            status = (JsonObject)JsonNode.Parse(await http.GetStringAsync($"api/runs/{runId}"))!;
            return (string?)status["runtimeStatus"] != "Running";
        }, $"run {runId} completes");
        Assert.Equal("Completed", (string?)status["runtimeStatus"]);
        var completed = Assert.IsType<RunCompleted>(end);
        Assert.Equal((string?)status["output"], completed.Output);
        foreach (var agent in status["agents"]!.AsArray())
        {
            var name = (string)agent!["name"]!;
            var output = (string)agent["output"]!;
            Assert.True(output.Length > 20, $"{name}: output too short to compare");
            Assert.Equal(output, client.TextOf(name));
        }

        var applied = client.Applied;
        Assert.Equal(Enumerable.Range(1, applied.Count).Select(i => (long)i), applied.Select(e => e.Seq));
    }

    private Task AssertExactAsync(LiveRunClient client, string runId, SwarmEvent end) => AssertExactAsync(client, runId, end, _host.Client);

    private async Task AssertProblemAsync(string path, object body, HttpStatusCode status, string field)
    {
        using var response = await _host.Client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(JsonNode.Parse(text)!["errors"]![field]);
    }
}

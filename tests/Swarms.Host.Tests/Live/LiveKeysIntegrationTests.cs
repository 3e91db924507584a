using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Swarms.Host.Tests.Support;

namespace Swarms.Host.Tests.Live;

/// <summary>
/// With <c>SWARMS_API_KEY</c> set: negotiate and subscribe need the key like every route; the hub needs the access token
/// negotiate gave (as Azure SignalR Service does); the dashboard's files need nothing.
/// </summary>
public sealed class LiveKeysIntegrationTests : IAsyncLifetime
{
    private const string Key = "live-key-0123456789";
    private InProcessHost _host = null!;

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync(
        new Dictionary<string, string> { ["SWARMS_API_KEY"] = Key, ["SWARMS_LOCAL_TOKENS_PER_SECOND"] = "500" }, LiveSwarms.Write);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Negotiate_WithoutKey_401()
    {
        using var response = await _host.Client.PostAsync("api/negotiate", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Hub_WithoutTokenOrWithForgedOne_401()
    {
        using var none = await _host.Client.PostAsync("client/negotiate?hub=swarms&negotiateVersion=1", null);
        using var forged = new HttpRequestMessage(HttpMethod.Post, "client/negotiate?hub=swarms&negotiateVersion=1");
        forged.Headers.Authorization = new("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.c2lnbmF0dXJl");
        using var forgedResponse = await _host.Client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedResponse.StatusCode);
        Assert.NotNull(JsonNode.Parse(await none.Content.ReadAsStringAsync())!["errors"]!["access_token"]);
    }

    [Fact]
    public async Task Run_WithKeyAndNegotiatedToken_StreamsExactly()
    {
        using var http = new HttpClient { BaseAddress = _host.Client.BaseAddress };
        http.DefaultRequestHeaders.Add("x-functions-key", Key);
        await using var client = await LiveRunClient.ConnectAsync(http);
        using var start = await http.PostAsJsonAsync("api/swarms/panel/runs", new { task = "Analyze TSLA" });
        var runId = (string)JsonNode.Parse(await start.Content.ReadAsStringAsync())!["id"]!;
        await client.SubscribeAsync(runId);

        var end = await client.WaitForEndAsync();

        await LiveChannelIntegrationTests.AssertExactAsync(client, runId, end, http);
    }

    [Fact]
    public async Task Dashboard_WithoutKey_ServesThePageAndTheSignalRClient()
    {
        using var page = await _host.Client.GetAsync("");
        using var script = await _host.Client.GetAsync("lib/signalr/signalr.min.js");
        using var license = await _host.Client.GetAsync("lib/signalr/LICENSE.txt");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("lib/signalr/signalr.min.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("HubConnectionBuilder", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("MIT", await license.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

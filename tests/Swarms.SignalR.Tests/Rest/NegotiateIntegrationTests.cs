using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Swarms.SignalR.Tests.Fakes;
using Swarms.SignalR.Tests.Support;

namespace Swarms.SignalR.Tests.Rest;

/// <summary>Serverless negotiate: the reply's shape, its token, and the official .NET client following it.</summary>
public sealed class NegotiateIntegrationTests : IAsyncLifetime
{
    private FakeSignalRService _service = null!;

    public async Task InitializeAsync() => _service = await FakeSignalRService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task NegotiateAsync_AccessKey_UrlOnClientEndpointAndTokenForTheHubAudience()
    {
        var client = TestSettings.Client(TestSettings.Options(_service));

        var reply = await client.NegotiateAsync();

        Assert.Equal($"http://127.0.0.1:{_service.Port}/client/?hub=swarms", reply.Url);
        var (token, problems) = await TokenChecker.CheckAsync(reply.AccessToken, _ => TestSettings.AccessKey, "http://127.0.0.1/client/?hub=swarms", DateTimeOffset.UtcNow);
        Assert.Empty(problems);
        Assert.Equal(TimeSpan.FromHours(1), token!.Expires - token.IssuedAt);
        Assert.NotNull(token.Kid);
        Assert.Empty(token.Claims);
    }

    [Fact]
    public async Task NegotiateAsync_UserId_InTheSdksUserClaim()
    {
        var client = TestSettings.Client(TestSettings.Options(_service));

        var reply = await client.NegotiateAsync("alice@example.com");

        var (token, problems) = await TokenChecker.CheckAsync(reply.AccessToken, _ => TestSettings.AccessKey, "http://127.0.0.1/client/?hub=swarms", DateTimeOffset.UtcNow);
        Assert.Empty(problems);
        Assert.Equal("alice@example.com", token!.Claims["asrs.s.uid"]);
    }

    [Fact]
    public async Task NegotiateAsync_ClientEndpointAndLifetime_UrlOnGatewayAudienceOnService()
    {
        var options = TestSettings.Options(_service);
        options.ConnectionString = $"Endpoint=https://x.service.signalr.net;AccessKey={TestSettings.AccessKey};ClientEndpoint=https://gateway.example.com;Version=1.0;";
        options.ClientTokenLifetime = TimeSpan.FromMinutes(10);
        options.HubName = "Swarms";
        var client = TestSettings.Client(options);

        var reply = await client.NegotiateAsync();

        Assert.Equal("https://gateway.example.com/client/?hub=swarms", reply.Url);
        var (token, problems) = await TokenChecker.CheckAsync(reply.AccessToken, _ => TestSettings.AccessKey, "https://x.service.signalr.net/client/?hub=swarms", DateTimeOffset.UtcNow);
        Assert.Empty(problems);
        Assert.Equal(TimeSpan.FromMinutes(10), token!.Expires - token.IssuedAt);
    }

    [Fact]
    public void NegotiateResponse_Serialized_IsTheAzureShape()
    {
        var json = JsonSerializer.Serialize(new SignalRNegotiateResponse("https://x.service.signalr.net/client/?hub=swarms", "abc"));

        Assert.Equal("""{"url":"https://x.service.signalr.net/client/?hub=swarms","accessToken":"abc"}""", json);
    }

    [Fact]
    public async Task OfficialClient_FollowsNegotiateToTheService_AndReceivesWhatThePublisherSends()
    {
        var client = TestSettings.Client(TestSettings.Options(_service));
        await using var app = await StartNegotiateAppAsync(client);
        await using var publisher = new SignalRPublisher(client);
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = new HubConnectionBuilder().WithUrl($"{app.Urls.Single()}/api").Build();
        connection.On<JsonElement>("events", batch => received.TrySetResult(batch));

        await connection.StartAsync();
        // The real service holds the connection from the moment the client connects; this stand-in's hub registers it
        // in OnConnectedAsync, which can run just after the client's handshake completed.
        for (var waited = 0; !_service.Connections.Connected.ContainsKey(connection.ConnectionId!) && waited < 10_000; waited += 10)
        {
            await Task.Delay(10);
        }

        _service.RequireKnownConnections = true;
        await client.AddConnectionToGroupAsync("run-42", connection.ConnectionId!);
        publisher.Publish("run-42", "events", new[] { new { type = "TextDelta", runId = "run-42", seq = 1, delta = "Hello" } });
        var batch = await received.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("""[{"type":"TextDelta","runId":"run-42","seq":1,"delta":"Hello"}]""", batch.GetRawText());
        // The client presented the negotiate token to the service (negotiate, then the WebSocket), and it passed.
        Assert.Empty(_service.ClientTokenProblems);
        Assert.True(_service.ClientTokens.Count >= 2);
        Assert.All(_service.Calls, c => Assert.Empty(c.Problems));
    }

    [Fact]
    public async Task OfficialClient_TokenSignedWithAnotherKey_ServiceRefusesTheConnection()
    {
        var client = TestSettings.Client(TestSettings.Options(_service));
        _service.AccessKey = "AnotherKeyEntirelyAnotherKeyEntirely012345=";
        await using var app = await StartNegotiateAppAsync(client);
        await using var connection = new HubConnectionBuilder().WithUrl($"{app.Urls.Single()}/api").Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.NotEmpty(_service.ClientTokenProblems);
    }

    /// <summary>The app side: <c>POST /api/negotiate</c> answering with the client's negotiate reply, as a Function would.</summary>
    private static async Task<WebApplication> StartNegotiateAppAsync(SignalRRestClient client)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/api/negotiate", async (CancellationToken aborted) => Results.Json(await client.NegotiateAsync(cancellationToken: aborted)));
        await app.StartAsync();
        return app;
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Swarms.SignalR.Tests.Fakes;
using Swarms.SignalR.Tests.Support;

namespace Swarms.SignalR.Tests.Rest;

/// <summary>The REST client against the fake Azure SignalR Service (real Kestrel), which checks every call.</summary>
public sealed class SignalRRestClientIntegrationTests : IAsyncLifetime
{
    private FakeSignalRService _service = null!;

    public async Task InitializeAsync() => _service = await FakeSignalRService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task SendToGroupAsync_ValidCall_PathApiVersionTokenAndBodyAsTheServiceExpects()
    {
        var client = TestSettings.Client(TestSettings.Options(_service));

        await client.SendToGroupAsync("run-1", "events", [new[] { new { type = "TextDelta", seq = 7, delta = "Hi" } }]);

        var call = Assert.Single(_service.Calls);
        Assert.Empty(call.Problems);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/api/hubs/swarms/groups/run-1/:send", call.RawPath);
        Assert.Equal("?api-version=2022-06-01", call.Query);
        Assert.Equal($"http://127.0.0.1:{_service.Port}/api/hubs/swarms/groups/run-1/:send", call.Token!.Audience);
        Assert.Equal("""{"target":"events","arguments":[[{"type":"TextDelta","seq":7,"delta":"Hi"}]]}""", call.Body!.Value.GetRawText());
    }

    [Fact]
    public async Task SendToGroupAsync_Token_HasSdkClaimsAndOneHourLifetime()
    {
        var client = TestSettings.Client(TestSettings.Options(_service));

        await client.SendToGroupAsync("run-1", "events", [1]);

        var token = Assert.Single(_service.Calls).Token!;
        Assert.Equal(TimeSpan.FromHours(1), token.Expires - token.IssuedAt);
        Assert.Equal(token.IssuedAt, token.NotBefore);
        // The SDK's server name: {machine}_{guid}.
        Assert.StartsWith($"{Environment.MachineName}_", token.Claims["nameid"], StringComparison.Ordinal);
        Assert.NotNull(token.Kid);
    }

    [Fact]
    public async Task SendToGroupAsync_MixedCaseHub_LowerCasedInPathAndAudience()
    {
        var options = TestSettings.Options(_service);
        options.HubName = "Swarms";
        var client = TestSettings.Client(options);

        await client.SendToGroupAsync("g", "events", [null]);

        var call = Assert.Single(_service.Calls);
        Assert.Empty(call.Problems);
        Assert.Equal("/api/hubs/swarms/groups/g/:send", call.RawPath);
        Assert.Equal("swarms", client.HubName);
    }

    [Fact]
    public async Task SendToGroupAsync_GroupNeedingEscapes_EscapedInPathAndAudienceMatchesWhatWasSent()
    {
        var client = TestSettings.Client(TestSettings.Options(_service));

        await client.SendToGroupAsync("run/1 ä?#", "events", ["x"]);

        var call = Assert.Single(_service.Calls);
        Assert.Empty(call.Problems);
        Assert.Equal("/api/hubs/swarms/groups/run%2F1%20%C3%A4%3F%23/:send", call.RawPath);
        Assert.Equal($"http://127.0.0.1:{_service.Port}{call.RawPath}", call.Token!.Audience);
    }

    [Fact]
    public async Task SendToGroupAsync_WrongKey_ServiceRefusesAndExceptionHasStatusButNoKey()
    {
        var client = TestSettings.Client(TestSettings.Options(_service));
        _service.AccessKey = "AnotherKeyEntirelyAnotherKeyEntirely012345=";

        var error = await Assert.ThrowsAsync<SignalRRestException>(() => client.SendToGroupAsync("g", "events", [1]));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("signature", Assert.Single(Assert.Single(_service.Calls).Problems), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("POST /api/hubs/swarms/groups/g/:send", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSettings.AccessKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendToGroupAsync_ServiceError_ExceptionCarriesStatusAndServiceReply()
    {
        var client = TestSettings.Client(TestSettings.Options(_service));
        _service.Enqueue(FakeBehavior.Status(HttpStatusCode.ServiceUnavailable));

        var error = await Assert.ThrowsAsync<SignalRRestException>(() => client.SendToGroupAsync("g", "events", [1]));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains("scripted 503", error.Message, StringComparison.Ordinal);
        // One request: the client hides no retries.
        Assert.Single(_service.Calls);
    }

    [Fact]
    public async Task SendToGroupAsync_SameGroupTwice_TokenReused()
    {
        var client = TestSettings.Client(TestSettings.Options(_service));

        await client.SendToGroupAsync("g", "events", [1]);
        await client.SendToGroupAsync("g", "events", [2]);
        await client.SendToGroupAsync("other", "events", [3]);

        var tokens = _service.Calls.Select(c => c.Authorization).ToList();
        Assert.Equal(tokens[0], tokens[1]);
        // Another URL is another audience, so another token.
        Assert.NotEqual(tokens[0], tokens[2]);
    }

    [Fact]
    public async Task SendToGroupAsync_CachedTokenNearExpiry_NewTokenSigned()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = await FakeSignalRService.StartAsync(clock);
        var client = TestSettings.Client(TestSettings.Options(service), clock);

        await client.SendToGroupAsync("g", "events", [1]);
        clock.Advance(TimeSpan.FromMinutes(54));
        await client.SendToGroupAsync("g", "events", [2]);
        clock.Advance(TimeSpan.FromMinutes(2));
        await client.SendToGroupAsync("g", "events", [3]);

        var calls = service.Calls;
        Assert.All(calls, c => Assert.Empty(c.Problems));
        Assert.Equal(calls[0].Authorization, calls[1].Authorization);
        // 56 minutes after signing, within 5 minutes of expiry: a new token, valid from now.
        Assert.NotEqual(calls[1].Authorization, calls[2].Authorization);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), calls[2].Token!.IssuedAt.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task SendToGroupAsync_AfterUnauthorized_NextCallSignsANewToken()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = await FakeSignalRService.StartAsync(clock);
        var client = TestSettings.Client(TestSettings.Options(service), clock);
        await client.SendToGroupAsync("g", "events", [1]);
        clock.Advance(TimeSpan.FromSeconds(1));
        service.Enqueue(FakeBehavior.Status(HttpStatusCode.Unauthorized));

        await Assert.ThrowsAsync<SignalRRestException>(() => client.SendToGroupAsync("g", "events", [2]));
        await client.SendToGroupAsync("g", "events", [3]);

        var calls = service.Calls;
        Assert.Equal(calls[0].Authorization, calls[1].Authorization);
        Assert.NotEqual(calls[1].Authorization, calls[2].Authorization);
    }

    [Theory]
    [InlineData(true, "PUT")]
    [InlineData(false, "DELETE")]
    public async Task GroupMembership_AddOrRemove_MethodOnTheConnectionPath(bool add, string method)
    {
        var client = TestSettings.Client(TestSettings.Options(_service));

        await (add ? client.AddConnectionToGroupAsync("run-1", "conn/A b") : client.RemoveConnectionFromGroupAsync("run-1", "conn/A b"));

        var call = Assert.Single(_service.Calls);
        Assert.Empty(call.Problems);
        Assert.Equal(method, call.Method);
        Assert.Equal("/api/hubs/swarms/groups/run-1/connections/conn%2FA%20b", call.RawPath);
        Assert.Equal("?api-version=2022-06-01", call.Query);
        Assert.Equal($"http://127.0.0.1:{_service.Port}{call.RawPath}", call.Token!.Audience);
    }

    [Fact]
    public async Task AddConnectionToGroupAsync_UnknownConnection_NotFoundException()
    {
        var client = TestSettings.Client(TestSettings.Options(_service));
        _service.RequireKnownConnections = true;

        var error = await Assert.ThrowsAsync<SignalRRestException>(() => client.AddConnectionToGroupAsync("run-1", "nobody"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("Connection does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IsServiceHealthyAsync_Healthy_TrueWithHeadAndToken()
    {
        var client = TestSettings.Client(TestSettings.Options(_service));

        Assert.True(await client.IsServiceHealthyAsync());

        var call = Assert.Single(_service.Calls);
        Assert.Empty(call.Problems);
        Assert.Equal("HEAD", call.Method);
        Assert.Equal("/api/health", call.RawPath);
        Assert.Equal("?api-version=2022-06-01", call.Query);
    }

    [Fact]
    public async Task IsServiceHealthyAsync_ServerError_False()
    {
        var client = TestSettings.Client(TestSettings.Options(_service));
        _service.Enqueue(FakeBehavior.Status(HttpStatusCode.ServiceUnavailable));

        Assert.False(await client.IsServiceHealthyAsync());
    }

    [Fact]
    public async Task IsServiceHealthyAsync_ConnectionClosed_False()
    {
        var client = TestSettings.Client(TestSettings.Options(_service));
        _service.Enqueue(FakeBehavior.Abort);

        Assert.False(await client.IsServiceHealthyAsync());
    }

    [Fact]
    public async Task IsServiceHealthyAsync_NothingListening_False()
    {
        var options = TestSettings.Options(_service);
        var port = _service.Port;
        // The replacement starts first, so it cannot take the port being closed.
        var replacement = await FakeSignalRService.StartAsync();
        await _service.DisposeAsync();
        _service = replacement;
        options.ConnectionString = $"Endpoint=http://127.0.0.1:{port};AccessKey={TestSettings.AccessKey};Version=1.0;";

        Assert.False(await TestSettings.Client(options).IsServiceHealthyAsync());
    }

    [Fact]
    public async Task IsServiceHealthyAsync_Unauthorized_ThrowsSoMisconfigurationShows()
    {
        var client = TestSettings.Client(TestSettings.Options(_service));
        _service.AccessKey = "AnotherKeyEntirelyAnotherKeyEntirely012345=";

        var error = await Assert.ThrowsAsync<SignalRRestException>(() => client.IsServiceHealthyAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task SendToGroupAsync_SerializerOptions_Used()
    {
        var options = TestSettings.Options(_service);
        options.SerializerOptions = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        var client = TestSettings.Client(options);

        await client.SendToGroupAsync("g", "events", [new { RunId = "r" }]);

        Assert.Equal("""{"run_id":"r"}""", Assert.Single(_service.Calls).Argument);
    }

    [Fact]
    public void Constructor_NoConnectionString_NamesTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => new SignalRRestClient(new SignalRRestOptions(), new HttpClient()));

        Assert.Contains("AzureSignalRConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1hub")]
    [InlineData("hub/name")]
    public void Constructor_InvalidHubName_Throws(string hub)
    {
        var options = TestSettings.Options(_service);
        options.HubName = hub;

        Assert.Throws<ArgumentException>(() => TestSettings.Client(options));
    }
}

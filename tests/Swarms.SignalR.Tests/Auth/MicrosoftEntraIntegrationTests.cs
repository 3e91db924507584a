using System.Net;
using Microsoft.Extensions.Time.Testing;
using Swarms.SignalR.Tests.Fakes;
using Swarms.SignalR.Tests.Support;

namespace Swarms.SignalR.Tests.Auth;

/// <summary>
/// Microsoft Entra auth end to end: Azure.Identity's real ManagedIdentityCredential gets its token from the fake
/// service's App Service managed identity endpoint (IDENTITY_ENDPOINT / IDENTITY_HEADER), REST calls present that
/// token, and negotiate signs client tokens with the temporary access key the service issues for it.
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class MicrosoftEntraIntegrationTests : IAsyncLifetime
{
    private FakeSignalRService _service = null!;
    private EnvironmentScope _environment = null!;

    public async Task InitializeAsync()
    {
        _service = await FakeSignalRService.StartAsync();
        // App Service's managed identity protocol; the other sources Azure.Identity could pick are cleared.
        _environment = new EnvironmentScope()
            .Set("IDENTITY_ENDPOINT", _service.IdentityEndpoint)
            .Set("IDENTITY_HEADER", _service.IdentityHeader)
            .Set("IDENTITY_SERVER_THUMBPRINT", null)
            .Set("IMDS_ENDPOINT", null)
            .Set("MSI_ENDPOINT", null)
            .Set("MSI_SECRET", null);
    }

    public async Task DisposeAsync()
    {
        _environment.Dispose();
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task SendToGroupAsync_UserAssignedIdentity_PresentsTheEntraTokenAndReusesIt()
    {
        var clientId = Guid.NewGuid().ToString();
        var client = TestSettings.Client(Options($"AuthType=azure.msi;ClientId={clientId}"));

        await client.SendToGroupAsync("run-1", "events", [1]);
        await client.SendToGroupAsync("run-2", "events", [2]);

        var identityRequest = Assert.Single(_service.IdentityRequests);
        Assert.Equal(clientId, identityRequest.ClientId);
        Assert.True(identityRequest.HeaderMatched);
        Assert.StartsWith("https://signalr.azure.com", identityRequest.Resource, StringComparison.Ordinal);
        Assert.All(_service.Calls, c => Assert.Empty(c.Problems));
        Assert.All(_service.Calls, c => Assert.StartsWith("Bearer entra-token-", c.Authorization, StringComparison.Ordinal));
        Assert.Equal(["1"], _service.DeliveredTo("run-1"));
    }

    [Fact]
    public async Task SendToGroupAsync_SystemAssignedIdentity_NoClientIdAsked()
    {
        var client = TestSettings.Client(Options("AuthType=azure.msi"));

        await client.SendToGroupAsync("run-1", "events", [1]);

        Assert.Null(Assert.Single(_service.IdentityRequests).ClientId);
        Assert.Empty(Assert.Single(_service.Calls).Problems);
    }

    [Fact]
    public async Task NegotiateAsync_ManagedIdentity_SignsWithTheTemporaryKeyAndItsKid()
    {
        var client = TestSettings.Client(Options($"AuthType=azure.msi;ClientId={Guid.NewGuid()}"));

        var first = await client.NegotiateAsync("bob");
        var second = await client.NegotiateAsync();

        var (token, problems) = await TokenChecker.CheckAsync(first.AccessToken, KeyForKid, "http://127.0.0.1/client/?hub=swarms", DateTimeOffset.UtcNow);
        Assert.Empty(problems);
        Assert.Equal("temp-key-1", token!.Kid);
        Assert.Equal("bob", token.Claims["asrs.s.uid"]);
        Assert.Equal($"http://127.0.0.1:{_service.Port}/client/?hub=swarms", first.Url);
        Assert.Empty((await TokenChecker.CheckAsync(second.AccessToken, KeyForKid, "http://127.0.0.1/client/?hub=swarms", DateTimeOffset.UtcNow)).Problems);
        // One key serves many negotiations.
        Assert.Equal(1, _service.AccessKeyRequests);
    }

    [Fact]
    public async Task Publisher_ManagedIdentity_Delivers()
    {
        var client = TestSettings.Client(Options($"AuthType=azure.msi;ClientId={Guid.NewGuid()}"));
        await using var publisher = new SignalRPublisher(client);

        publisher.Publish("run-1", "events", new { seq = 1 });
        await publisher.FlushAsync();

        Assert.Equal(["""{"seq":1}"""], _service.DeliveredTo("run-1"));
    }

    [Fact]
    public async Task InjectedCredential_UsedForRestAndAccessKeyWithTheSignalRScope()
    {
        var credential = new RecordingCredential("injected-token");
        _service.AcceptEntraToken("injected-token");
        var options = Options("AuthType=azure.msi");
        options.Credential = credential;
        var client = TestSettings.Client(options);

        await client.SendToGroupAsync("run-1", "events", [1]);
        var reply = await client.NegotiateAsync();

        Assert.Equal("Bearer injected-token", Assert.Single(_service.Calls).Authorization);
        Assert.Empty((await TokenChecker.CheckAsync(reply.AccessToken, KeyForKid, "http://127.0.0.1/client/?hub=swarms", DateTimeOffset.UtcNow)).Problems);
        Assert.Empty(_service.IdentityRequests);
        Assert.All(credential.Requests, scopes => Assert.Equal(["https://signalr.azure.com/.default"], scopes));
    }

    [Fact]
    public async Task NegotiateAsync_KeyOlderThan55Minutes_RefreshedInBackgroundThenUsed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = InjectedCredentialClient(clock);

        var first = await client.NegotiateAsync();
        clock.Advance(TimeSpan.FromMinutes(56));
        var stillOld = await client.NegotiateAsync();
        await Eventually.TrueAsync(async () => Kid(await client.NegotiateAsync()) == "temp-key-2", "negotiate signs with a second temporary key");

        Assert.Equal(["temp-key-1", "temp-key-1"], [Kid(first), Kid(stillOld)]);
        // However often negotiate ran meanwhile, one background refresh fetched the new key.
        Assert.Equal(2, _service.AccessKeyRequests);
    }

    [Fact]
    public async Task NegotiateAsync_KeyTooOldAndRefreshRefused_ThrowsNamingTheRole()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = InjectedCredentialClient(clock);
        await client.NegotiateAsync();
        _service.AccessKeyFailure = HttpStatusCode.Forbidden;
        clock.Advance(TimeSpan.FromMinutes(121));

        var error = await Assert.ThrowsAsync<SignalRRestException>(() => client.NegotiateAsync());

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("'SignalR App Server' role", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("injected-token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendToGroupAsync_EntraTokenRefused_ThrowsNamingTheRole()
    {
        var options = Options("AuthType=azure.msi");
        options.Credential = new RecordingCredential("not-accepted-token");
        var client = TestSettings.Client(options);

        var error = await Assert.ThrowsAsync<SignalRRestException>(() => client.SendToGroupAsync("g", "events", [1]));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("'SignalR REST API Owner' role", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-accepted-token", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A client whose injected credential's token the service accepts, on <paramref name="clock"/>.</summary>
    private SignalRRestClient InjectedCredentialClient(TimeProvider clock)
    {
        _service.AcceptEntraToken("injected-token");
        var options = Options("AuthType=azure.msi");
        options.Credential = new RecordingCredential("injected-token");
        return TestSettings.Client(options, clock);
    }

    private SignalRRestOptions Options(string auth) => new()
    {
        ConnectionString = $"Endpoint=http://127.0.0.1;Port={_service.Port};{auth};Version=1.0;",
    };

    private string? KeyForKid(string? kid) => kid is not null && _service.TemporaryKeys.TryGetValue(kid, out var key) ? key : null;

    private static string Kid(SignalRNegotiateResponse reply) =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(reply.AccessToken).Kid ?? "";
}

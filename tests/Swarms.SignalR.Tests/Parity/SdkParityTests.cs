using System.Globalization;
using System.Reflection;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Swarms.SignalR.Auth;
using Swarms.SignalR.Tests.Support;
using SdkEndpoint = Microsoft.Azure.SignalR.ServiceEndpoint;

namespace Swarms.SignalR.Tests.Parity;

/// <summary>
/// Our connection string parsing, token layout, client URL and audience, and temporary key URL against the
/// Microsoft.Azure.SignalR 1.34.0 SDK itself (its public ServiceEndpoint, and by reflection the internals that do
/// the work: AuthUtility, AccessKey, DefaultServiceEndpointGenerator, MicrosoftEntraAccessKey).
/// </summary>
public sealed class SdkParityTests
{
    private static readonly Assembly SdkCommon = typeof(SdkEndpoint).Assembly;
    private static readonly Assembly SdkServer = typeof(Microsoft.Azure.SignalR.ServiceOptions).Assembly;

    public static TheoryData<string> ValidConnectionStrings => new()
    {
        $"Endpoint=https://x.service.signalr.net;AccessKey={TestSettings.AccessKey};Version=1.0;",
        $"endpoint=https://x.service.signalr.net/;accesskey={TestSettings.AccessKey};version=1.0",
        $"Endpoint=http://localhost;Port=8888;AccessKey={TestSettings.AccessKey};Version=1.0;",
        $"Endpoint=http://localhost:8080;AccessKey={TestSettings.AccessKey};Port=9090",
        $"Endpoint=https://x.service.signalr.net;AccessKey={TestSettings.AccessKey};ClientEndpoint=https://gateway.example.com;ServerEndpoint=https://internal.example.com:8443;Version=1.0;",
        "Endpoint=https://x.service.signalr.net;AuthType=azure.msi;ClientId=11111111-2222-3333-4444-555555555555;Version=1.0;",
        "Endpoint=https://x.service.signalr.net;AuthType=azure.msi;Version=1.0;",
        "Endpoint=https://x.service.signalr.net;AuthType=azure.app;TenantId=t;ClientId=c;ClientSecret=s;Version=1.0;",
        "Endpoint=https://x.service.signalr.net;Version=1.0-preview;",
    };

    public static TheoryData<string> InvalidConnectionStrings => new()
    {
        "Endpoint=https://x.service.signalr.net",
        "AccessKey=k;Version=1.0",
        "Endpoint=x.service.signalr.net;AccessKey=k",
        "Endpoint=https://x.service.signalr.net;AccessKey=k;Version=2.0",
        "Endpoint=https://x.service.signalr.net;AccessKey=k;Port=0",
        "Endpoint=https://x.service.signalr.net;AccessKey=k;Port=65536",
        "Endpoint=https://x.service.signalr.net;AccessKey=k;ClientEndpoint=gateway",
        "Endpoint=https://x.service.signalr.net;AccessKey=k;ServerEndpoint=ftp://internal",
        "Endpoint=https://x.service.signalr.net;AccessKey=k;ACCESSKEY=k",
        "Endpoint=https://x.service.signalr.net;AuthType=azure.app;TenantId=t;ClientSecret=s",
        "Endpoint=https://x.service.signalr.net;AuthType=azure.app;ClientId=c;ClientSecret=s",
        "Endpoint=https://x.service.signalr.net;AuthType=azure.app;ClientId=c;TenantId=t",
    };

    [Theory]
    [MemberData(nameof(ValidConnectionStrings))]
    public void Parse_Valid_SameEndpointsAsTheSdk(string connectionString)
    {
        var sdk = new SdkEndpoint(connectionString);
        var ours = SignalRConnectionString.Parse(connectionString);

        Assert.Equal(sdk.Endpoint, ours.Endpoint.GetLeftPart(UriPartial.Authority));
        Assert.Equal(sdk.ClientEndpoint, ours.ClientEndpoint);
        Assert.Equal(sdk.ServerEndpoint, ours.ServerEndpoint);
    }

    [Theory]
    [MemberData(nameof(InvalidConnectionStrings))]
    public void Parse_Invalid_RejectedByBoth(string connectionString)
    {
        Assert.ThrowsAny<ArgumentException>(() => new SdkEndpoint(connectionString));
        Assert.ThrowsAny<ArgumentException>(() => SignalRConnectionString.Parse(connectionString));
    }

    [Theory]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=k;Version=1.0;", "swarms")]
    [InlineData("Endpoint=http://localhost;Port=8888;AccessKey=k;Version=1.0;", "Swarms")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=k;ClientEndpoint=https://gateway.example.com:444;Version=1.0;", "swarms")]
    public async Task Negotiate_UrlAndAudience_AsTheSdkGeneratesThem(string connectionString, string hub)
    {
        var generator = Activator.CreateInstance(
            SdkServer.GetType("Microsoft.Azure.SignalR.DefaultServiceEndpointGenerator", throwOnError: true)!,
            new SdkEndpoint(connectionString))!;
        var sdkUrl = (string)Invoke(generator, "GetClientEndpoint", hub, null, null, null);
        var sdkAudience = (string)Invoke(generator, "GetClientAudience", hub, null);
        var options = new SignalRRestOptions { ConnectionString = connectionString.Replace("AccessKey=k", $"AccessKey={TestSettings.AccessKey}", StringComparison.Ordinal), HubName = hub };

        var reply = await TestSettings.Client(options).NegotiateAsync();

        Assert.Equal(sdkUrl, reply.Url);
        Assert.Equal(sdkAudience, Payload(reply.AccessToken).GetProperty("aud").GetString());
    }

    [Fact]
    public void Jwt_SameInputs_ByteForByteTheSdksToken()
    {
        var key = Encoding.UTF8.GetBytes(TestSettings.AccessKey);
        const string Audience = "https://x.service.signalr.net/api/hubs/swarms/groups/run%2F1/:send";
        var lifetime = TimeSpan.FromHours(1);
        var generate = SdkCommon.GetType("Microsoft.Azure.SignalR.AuthUtility", throwOnError: true)!
            .GetMethod("GenerateAccessToken", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;
        Claim[] claims = [new(ClaimTypes.NameIdentifier, "machine_0123"), new("asrs.s.uid", "bob ä+<&>")];

        // The SDK reads the clock twice (exp, then iat); retry in the rare case a second boundary fell between.
        for (var attempt = 0; ; attempt++)
        {
            var sdkToken = (string)generate.Invoke(null, [key, "kid-1", Audience, claims, lifetime, Microsoft.Azure.SignalR.AccessTokenAlgorithm.HS256])!;
            var payload = Payload(sdkToken);
            var issuedAt = DateTimeOffset.FromUnixTimeSeconds(payload.GetProperty("iat").GetInt64());
            if (payload.GetProperty("exp").GetInt64() - issuedAt.ToUnixTimeSeconds() != (long)lifetime.TotalSeconds && attempt < 5)
            {
                continue;
            }

            var ours = SignalRJwt.Create(key, "kid-1", Audience, [new("nameid", "machine_0123"), new("asrs.s.uid", "bob ä+<&>")], issuedAt, lifetime);

            Assert.Equal(sdkToken, ours);
            return;
        }
    }

    [Fact]
    public void AccessKeyKid_TheSdksKid()
    {
        var sdkKey = Activator.CreateInstance(
            SdkCommon.GetType("Microsoft.Azure.SignalR.AccessKey", throwOnError: true)!,
            BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic,
            binder: null,
            [TestSettings.AccessKey],
            CultureInfo.InvariantCulture)!;

        var ours = new AccessKeyAuthenticator(TestSettings.AccessKey, new FakeTimeProvider());

        Assert.Equal((string)sdkKey.GetType().GetProperty("Kid")!.GetValue(sdkKey)!, ours.Kid);
    }

    [Theory]
    [InlineData("Endpoint=https://x.service.signalr.net;AuthType=azure.msi;Version=1.0;")]
    [InlineData("Endpoint=https://x.service.signalr.net;AuthType=azure.msi;ServerEndpoint=https://internal.example.com/prefix/;Version=1.0;")]
    [InlineData("Endpoint=http://localhost;Port=8888;AuthType=azure.msi;Version=1.0;")]
    public void TemporaryAccessKeyUrl_TheSdksUrl(string connectionString)
    {
        var sdkKey = new SdkEndpoint(connectionString).GetType()
            .GetProperty("AccessKey", BindingFlags.Instance | BindingFlags.NonPublic)!
            .GetValue(new SdkEndpoint(connectionString))!;
        var sdkUrl = (string)sdkKey.GetType().GetProperty("GetAccessKeyUrl", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(sdkKey)!;
        var options = new SignalRRestOptions { ConnectionString = connectionString, Credential = new RecordingCredential("t") };

        var ours = (MicrosoftEntraAuthenticator)TestSettings.Client(options).Authenticator;

        Assert.Equal(sdkUrl, ours.AccessKeyUri.AbsoluteUri);
    }

    private static object Invoke(object target, string method, params object?[] arguments) =>
        target.GetType().GetMethod(method, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!.Invoke(target, arguments)!;

    private static JsonElement Payload(string token) =>
        JsonDocument.Parse(Base64UrlDecode(token.Split('.')[1])).RootElement;

    private static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
}

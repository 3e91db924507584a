using Azure.Identity;

namespace Swarms.SignalR.Tests.Connection;

public sealed class SignalRConnectionStringTests
{
    private const string Key = "SuperSecretKeyValue0123456789abcdefghijklmno=";

    [Fact]
    public void Parse_AccessKeyForm_ReadsEndpointKeyAndVersion()
    {
        var parsed = SignalRConnectionString.Parse($"Endpoint=https://x.service.signalr.net;AccessKey={Key};Version=1.0;");

        Assert.Equal(new Uri("https://x.service.signalr.net/"), parsed.Endpoint);
        Assert.Equal(parsed.Endpoint, parsed.ClientEndpoint);
        Assert.Equal(parsed.Endpoint, parsed.ServerEndpoint);
        Assert.Equal(SignalRAuthType.AccessKey, parsed.AuthType);
        Assert.Equal(Key, parsed.AccessKey);
        Assert.Equal("1.0", parsed.Version);
        Assert.Null(parsed.CreateCredential());
    }

    [Fact]
    public void Parse_KeysAnyCaseValuesTrimmedTrailingSlashAndEqualsInValue_AsTheSdk()
    {
        var parsed = SignalRConnectionString.Parse($" endpoint = https://x.service.signalr.net/ ; ACCESSKEY={Key} ;version=1.0-preview");

        Assert.Equal(new Uri("https://x.service.signalr.net/"), parsed.Endpoint);
        // The value keeps everything after the first '=', so base64 padding survives.
        Assert.Equal(Key, parsed.AccessKey);
        Assert.Equal("1.0-preview", parsed.Version);
    }

    [Fact]
    public void Parse_PortClientAndServerEndpoints_Applied()
    {
        var parsed = SignalRConnectionString.Parse(
            $"Endpoint=http://localhost;Port=8888;AccessKey={Key};ClientEndpoint=https://gateway.example.com;ServerEndpoint=https://internal.example.com:8443;Version=1.0;");

        Assert.Equal(new Uri("http://localhost:8888/"), parsed.Endpoint);
        Assert.Equal(new Uri("https://gateway.example.com/"), parsed.ClientEndpoint);
        Assert.Equal(new Uri("https://internal.example.com:8443/"), parsed.ServerEndpoint);
    }

    [Fact]
    public void Parse_UserAssignedManagedIdentity_ClientIdAndManagedIdentityCredential()
    {
        var parsed = SignalRConnectionString.Parse("Endpoint=https://x.service.signalr.net;AuthType=azure.msi;ClientId=11111111-2222-3333-4444-555555555555;Version=1.0;");

        Assert.Equal(SignalRAuthType.ManagedIdentity, parsed.AuthType);
        Assert.Equal("11111111-2222-3333-4444-555555555555", parsed.ClientId);
        Assert.IsType<ManagedIdentityCredential>(parsed.CreateCredential());
    }

    [Fact]
    public void Parse_SystemAssignedManagedIdentity_NoClientId()
    {
        var parsed = SignalRConnectionString.Parse("Endpoint=https://x.service.signalr.net;AuthType=Azure.MSI;Version=1.0;");

        Assert.Equal(SignalRAuthType.ManagedIdentity, parsed.AuthType);
        Assert.Null(parsed.ClientId);
        Assert.IsType<ManagedIdentityCredential>(parsed.CreateCredential());
    }

    [Fact]
    public void Parse_Application_ClientSecretCredential()
    {
        var parsed = SignalRConnectionString.Parse("Endpoint=https://x.service.signalr.net;AuthType=azure.app;TenantId=tenant;ClientId=app;ClientSecret=shh;Version=1.0;");

        Assert.Equal(SignalRAuthType.Application, parsed.AuthType);
        Assert.Equal("tenant", parsed.TenantId);
        Assert.IsType<ClientSecretCredential>(parsed.CreateCredential());
    }

    [Fact]
    public void Parse_AccessKeyAndAuthType_AccessKeyWinsAsInTheSdk()
    {
        var parsed = SignalRConnectionString.Parse($"Endpoint=https://x.service.signalr.net;AccessKey={Key};AuthType=azure.msi;Version=1.0;");

        Assert.Equal(SignalRAuthType.AccessKey, parsed.AuthType);
    }

    [Fact]
    public void Parse_NeitherKeyNorAuthType_DefaultAzureCredentialAsInTheSdk()
    {
        var parsed = SignalRConnectionString.Parse("Endpoint=https://x.service.signalr.net;Version=1.0;");

        Assert.Equal(SignalRAuthType.DefaultAzureCredential, parsed.AuthType);
        Assert.IsType<DefaultAzureCredential>(parsed.CreateCredential());
    }

    [Theory]
    [InlineData("", "at least Endpoint")]
    [InlineData("Endpoint=https://x.service.signalr.net", "at least Endpoint")]
    [InlineData("AccessKey=SECRET;Version=1.0", "Endpoint part is missing")]
    [InlineData("Endpoint=;AccessKey=SECRET", "Endpoint part is missing")]
    [InlineData("Endpoint=x.service.signalr.net;AccessKey=SECRET", "Endpoint must be an absolute http:// or https:// URI")]
    [InlineData("Endpoint=ftp://x.service.signalr.net;AccessKey=SECRET", "Endpoint must be an absolute http:// or https:// URI")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=SECRET;Version=2.0", "Version must be 1.x")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=SECRET;Port=0", "Port must be an integer from 1 to 65535")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=SECRET;Port=70000", "Port must be an integer from 1 to 65535")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=SECRET;Port=abc", "Port must be an integer from 1 to 65535")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=SECRET;ClientEndpoint=gateway", "ClientEndpoint must be an absolute")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=SECRET;ServerEndpoint=/relative", "ServerEndpoint must be an absolute")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=SECRET;accesskey=SECRET", "the accesskey part appears more than once")]
    [InlineData("Endpoint=https://x.service.signalr.net;AuthType=azure.app;TenantId=t;ClientSecret=SECRET", "needs a ClientId part")]
    [InlineData("Endpoint=https://x.service.signalr.net;AuthType=azure.app;ClientId=c;ClientSecret=SECRET", "needs a TenantId part")]
    [InlineData("Endpoint=https://x.service.signalr.net;AuthType=azure.app;ClientId=c;TenantId=t", "needs a ClientSecret or ClientCert part")]
    [InlineData("Endpoint=https://x.service.signalr.net;AuthType=azure.msl;ClientId=SECRET", "AuthType must be azure.msi or azure.app")]
    public void Parse_Malformed_NamesTheBadPartAndNeverTheSecret(string connectionString, string expected)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => SignalRConnectionString.Parse(connectionString));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Invalid Azure SignalR connection string: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_RedactsKeyAndClientSecret()
    {
        var withKey = SignalRConnectionString.Parse($"Endpoint=https://x.service.signalr.net;AccessKey={Key};Version=1.0;");
        var withSecret = SignalRConnectionString.Parse("Endpoint=https://x.service.signalr.net;AuthType=azure.app;TenantId=t;ClientId=c;ClientSecret=TopSecret;Version=1.0;");

        Assert.Equal("Endpoint=https://x.service.signalr.net/;AccessKey=***;Version=1.0", withKey.ToString());
        Assert.DoesNotContain(Key, withKey.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("TopSecret", withSecret.ToString(), StringComparison.Ordinal);
        Assert.Contains("ClientSecret=***", withSecret.ToString(), StringComparison.Ordinal);
    }
}

using Swarms.SignalR.Tests.Fakes;

namespace Swarms.SignalR.Tests.Support;

/// <summary>Keys and connection strings for tests against a <see cref="FakeSignalRService"/>.</summary>
public static class TestSettings
{
    /// <summary>A test key shaped like an Azure one (44 characters); its UTF-8 bytes are 352 bits, enough for HS256.</summary>
    public const string AccessKey = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop0=";

    /// <summary>A connection string with the access key, using the <c>Port=</c> part as the SDK allows.</summary>
    public static string KeyConnectionString(FakeSignalRService service) =>
        $"Endpoint=http://127.0.0.1;AccessKey={AccessKey};Port={service.Port};Version=1.0;";

    /// <summary>Options with the access key and small backoffs, so retries run quickly.</summary>
    public static SignalRRestOptions Options(FakeSignalRService service, Action<SignalRPublisherOptions>? publisher = null)
    {
        service.AccessKey = AccessKey;
        var options = new SignalRRestOptions { ConnectionString = KeyConnectionString(service) };
        options.Publisher.InitialBackoff = TimeSpan.FromMilliseconds(1);
        options.Publisher.MaxBackoff = TimeSpan.FromMilliseconds(20);
        publisher?.Invoke(options.Publisher);
        return options;
    }

    /// <summary>A REST client over a fresh HttpClient.</summary>
    public static SignalRRestClient Client(SignalRRestOptions options, TimeProvider? time = null) =>
        new(options, SharedHttp, time ?? TimeProvider.System, null);

    private static readonly HttpClient Http = new();

    private static HttpClient SharedHttp() => Http;
}

using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Core;
using Microsoft.Extensions.Logging;

namespace Swarms.SignalR.Auth;

/// <summary>
/// Microsoft Entra auth, as the Microsoft.Azure.SignalR SDK 1.34.0 does it (checked in its decompiled
/// <c>RestApiAccessTokenGenerator</c> and <c>MicrosoftEntraAccessKey</c>):
/// <list type="bullet">
/// <item>REST calls carry the Entra token itself (scope <c>https://signalr.azure.com/.default</c>); the identity needs
/// the "SignalR REST API Owner" role.</item>
/// <item>Client tokens are signed locally with a temporary access key fetched by
/// <c>GET {serverEndpoint}/api/v1/auth/accessKey</c> with the Entra token (response <c>{"KeyId":...,"AccessKey":...}</c>),
/// with <c>kid</c> = that KeyId so the service finds the key; the identity needs the "SignalR App Server" role. The key
/// is refreshed after 55 minutes and used for at most 120 (the SDK's GetAccessKeyInterval / AccessKeyExpireTime).</item>
/// </list>
/// </summary>
internal sealed class MicrosoftEntraAuthenticator : SignalRAuthenticator
{
    /// <summary>The scope the SDK asks Entra for.</summary>
    public const string Scope = "https://signalr.azure.com/.default";

    /// <summary>A temporary key older than this is refreshed (in the background while it is still usable).</summary>
    public static readonly TimeSpan AccessKeyRefreshAfter = TimeSpan.FromMinutes(55);

    /// <summary>A temporary key older than this is not used.</summary>
    public static readonly TimeSpan AccessKeyUsableFor = TimeSpan.FromMinutes(120);

    private static readonly TokenRequestContext TokenRequest = new([Scope]);
    // How long one Entra token request or one access key request may take (the SDK allows 100 s for both together).
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly TokenCredential _credential;
    private readonly Uri _accessKeyUri;
    private readonly Func<HttpClient> _httpClient;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _keyGate = new();
    private volatile CachedToken? _token;
    private Task<CachedToken>? _tokenRefresh;
    private TemporaryAccessKey? _key;
    private Task<TemporaryAccessKey>? _keyRefresh;

    public MicrosoftEntraAuthenticator(TokenCredential credential, Uri serverEndpoint, Func<HttpClient> httpClient, TimeProvider time, ILogger logger)
    {
        _credential = credential;
        _accessKeyUri = UriPaths.Append(serverEndpoint, "api/v1/auth/accessKey");
        _httpClient = httpClient;
        _time = time;
        _logger = logger;
    }

    /// <summary>Where temporary access keys are fetched from.</summary>
    public Uri AccessKeyUri => _accessKeyUri;

    public override async ValueTask<string> GetRestTokenAsync(Uri requestUri, CancellationToken cancellationToken) =>
        await GetEntraTokenAsync(cancellationToken).ConfigureAwait(false);

    public override async ValueTask<string> GetClientTokenAsync(string audience, string? userId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var key = await GetAccessKeyAsync(cancellationToken).ConfigureAwait(false);
        return SignalRJwt.Create(key.Key, key.KeyId, audience, ClientClaims(userId), _time.GetUtcNow(), lifetime);
    }

    public override void ForgetRestTokens() => _token = null;

    /// <summary>The Entra token for the SignalR scope, reused until the credential's refresh time; one request at a time.</summary>
    private async ValueTask<string> GetEntraTokenAsync(CancellationToken cancellationToken)
    {
        if (_token is { } cached && _time.GetUtcNow() < cached.RenewAt)
        {
            return cached.Token;
        }

        Task<CachedToken> refresh;
        lock (_keyGate)
        {
            refresh = _tokenRefresh ??= RefreshEntraTokenAsync();
        }

        return (await refresh.WaitAsync(cancellationToken).ConfigureAwait(false)).Token;
    }

    private async Task<CachedToken> RefreshEntraTokenAsync()
    {
        await Task.Yield();
        try
        {
            using var timeout = new CancellationTokenSource(RequestTimeout, _time);
            var token = await _credential.GetTokenAsync(TokenRequest, timeout.Token).ConfigureAwait(false);
            // Reused until the credential says to refresh, else until shortly before it expires.
            var cached = new CachedToken(token.Token, token.RefreshOn ?? token.ExpiresOn - RenewBeforeExpiry);
            _token = cached;
            return cached;
        }
        finally
        {
            lock (_keyGate)
            {
                _tokenRefresh = null;
            }
        }
    }

    private async ValueTask<TemporaryAccessKey> GetAccessKeyAsync(CancellationToken cancellationToken)
    {
        Task<TemporaryAccessKey> refresh;
        lock (_keyGate)
        {
            var age = _key is null ? TimeSpan.MaxValue : _time.GetUtcNow() - _key.FetchedAt;
            if (_key is not null && age < AccessKeyRefreshAfter)
            {
                return _key;
            }

            refresh = _keyRefresh ??= RefreshAccessKeyAsync();
            if (_key is not null && age < AccessKeyUsableFor)
            {
                // Still usable: refresh in the background and sign with the current key meanwhile. A failed
                // background refresh is logged by RefreshAccessKeyAsync; observe it here so it is not reported twice.
                _ = refresh.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return _key;
            }
        }

        return await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches a temporary key once for every caller waiting on it; a failure is logged and rethrown.</summary>
    private async Task<TemporaryAccessKey> RefreshAccessKeyAsync()
    {
        await Task.Yield();
        try
        {
            using var timeout = new CancellationTokenSource(RequestTimeout, _time);
            var key = await FetchAccessKeyAsync(timeout.Token).ConfigureAwait(false);
            lock (_keyGate)
            {
                _key = key;
            }

            return key;
        }
        catch (Exception ex)
        {
            _logger.AccessKeyRefreshFailed(_accessKeyUri.GetLeftPart(UriPartial.Path), ex);
            throw;
        }
        finally
        {
            lock (_keyGate)
            {
                _keyRefresh = null;
            }
        }
    }

    private async Task<TemporaryAccessKey> FetchAccessKeyAsync(CancellationToken cancellationToken)
    {
        var entraToken = await GetEntraTokenAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, _accessKeyUri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", entraToken);
        using var response = await _httpClient().SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await SignalRRestException.FromResponseAsync(
                request,
                response,
                "Azure SignalR did not issue a temporary access key for signing client tokens; the identity needs the 'SignalR App Server' role",
                cancellationToken).ConfigureAwait(false);
        }

        using var json = await JsonDocument.ParseAsync(
            await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var keyId = ReadString(json.RootElement, "KeyId");
        var accessKey = ReadString(json.RootElement, "AccessKey");
        if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(accessKey))
        {
            throw new SignalRRestException(
                $"Azure SignalR answered {request.Method} {_accessKeyUri.AbsolutePath} without the required KeyId and AccessKey fields.",
                response.StatusCode);
        }

        return new TemporaryAccessKey(keyId, System.Text.Encoding.UTF8.GetBytes(accessKey), _time.GetUtcNow());
    }

    // The SDK reads these with System.Text.Json's defaults (exact names); any casing is accepted here.
    private static string? ReadString(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                return property.Value.GetString();
            }
        }

        return null;
    }

    private sealed record CachedToken(string Token, DateTimeOffset RenewAt);

    private sealed record TemporaryAccessKey(string KeyId, byte[] Key, DateTimeOffset FetchedAt);
}

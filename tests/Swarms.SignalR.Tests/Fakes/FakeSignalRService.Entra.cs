using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace Swarms.SignalR.Tests.Fakes;

/// <summary>
/// Microsoft Entra: an App Service managed identity endpoint (the protocol Azure.Identity's ManagedIdentityCredential
/// speaks when IDENTITY_ENDPOINT and IDENTITY_HEADER are set) that issues opaque tokens, and the service's temporary
/// access key endpoint, which accepts only those tokens.
/// </summary>
public sealed partial class FakeSignalRService
{
    private readonly ConcurrentDictionary<string, byte> _entraTokens = new();
    private readonly ConcurrentDictionary<string, string> _temporaryKeys = new();
    private readonly ConcurrentQueue<ManagedIdentityRequest> _identityRequests = new();
    private int _accessKeyRequests;
    private int _keyNumber;

    /// <summary>The secret header value the managed identity endpoint requires (IDENTITY_HEADER).</summary>
    public string IdentityHeader { get; } = $"identity-header-{Guid.NewGuid():N}";

    /// <summary>The managed identity endpoint (IDENTITY_ENDPOINT).</summary>
    public string IdentityEndpoint => $"{Endpoint}/msi/token";

    /// <summary>Token requests the managed identity endpoint received.</summary>
    public IReadOnlyList<ManagedIdentityRequest> IdentityRequests => [.. _identityRequests];

    /// <summary>Requests to the temporary access key endpoint (valid or not).</summary>
    public int AccessKeyRequests => Volatile.Read(ref _accessKeyRequests);

    /// <summary>Temporary keys issued, by key id.</summary>
    public IReadOnlyDictionary<string, string> TemporaryKeys => _temporaryKeys;

    /// <summary>When set, the access key endpoint answers with this status instead of a key.</summary>
    public HttpStatusCode? AccessKeyFailure { get; set; }

    /// <summary>Makes <paramref name="token"/> a valid Entra token for this service (an injected credential's).</summary>
    public void AcceptEntraToken(string token) => _entraTokens[token] = 0;

    private async Task HandleManagedIdentityAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var request = new ManagedIdentityRequest(
            query["api-version"].ToString(),
            query["resource"].ToString(),
            query.TryGetValue("client_id", out var clientId) ? clientId.ToString() : null,
            context.Request.Headers["X-IDENTITY-HEADER"] == IdentityHeader);
        _identityRequests.Enqueue(request);
        if (!request.HeaderMatched)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var token = $"entra-token-{Guid.NewGuid():N}";
        AcceptEntraToken(token);
        var expiresOn = Clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            ["access_token"] = token,
            ["expires_on"] = expiresOn,
            ["resource"] = request.Resource,
            ["token_type"] = "Bearer",
            ["client_id"] = request.ClientId ?? "system-assigned",
        });
    }

    private async Task HandleAccessKeyAsync(HttpContext context)
    {
        Interlocked.Increment(ref _accessKeyRequests);
        var authorization = context.Request.Headers.Authorization.ToString();
        if (context.Request.Method != HttpMethods.Get
            || !authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            || !_entraTokens.ContainsKey(authorization["Bearer ".Length..]))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (AccessKeyFailure is { } failure)
        {
            context.Response.StatusCode = (int)failure;
            await context.Response.WriteAsync("{\"code\":\"Forbidden\",\"message\":\"Principal lacks auth/accessKey/action.\"}");
            return;
        }

        var keyId = $"temp-key-{Interlocked.Increment(ref _keyNumber)}";
        var key = $"temporary-access-key-{Guid.NewGuid():N}-{Guid.NewGuid():N}";
        _temporaryKeys[keyId] = key;
        await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["KeyId"] = keyId, ["AccessKey"] = key });
    }
}

/// <summary>A token request to the fake managed identity endpoint.</summary>
public sealed record ManagedIdentityRequest(string ApiVersion, string Resource, string? ClientId, bool HeaderMatched);

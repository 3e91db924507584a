using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Identity;

namespace Swarms.SignalR;

/// <summary>
/// An Azure SignalR Service connection string (the <c>AzureSignalRConnectionString</c> app setting), parsed by the rules
/// of the Microsoft.Azure.SignalR SDK (1.34.0 <c>ConnectionStringParser</c>): <c>;</c>-separated <c>key=value</c> pairs,
/// keys case-insensitive, values trimmed, parts without <c>=</c> ignored, duplicates rejected.
/// </summary>
/// <remarks>
/// <para>Forms: <c>Endpoint=https://x.service.signalr.net;AccessKey=...;Version=1.0;</c> (optionally <c>Port=</c>,
/// <c>ClientEndpoint=</c>, <c>ServerEndpoint=</c>); <c>Endpoint=...;AuthType=azure.msi;ClientId=...;Version=1.0;</c>
/// (user-assigned identity) or without <c>ClientId</c> (system-assigned); <c>AuthType=azure.app</c> with
/// <c>TenantId</c>, <c>ClientId</c> and <c>ClientSecret</c> or <c>ClientCert</c>.</para>
/// <para>Secrets (<c>AccessKey</c>, <c>ClientSecret</c>) are never part of an error message or of
/// <see cref="ToString"/>: errors name the bad part, not its value.</para>
/// </remarks>
public sealed partial class SignalRConnectionString
{
    private const string ErrorPrefix = "Invalid Azure SignalR connection string: ";

    private SignalRConnectionString(
        Uri endpoint,
        Uri? clientEndpoint,
        Uri? serverEndpoint,
        string? version,
        SignalRAuthType authType,
        string? accessKey,
        string? clientId,
        string? tenantId,
        string? clientSecret,
        string? clientCertificatePath)
    {
        Endpoint = endpoint;
        ClientEndpoint = clientEndpoint ?? endpoint;
        ServerEndpoint = serverEndpoint ?? endpoint;
        Version = version;
        AuthType = authType;
        AccessKey = accessKey;
        ClientId = clientId;
        TenantId = tenantId;
        ClientSecret = clientSecret;
        ClientCertificatePath = clientCertificatePath;
    }

    /// <summary>The service endpoint (<c>Endpoint</c>, with <c>Port</c> applied), without a trailing slash in its path.</summary>
    public Uri Endpoint { get; }

    /// <summary>Where clients connect (<c>ClientEndpoint</c>, e.g. a gateway); <see cref="Endpoint"/> when not set.</summary>
    public Uri ClientEndpoint { get; }

    /// <summary>Where the app sends REST calls (<c>ServerEndpoint</c>); <see cref="Endpoint"/> when not set.</summary>
    public Uri ServerEndpoint { get; }

    /// <summary>The <c>Version</c> part, when present (only 1.x is accepted).</summary>
    public string? Version { get; }

    /// <summary>How tokens are obtained.</summary>
    public SignalRAuthType AuthType { get; }

    /// <summary>The Microsoft Entra client id (<c>ClientId</c>): a user-assigned identity or an application.</summary>
    public string? ClientId { get; }

    /// <summary>The Microsoft Entra tenant (<c>TenantId</c>) of an application.</summary>
    public string? TenantId { get; }

    internal string? AccessKey { get; }

    internal string? ClientSecret { get; }

    internal string? ClientCertificatePath { get; }

    /// <summary>
    /// Parses a connection string.
    /// </summary>
    /// <param name="connectionString">The connection string.</param>
    /// <returns>The parsed connection string.</returns>
    /// <exception cref="ArgumentException">A part is missing or invalid; the message names it (never a secret's value).</exception>
    public static SignalRConnectionString Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var parts = ToDictionary(connectionString);

        if (!parts.TryGetValue("Endpoint", out var endpointText) || endpointText.Length == 0)
        {
            throw Invalid("the Endpoint part is missing.");
        }

        if (!TryCreateEndpointUri(endpointText.TrimEnd('/'), out var endpointUri))
        {
            throw Invalid("Endpoint must be an absolute http:// or https:// URI.");
        }

        var endpoint = new UriBuilder(endpointUri);
        string? version = null;
        if (parts.TryGetValue("Version", out var versionText))
        {
            if (!SupportedVersion().IsMatch(versionText))
            {
                throw Invalid("Version must be 1.x (for example Version=1.0).");
            }

            version = versionText;
        }

        if (parts.TryGetValue("Port", out var portText))
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is <= 0 or > 65535)
            {
                throw Invalid("Port must be an integer from 1 to 65535.");
            }

            endpoint.Port = port;
        }

        var clientEndpoint = OptionalEndpoint(parts, "ClientEndpoint");
        var serverEndpoint = OptionalEndpoint(parts, "ServerEndpoint");
        parts.TryGetValue("AccessKey", out var accessKey);
        parts.TryGetValue("ClientId", out var clientId);
        parts.TryGetValue("TenantId", out var tenantId);
        parts.TryGetValue("ClientSecret", out var clientSecret);
        parts.TryGetValue("ClientCert", out var clientCert);
        var authType = ResolveAuthType(parts, accessKey, clientId, tenantId, clientSecret, clientCert);

        return new SignalRConnectionString(
            endpoint.Uri,
            clientEndpoint,
            serverEndpoint,
            version,
            authType,
            NullIfEmpty(accessKey),
            NullIfEmpty(clientId),
            NullIfEmpty(tenantId),
            NullIfEmpty(clientSecret),
            NullIfEmpty(clientCert));
    }

    /// <summary>
    /// The credential this connection string names, for Microsoft Entra auth types; <see langword="null"/> for
    /// <see cref="SignalRAuthType.AccessKey"/>. <c>azure.msi</c> gives a <see cref="ManagedIdentityCredential"/> for
    /// <see cref="ClientId"/> (or the system-assigned identity), as the SDK does.
    /// </summary>
    /// <returns>A new credential, or <see langword="null"/>.</returns>
    public TokenCredential? CreateCredential() => AuthType switch
    {
        SignalRAuthType.AccessKey => null,
        SignalRAuthType.ManagedIdentity => new ManagedIdentityCredential(ClientId is null
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(ClientId)),
        SignalRAuthType.Application => ClientSecret is not null
            ? new ClientSecretCredential(TenantId, ClientId, ClientSecret)
            : new ClientCertificateCredential(TenantId, ClientId, ClientCertificatePath),
        _ => new DefaultAzureCredential(),
    };

    /// <summary>The connection string with its secrets redacted, for logs.</summary>
    /// <returns>For example <c>Endpoint=https://x.service.signalr.net/;AuthType=azure.msi;ClientId=...</c>.</returns>
    public override string ToString()
    {
        var text = $"Endpoint={Endpoint}";
        text += AuthType switch
        {
            SignalRAuthType.AccessKey => ";AccessKey=***",
            SignalRAuthType.ManagedIdentity => ";AuthType=azure.msi" + (ClientId is null ? "" : $";ClientId={ClientId}"),
            SignalRAuthType.Application => $";AuthType=azure.app;TenantId={TenantId};ClientId={ClientId}"
                + (ClientSecret is null ? ";ClientCert=***" : ";ClientSecret=***"),
            _ => "",
        };
        if (ClientEndpoint != Endpoint)
        {
            text += $";ClientEndpoint={ClientEndpoint}";
        }

        if (ServerEndpoint != Endpoint)
        {
            text += $";ServerEndpoint={ServerEndpoint}";
        }

        return Version is null ? text : $"{text};Version={Version}";
    }

    private static SignalRAuthType ResolveAuthType(
        Dictionary<string, string> parts,
        string? accessKey,
        string? clientId,
        string? tenantId,
        string? clientSecret,
        string? clientCert)
    {
        // An access key wins over AuthType, as in the SDK's ServiceEndpoint (it builds an AccessKey whenever one is set).
        if (!string.IsNullOrEmpty(accessKey))
        {
            return SignalRAuthType.AccessKey;
        }

        if (!parts.TryGetValue("AuthType", out var authType) || authType.Length == 0)
        {
            return SignalRAuthType.DefaultAzureCredential;
        }

        switch (authType.ToUpperInvariant())
        {
            case "AZURE.MSI":
                return SignalRAuthType.ManagedIdentity;
            case "AZURE.APP":
                if (string.IsNullOrEmpty(clientId))
                {
                    throw Invalid("AuthType=azure.app needs a ClientId part.");
                }

                if (string.IsNullOrEmpty(tenantId))
                {
                    throw Invalid("AuthType=azure.app needs a TenantId part.");
                }

                return string.IsNullOrEmpty(clientSecret) && string.IsNullOrEmpty(clientCert)
                    ? throw Invalid("AuthType=azure.app needs a ClientSecret or ClientCert part.")
                    : SignalRAuthType.Application;
            case "AAD":
                // The SDK's obsolete form: an application when ClientId and TenantId are given, else a managed identity.
                if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(tenantId))
                {
                    return SignalRAuthType.ManagedIdentity;
                }

                return string.IsNullOrEmpty(clientSecret) && string.IsNullOrEmpty(clientCert)
                    ? throw Invalid("AuthType=aad with a TenantId needs a ClientSecret or ClientCert part.")
                    : SignalRAuthType.Application;
            case "AZURE":
                return SignalRAuthType.DefaultAzureCredential;
            default:
                // The SDK silently falls back to DefaultAzureCredential here; a typo should not authenticate as
                // whatever identity the machine happens to have.
                throw Invalid("AuthType must be azure.msi or azure.app (or be omitted when AccessKey is given).");
        }
    }

    private static Uri? OptionalEndpoint(Dictionary<string, string> parts, string name)
    {
        if (!parts.TryGetValue(name, out var text))
        {
            return null;
        }

        return TryCreateEndpointUri(text, out var uri) ? uri : throw Invalid($"{name} must be an absolute http:// or https:// URI.");
    }

    private static Dictionary<string, string> ToDictionary(string connectionString)
    {
        var properties = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries);
        if (properties.Length < 2)
        {
            // The SDK's rule: fewer than two parts cannot hold an endpoint and a way to authenticate.
            throw Invalid("expected ';'-separated key=value parts with at least Endpoint and AccessKey or AuthType.");
        }

        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in properties)
        {
            var separator = property.IndexOf('=', StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            var key = property[..separator].Trim();
            if (!parts.TryAdd(key, property[(separator + 1)..].Trim()))
            {
                throw Invalid($"the {key} part appears more than once.");
            }
        }

        return parts;
    }

    private static bool TryCreateEndpointUri(string text, out Uri uri)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps))
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static ArgumentException Invalid(string reason) => new(ErrorPrefix + reason);

    // The SDK's ValidVersionRegex: service API 1.x only.
    [GeneratedRegex(@"^1\.\d+(?:[\w-.]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SupportedVersion();
}

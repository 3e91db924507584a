using System.Text.Json;
using Azure.Core;

namespace Swarms.SignalR;

/// <summary>
/// Settings of the Azure SignalR Service REST client, its negotiate and its publisher: one shape, defaults here.
/// Copied when a client is created; changing an instance afterwards does not affect that client.
/// </summary>
public sealed class SignalRRestOptions
{
    /// <summary>The app setting read by <c>AddAzureSignalRRest</c>, as in the Azure Functions SignalR extension.</summary>
    public const string ConnectionStringSetting = "AzureSignalRConnectionString";

    /// <summary>The hub every Swarms client connects to.</summary>
    public const string DefaultHubName = "swarms";

    /// <summary>The Azure SignalR connection string (see <see cref="SignalRConnectionString"/>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The hub. Lower-cased before use, as the service and the SDK do, so <c>Swarms</c> and <c>swarms</c> are one hub.
    /// Letters, digits and <c>_`,.[]</c>, starting with a letter, at most 128 characters.
    /// </summary>
    public string HubName { get; set; } = DefaultHubName;

    /// <summary>
    /// The Microsoft Entra credential to use instead of the one the connection string names (for example a
    /// <c>DefaultAzureCredential</c> shared by the app, or a test credential). Ignored when the connection string has
    /// an <c>AccessKey</c>.
    /// </summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>
    /// How long a client access token from negotiate is valid: one hour, the SDK's default. The service closes no
    /// connection when it expires; it only limits how long the token can be used to connect.
    /// </summary>
    public TimeSpan ClientTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How arguments of sent messages are serialised; web defaults (camelCase) unless set.</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>Settings of <see cref="SignalRPublisher"/>.</summary>
    public SignalRPublisherOptions Publisher { get; set; } = new();

    internal SignalRRestOptions Clone() => new()
    {
        ConnectionString = ConnectionString,
        HubName = HubName,
        Credential = Credential,
        ClientTokenLifetime = ClientTokenLifetime,
        SerializerOptions = SerializerOptions,
        Publisher = Publisher.Clone(),
    };
}

using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Swarms.Api.Storage;

/// <summary>
/// The app's storage account, read from the <c>AzureWebJobsStorage</c> connection the way the Functions host reads it:
/// either a connection string (<c>UseDevelopmentStorage=true</c> for Azurite), or, with no key anywhere, an
/// identity-based connection: <c>AzureWebJobsStorage__accountName</c> (or <c>__queueServiceUri</c>), with
/// <c>__credential=managedidentity</c> and <c>__clientId</c> for a user-assigned identity (what infra/ deploys);
/// without <c>__credential</c>, <c>DefaultAzureCredential</c> (developer sign-in, or <c>AZURE_CLIENT_ID</c>).
/// </summary>
public sealed class StorageConnection
{
    /// <summary>The connection's name (the Functions default).</summary>
    public const string DefaultName = "AzureWebJobsStorage";

    private StorageConnection(string? connectionString, string? accountName, Uri? queueServiceUri, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        AccountName = accountName;
        QueueServiceUri = queueServiceUri;
        Credential = credential;
    }

    /// <summary>The connection string, when the connection has one.</summary>
    public string? ConnectionString { get; }

    /// <summary>The account name of an identity-based connection.</summary>
    public string? AccountName { get; }

    /// <summary>The queue endpoint of an identity-based connection.</summary>
    public Uri? QueueServiceUri { get; }

    /// <summary>The credential of an identity-based connection.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>Whether this is an identity-based connection (no key).</summary>
    public bool IsIdentityBased => ConnectionString is null;

    /// <summary>
    /// Reads the connection <paramref name="name"/> from <paramref name="configuration"/>: the value itself as a
    /// connection string, else its <c>accountName</c> / <c>queueServiceUri</c> / <c>credential</c> / <c>clientId</c>
    /// settings (as <c>name__x</c> flat keys, from local.settings.json, or <c>name:x</c>, from environment variables).
    /// Null when none is configured.
    /// </summary>
    public static StorageConnection? Read(IConfiguration configuration, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[name];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new StorageConnection(connectionString.Trim(), null, null, null);
        }

        string? Setting(string key) => NonEmpty(configuration[$"{name}:{key}"]) ?? NonEmpty(configuration[$"{name}__{key}"]);
        var accountName = Setting("accountName");
        var queueUri = Setting("queueServiceUri");
        if (accountName is null && queueUri is null)
        {
            return null;
        }

        var clientId = Setting("clientId");
        TokenCredential credential = string.Equals(Setting("credential"), "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId ?? NonEmpty(configuration["AZURE_CLIENT_ID"]) });
        var queueServiceUri = queueUri is not null
            ? new Uri(queueUri)
            : new Uri($"https://{accountName}.queue.core.windows.net/");
        return new StorageConnection(null, accountName ?? queueServiceUri.Host.Split('.')[0], queueServiceUri, credential);
    }

    /// <summary>A queue service client on this connection.</summary>
    /// <param name="encoding">How message text is encoded (host.json <c>extensions.queues.messageEncoding</c>; the Functions default is base64).</param>
    public QueueServiceClient CreateQueueServiceClient(QueueMessageEncoding encoding)
    {
        var options = new QueueClientOptions { MessageEncoding = encoding };
        return ConnectionString is not null
            ? new QueueServiceClient(ConnectionString, options)
            : new QueueServiceClient(QueueServiceUri!, Credential!, options);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

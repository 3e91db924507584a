using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Swarms.Orchestration.RunLog;

/// <summary>
/// A storage connection as the Azure Functions host reads one: <c>{name}</c> is a connection string, or
/// <c>{name}__accountName</c> / <c>{name}__tableServiceUri</c> with <c>{name}__credential</c> (<c>managedidentity</c>) and
/// <c>{name}__clientId</c> for an identity (the double underscore is <c>:</c> in configuration keys).
/// </summary>
internal sealed record StorageConnection(string? ConnectionString, Uri? TableServiceUri, TokenCredential? Credential)
{
    public static StorageConnection FromConfiguration(IConfiguration configuration, string name)
    {
        var section = configuration.GetSection(name);
        if (section.Value is { Length: > 0 } connectionString)
        {
            return new StorageConnection(connectionString, null, null);
        }

        var uri = section["tableServiceUri"] is { Length: > 0 } u ? new Uri(u)
            : section["accountName"] is { Length: > 0 } account ? new Uri($"https://{account}.table.core.windows.net")
            : throw new InvalidOperationException(
                $"The storage connection '{name}' is not configured: set {name} to a connection string, or {name}__accountName " +
                $"(with {name}__credential=managedidentity and {name}__clientId for a user-assigned identity).");
        var clientId = section["clientId"];
        TokenCredential credential = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(clientId is { Length: > 0 } id ? ManagedIdentityId.FromUserAssignedClientId(id) : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
        return new StorageConnection(null, uri, credential);
    }

    public TableClient CreateTableClient(string tableName) =>
        ConnectionString is not null ? new TableClient(ConnectionString, tableName) : new TableClient(TableServiceUri!, tableName, Credential!);
}

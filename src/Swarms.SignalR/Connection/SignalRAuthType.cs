namespace Swarms.SignalR;

/// <summary>
/// How the app authenticates to Azure SignalR Service, as chosen by the connection string.
/// </summary>
public enum SignalRAuthType
{
    /// <summary>
    /// <c>AccessKey=...</c>: tokens are signed locally with the key (HS256 over its UTF-8 bytes). Takes precedence over
    /// <c>AuthType</c> when both are present, as in the Microsoft.Azure.SignalR SDK.
    /// </summary>
    AccessKey,

    /// <summary>
    /// <c>AuthType=azure.msi</c>, with <c>ClientId=...</c> for a user-assigned identity or without it for the
    /// system-assigned one.
    /// </summary>
    ManagedIdentity,

    /// <summary>
    /// <c>AuthType=azure.app;TenantId=...;ClientId=...;ClientSecret=...</c> (or <c>ClientCert=</c> a certificate path):
    /// a Microsoft Entra application.
    /// </summary>
    Application,

    /// <summary>
    /// Neither <c>AccessKey</c> nor <c>AuthType</c> (or the SDK's older <c>AuthType=azure</c>):
    /// <c>DefaultAzureCredential</c>, as the SDK does.
    /// </summary>
    DefaultAzureCredential,
}

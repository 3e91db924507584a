using Microsoft.AspNetCore.Http;
using Swarms.Api.Contracts;

namespace Swarms.Api.Http;

/// <summary>
/// Builds an instance's Durable HTTP management URLs. The local host serves that API itself
/// (<see cref="RequestManagementUrls"/>); the Functions app asks its Durable client, which knows the host's webhook
/// base URL and system key.
/// </summary>
public interface IManagementUrls
{
    /// <summary>The check-status payload of <paramref name="instanceId"/>, for a response to <paramref name="request"/>.</summary>
    HttpManagementPayload Create(HttpRequest request, string instanceId);
}

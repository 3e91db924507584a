using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
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
    /// <param name="request">The request being answered.</param>
    /// <param name="client">The Durable client that started the instance (in Functions, the binding's, which knows the host's URLs).</param>
    /// <param name="instanceId">The instance.</param>
    HttpManagementPayload Create(HttpRequest request, DurableTaskClient client, string instanceId);
}

using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Swarms.Api.Contracts;

namespace Swarms.Api.Http;

/// <summary>
/// Management URLs on the request's own origin (<c>{scheme}://{host}{pathBase}/runtime/webhooks/durabletask/instances/{id}</c>),
/// as Durable Functions builds them from a request, with <c>code={key}</c> appended when the app has an API key (the
/// Functions host appends its system key the same way).
/// </summary>
public sealed class RequestManagementUrls(string? apiKey = null) : IManagementUrls
{
    /// <inheritdoc/>
    public HttpManagementPayload Create(HttpRequest request, DurableTaskClient client, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var instance = $"{request.Scheme}://{request.Host}{request.PathBase}/{ApiRoutes.DurableInstances}/{Uri.EscapeDataString(instanceId)}";
        var key = string.IsNullOrEmpty(apiKey) ? null : "code=" + Uri.EscapeDataString(apiKey);
        return new HttpManagementPayload
        {
            Id = instanceId,
            StatusQueryGetUri = Url(instance, key),
            SendEventPostUri = Url(instance + "/raiseEvent/{eventName}", key),
            TerminatePostUri = Url(instance + "/terminate", "reason={text}", key),
            PurgeHistoryDeleteUri = Url(instance, key),
            SuspendPostUri = Url(instance + "/suspend", "reason={text}", key),
            ResumePostUri = Url(instance + "/resume", "reason={text}", key),
        };
    }

    private static string Url(string path, params string?[] query)
    {
        var parts = query.Where(q => !string.IsNullOrEmpty(q)).ToList();
        return parts.Count == 0 ? path : path + "?" + string.Join('&', parts);
    }
}

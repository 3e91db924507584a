using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using HttpManagementPayload = Swarms.Api.Contracts.HttpManagementPayload;
using Swarms.Api.Http;

namespace Swarms.Functions.Http;

/// <summary>
/// Management URLs from the Functions Durable client: the host's own webhook base URL and system key
/// (<c>CreateHttpManagementPayload</c>), which the Durable Functions extension serves. A client that is not the
/// Functions binding's (tests run the functions against the project's own worker) gets URLs on the request's origin.
/// </summary>
internal sealed class FunctionsManagementUrls : IManagementUrls
{
    private static readonly RequestManagementUrls Fallback = new();

    public HttpManagementPayload Create(HttpRequest request, DurableTaskClient client, string instanceId)
    {
        Microsoft.Azure.Functions.Worker.HttpManagementPayload payload;
        try
        {
            payload = client.CreateHttpManagementPayload(instanceId);
        }
        catch (InvalidOperationException)
        {
            // Not the binding's client: it has no webhook base URL.
            return Fallback.Create(request, client, instanceId);
        }

        return new HttpManagementPayload
        {
            Id = payload.Id ?? instanceId,
            StatusQueryGetUri = payload.StatusQueryGetUri ?? "",
            SendEventPostUri = payload.SendEventPostUri ?? "",
            TerminatePostUri = payload.TerminatePostUri ?? "",
            PurgeHistoryDeleteUri = payload.PurgeHistoryDeleteUri ?? "",
            SuspendPostUri = payload.SuspendPostUri ?? "",
            ResumePostUri = payload.ResumePostUri ?? "",
        };
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Swarms.Api.Validation;

namespace Swarms.Api.Http;

/// <summary>
/// The Durable Functions HTTP management API (<c>/runtime/webhooks/durabletask/instances/{id}...</c>) over any
/// <see cref="DurableTaskClient"/>, with the status codes of the Durable Functions extension's own handler: status
/// 202 while running (with <c>Location</c> and <c>Retry-After: 5</c>), 200 when finished, 404 unknown; terminate,
/// suspend, resume and raise event 202, or 410 when the instance has finished, 404 unknown; purge 200 with
/// <c>{"instancesDeleted": n}</c>. The local host maps it; in Azure the Durable Functions extension serves the same
/// routes itself. Differences: an invalid instance id or event name is 400 (it cannot exist), and purging an
/// unfinished instance is 409 (the backends refuse it) instead of deleting a live instance's history.
/// </summary>
public static class DurableHttpApi
{
    private const int MaxReasonLength = 1_000;

    /// <summary><c>GET instances/{id}?showInput=&amp;returnInternalServerErrorOnFailure=</c>.</summary>
    public static async Task<IResult> GetStatusAsync(HttpRequest request, string instanceId, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            RunIds.Check(instanceId, "instanceId");
            var showInput = BoolQuery(request, "showInput", true);
            var serverErrorOnFailure = BoolQuery(request, "returnInternalServerErrorOnFailure", false);
            var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (metadata is null)
            {
                return NotFound(instanceId);
            }

            var body = StatusPayloads.From(metadata, showInput);
            return metadata.RuntimeStatus switch
            {
                OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended => ApiResults.Json(body, StatusCodes.Status202Accepted, new Dictionary<string, string>
                    {
                        ["Location"] = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}",
                        ["Retry-After"] = "5",
                    }),
                OrchestrationRuntimeStatus.Failed when serverErrorOnFailure => ApiResults.Json(body, StatusCodes.Status500InternalServerError),
                _ => ApiResults.Json(body),
            };
        }
        catch (ApiProblemException problem)
        {
            return ApiResults.Problem(problem);
        }
    }

    /// <summary><c>DELETE instances/{id}</c>: purge a finished instance's history.</summary>
    public static async Task<IResult> PurgeAsync(HttpRequest request, string instanceId, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            RunIds.Check(instanceId, "instanceId");
            var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (metadata is null)
            {
                return NotFound(instanceId);
            }

            if (!metadata.IsCompleted)
            {
                return ApiResults.Problem(StatusCodes.Status409Conflict, "instanceId", $"'{instanceId}' is {metadata.RuntimeStatus}: only a finished instance can be purged (terminate it first)");
            }

            var result = await client.PurgeInstanceAsync(instanceId, cancellation: request.HttpContext.RequestAborted).ConfigureAwait(false);
            return ApiResults.Json(new Dictionary<string, int> { ["instancesDeleted"] = result.PurgedInstanceCount });
        }
        catch (ApiProblemException problem)
        {
            return ApiResults.Problem(problem);
        }
    }

    /// <summary><c>POST instances/{id}/terminate?reason=</c>.</summary>
    public static Task<IResult> TerminateAsync(HttpRequest request, string instanceId, DurableTaskClient client) =>
        ChangeAsync(request, instanceId, client, (c, id, reason, ct) => c.TerminateInstanceAsync(id, new TerminateInstanceOptions(reason), ct));

    /// <summary><c>POST instances/{id}/suspend?reason=</c>.</summary>
    public static Task<IResult> SuspendAsync(HttpRequest request, string instanceId, DurableTaskClient client) =>
        ChangeAsync(request, instanceId, client, (c, id, reason, ct) => c.SuspendInstanceAsync(id, reason, ct));

    /// <summary><c>POST instances/{id}/resume?reason=</c>.</summary>
    public static Task<IResult> ResumeAsync(HttpRequest request, string instanceId, DurableTaskClient client) =>
        ChangeAsync(request, instanceId, client, (c, id, reason, ct) => c.ResumeInstanceAsync(id, reason, ct));

    /// <summary>
    /// <c>POST instances/{id}/raiseEvent/{eventName}</c> with a JSON body (<c>Content-Type: application/json</c>, as
    /// Durable Functions requires): the body is the event's payload.
    /// </summary>
    public static async Task<IResult> RaiseEventAsync(HttpRequest request, string instanceId, string eventName, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            RunIds.Check(instanceId, "instanceId");
            if (!EventNames.IsValid(eventName))
            {
                throw ApiProblemException.BadRequest("eventName", EventNames.Rule);
            }

            var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (metadata is null)
            {
                return NotFound(instanceId);
            }

            if (metadata.IsCompleted)
            {
                return Gone(instanceId, metadata.RuntimeStatus);
            }

            if (!IsJson(request.ContentType))
            {
                throw new ApiProblemException(StatusCodes.Status400BadRequest, "Content-Type", "must be application/json (the event payload is JSON)");
            }

            JsonElement? payload = null;
            if (request.ContentLength != 0)
            {
                using var doc = await RequestBody.ReadJsonAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
                payload = doc.RootElement.Clone();
            }

            await client.RaiseEventAsync(instanceId, eventName, payload, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return Results.StatusCode(StatusCodes.Status202Accepted);
        }
        catch (ApiProblemException problem)
        {
            return ApiResults.Problem(problem);
        }
    }

    private static async Task<IResult> ChangeAsync(
        HttpRequest request, string instanceId, DurableTaskClient client, Func<DurableTaskClient, string, string?, CancellationToken, Task> change)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            RunIds.Check(instanceId, "instanceId");
            string? reason = request.Query["reason"];
            if (reason?.Length > MaxReasonLength)
            {
                throw ApiProblemException.BadRequest("reason", $"is {reason.Length:N0} characters long; the limit is {MaxReasonLength:N0}");
            }

            var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (metadata is null)
            {
                return NotFound(instanceId);
            }

            if (metadata.IsCompleted)
            {
                return Gone(instanceId, metadata.RuntimeStatus);
            }

            await change(client, instanceId, reason, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return Results.StatusCode(StatusCodes.Status202Accepted);
        }
        catch (ApiProblemException problem)
        {
            return ApiResults.Problem(problem);
        }
    }

    private static bool BoolQuery(HttpRequest request, string name, bool fallback)
    {
        var value = request.Query[name];
        if (value.Count == 0)
        {
            return fallback;
        }

        return bool.TryParse(value.ToString(), out var parsed) ? parsed : throw ApiProblemException.BadRequest(name, "must be true or false");
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static IResult NotFound(string instanceId) => ApiResults.Problem(StatusCodes.Status404NotFound, "instanceId", $"no instance '{instanceId}'");

    private static IResult Gone(string instanceId, OrchestrationRuntimeStatus status) =>
        ApiResults.Problem(StatusCodes.Status410Gone, "instanceId", $"'{instanceId}' has finished ({status})");
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Swarms.Agents.Streaming;
using Swarms.Api.Live;
using Swarms.Api.Validation;
using Swarms.Orchestration.RunLog;

namespace Swarms.Api.Http;

/// <summary>
/// The handlers of the live channel (DESIGN.md §6), shared by both hosts: <c>POST /api/negotiate</c> and
/// <c>POST /api/runs/{id}/subscribe</c>. What differs between the hosts is behind <see cref="ILiveConnections"/>.
/// </summary>
public sealed class LiveHttpApi(IServiceProvider services, IRunLog runLog, ILogger<LiveHttpApi> logger)
{
    /// <summary>Longest connection id accepted (the service's are 22-40 characters).</summary>
    public const int MaxConnectionIdLength = 256;

    private const int PageSize = 1000;

    private readonly ILiveConnections? _live = services.GetService<ILiveConnections>();

    /// <summary>
    /// <c>POST /api/negotiate</c>: <c>{url, accessToken}</c> as Azure SignalR serverless negotiate answers; the official
    /// clients follow it to the <c>swarms</c> hub. 503 when the host has no live channel (the Functions app without
    /// <c>AzureSignalRConnectionString</c>).
    /// </summary>
    public async Task<IResult> NegotiateAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_live is null)
        {
            return NotConfigured();
        }

        var reply = await _live.NegotiateAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(reply);
    }

    /// <summary>
    /// <c>POST /api/runs/{id}/subscribe</c> <c>{connectionId, after?}</c>: adds the connection to the run's group, then
    /// returns the logged events with a sequence number above <c>after</c> (default 0) as a JSON array. Joining first
    /// and reading second leaves no gap: an event logged before the read is in the reply, one published after the join
    /// arrives live; one can be in both, and the client drops a seq it has.
    /// </summary>
    public async Task<IResult> SubscribeAsync(HttpRequest request, string id, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var aborted = request.HttpContext.RequestAborted;
        try
        {
            RunIds.Check(id, "id");
            string connectionId;
            long after;
            using (var body = await RequestBody.ReadJsonAsync(request, aborted).ConfigureAwait(false))
            {
                var root = body.RootElement;
                JsonFields.Object(root, "$");
                JsonFields.OnlyKnown(root, "$", "connectionId", "after");
                connectionId = JsonFields.RequiredString(root, "connectionId", "$", MaxConnectionIdLength);
                after = root.TryGetProperty("after", out var a) && a.ValueKind != JsonValueKind.Null
                    ? (a.ValueKind == JsonValueKind.Number && a.TryGetInt64(out var n) && n >= 0 ? n : throw ApiProblemException.BadRequest("$.after", "must be a whole number from 0 (the last seq the client has)"))
                    : 0;
            }

            if (_live is null)
            {
                return NotConfigured();
            }

            var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: false, aborted).ConfigureAwait(false);
            if (metadata is null)
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, "id", $"no run '{id}'");
            }

            if (!await _live.AddToGroupAsync(RunGroups.Of(id), connectionId, aborted).ConfigureAwait(false))
            {
                throw ApiProblemException.NotFound("$.connectionId", "no such connection is open on the hub: connect (negotiate, start), then subscribe with its connection id");
            }

            var events = new List<SwarmEvent>();
            while (true)
            {
                var page = await runLog.ReadAsync(id, after, PageSize, aborted).ConfigureAwait(false);
                events.AddRange(page);
                if (page.Count < PageSize)
                {
                    break;
                }

                after = page[^1].Seq;
            }

            return new EventsJsonResult(events);
        }
        catch (ApiProblemException problem)
        {
            logger.RequestRefused(problem.Status, problem.Field, problem.Detail);
            return ApiResults.Problem(problem);
        }
    }

    private static IResult NotConfigured() => ApiResults.Problem(
        StatusCodes.Status503ServiceUnavailable,
        "AzureSignalRConnectionString",
        "live streaming is not configured: set AzureSignalRConnectionString (Endpoint=https://<name>.service.signalr.net;AccessKey=...;Version=1.0;)");
}

using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Swarms.Api.Validation;
using Swarms.Orchestration;
using Swarms.Orchestration.Approvals;
using Swarms.Orchestration.RunLog;

namespace Swarms.Api.Http;

public sealed partial class SwarmsHttpApi
{
    private const int MaxEventsPerRead = 1000;

    /// <summary><c>GET /api/runs/{id}</c>: runtime status, each agent's status, attempt, output and usage, the final output.</summary>
    public async Task<IResult> GetRunAsync(HttpRequest request, string id, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            RunIds.Check(id, "id");
            var status = await runs.ReadAsync(client, id, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return status is null ? ApiResults.Problem(StatusCodes.Status404NotFound, "id", $"no run '{id}'") : ApiResults.Json(status);
        }
        catch (ApiProblemException problem)
        {
            return Refuse(problem);
        }
    }

    /// <summary>
    /// <c>GET /api/runs/{id}/events?after=N&amp;limit=M</c>: the run's logged events with a sequence number above N
    /// (default 0), at most M (1-1000, default 1000), as a JSON array in the CLI's <c>--json</c> form; with
    /// <c>Accept: text/event-stream</c>, Server-Sent Events live until the run ends (<see cref="Live.RunEventStream"/>).
    /// </summary>
    public async Task<IResult> GetRunEventsAsync(HttpRequest request, string id, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            RunIds.Check(id, "id");
            var after = LongQuery(request, "after", 0, 0, long.MaxValue);
            var limit = (int)LongQuery(request, "limit", MaxEventsPerRead, 1, MaxEventsPerRead);
            var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: false, request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (metadata is null)
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, "id", $"no run '{id}'");
            }

            if (Live.RunEventStream.IsRequested(request))
            {
                // SSE: live until the run ends (Last-Event-ID wins over ?after=).
                var signals = request.HttpContext.RequestServices?.GetService(typeof(Live.RunEventSignals)) as Live.RunEventSignals;
                return new Live.RunEventStream(runLog, client, id, Live.RunEventStream.StartAfter(request, after), signals);
            }

            var events = await runLog.ReadAsync(id, after, limit, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return new EventsResult(events);
        }
        catch (ApiProblemException problem)
        {
            return Refuse(problem);
        }
    }

    /// <summary>
    /// <c>POST /api/runs/{id}/approvals/{agent}</c> <c>{"approved": true|false, "feedback": "..."}</c>: decides on an agent
    /// defined with <c>"approval": true</c> (202). A decision sent before the run reaches the agent waits for it.
    /// </summary>
    public async Task<IResult> DecideAsync(HttpRequest request, string id, string agent, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            RunIds.Check(id, "id");
            var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true, request.HttpContext.RequestAborted).ConfigureAwait(false);
            var input = metadata?.ReadInputAs<SwarmRunRequest>();
            if (metadata is null || input is null)
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, "id", $"no run '{id}'");
            }

            var definition = input.Definition.Agents.FirstOrDefault(a => string.Equals(a.Name, agent, StringComparison.Ordinal));
            if (definition is null)
            {
                throw ApiProblemException.NotFound("agent", $"run '{id}' has no agent '{agent}' (agents: {string.Join(", ", input.Definition.Agents.Select(a => a.Name))})");
            }

            if (!definition.Approval)
            {
                throw new ApiProblemException(StatusCodes.Status409Conflict, "agent", $"'{agent}' does not wait for approval (its definition has no \"approval\": true)");
            }

            if (metadata.IsCompleted)
            {
                return ApiResults.Problem(StatusCodes.Status410Gone, "id", $"run '{id}' has finished ({metadata.RuntimeStatus})");
            }

            using var body = await RequestBody.ReadJsonAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
            var root = body.RootElement;
            JsonFields.Object(root, "$");
            JsonFields.OnlyKnown(root, "$", "approved", "feedback");
            var approved = JsonFields.Required(root, "approved", "$");
            if (approved.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw ApiProblemException.BadRequest("$.approved", "must be true or false");
            }

            var feedback = JsonFields.OptionalString(root, "feedback", "$", 10_000);
            await client.DecideAsync(id, agent, new ApprovalDecision(approved.GetBoolean(), feedback), request.HttpContext.RequestAborted).ConfigureAwait(false);
            return Results.StatusCode(StatusCodes.Status202Accepted);
        }
        catch (ApiProblemException problem)
        {
            return Refuse(problem);
        }
    }

    private static long LongQuery(HttpRequest request, string name, long fallback, long min, long max)
    {
        var value = request.Query[name];
        if (value.Count == 0)
        {
            return fallback;
        }

        return long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw ApiProblemException.BadRequest(name, $"must be a whole number from {min} to {max}");
    }

    /// <summary>The events as a JSON array, each in the run log's one JSON form.</summary>
    private sealed class EventsResult(IReadOnlyList<Agents.Streaming.SwarmEvent> events) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(httpContext.Response.Body, events, SwarmEventJson.Options, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}

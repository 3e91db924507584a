using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Swarms.Agents.Streaming;
using Swarms.Orchestration.RunLog;

namespace Swarms.Api.Live;

/// <summary>Events as a JSON array, each in the run log's one JSON form (the subscribe reply).</summary>
internal sealed class EventsJsonResult(IReadOnlyList<SwarmEvent> events) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(httpContext.Response.Body, events, SwarmEventJson.Options, httpContext.RequestAborted).ConfigureAwait(false);
    }
}

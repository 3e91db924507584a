using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Swarms.Api.Http;

namespace Swarms.Functions.Http;

/// <summary>
/// The HTTP triggers: each hands the ASP.NET Core request and the Durable client binding to the shared handler that
/// the local host maps too. Routes are explicit (<c>api/...</c>) with host.json's <c>routePrefix</c> "", so the web
/// dashboard can be served at <c>/</c>. Every function but health needs a function key.
/// </summary>
public sealed class SwarmHttpFunctions(SwarmsHttpApi api)
{
    /// <summary><c>GET /api/health</c>.</summary>
    [Function("Health")]
    public Task<IResult> HealthAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest request,
        [DurableClient] DurableTaskClient client) => api.HealthAsync(request, client);

    /// <summary><c>GET /api/swarms</c>.</summary>
    [Function("ListSwarms")]
    public IResult ListSwarms(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Swarms)] HttpRequest request) => api.ListSwarms();

    /// <summary><c>POST /api/swarms/{name}/runs</c>.</summary>
    [Function("StartSwarmRun")]
    public Task<IResult> StartSwarmRunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.SwarmRuns)] HttpRequest request,
        string name,
        [DurableClient] DurableTaskClient client) => api.StartSwarmRunAsync(request, name, client);

    /// <summary><c>POST /api/runs</c>.</summary>
    [Function("StartRun")]
    public Task<IResult> StartRunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.Runs)] HttpRequest request,
        [DurableClient] DurableTaskClient client) => api.StartInlineRunAsync(request, client);

    /// <summary><c>GET /api/runs/{id}</c>.</summary>
    [Function("GetRun")]
    public Task<IResult> GetRunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Run)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) => api.GetRunAsync(request, id, client);

    /// <summary><c>GET /api/runs/{id}/events?after=N</c>.</summary>
    [Function("GetRunEvents")]
    public Task<IResult> GetRunEventsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.RunEvents)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) => api.GetRunEventsAsync(request, id, client);

    /// <summary><c>POST /api/runs/{id}/approvals/{agent}</c>.</summary>
    [Function("DecideApproval")]
    public Task<IResult> DecideAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.RunApproval)] HttpRequest request,
        string id,
        string agent,
        [DurableClient] DurableTaskClient client) => api.DecideAsync(request, id, agent, client);
}

using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Swarms.Api.Http;

namespace Swarms.Functions.Http;

/// <summary>
/// The live channel's triggers over the shared handlers (<see cref="LiveHttpApi"/>): negotiate for Azure SignalR
/// Service (serverless) and the run subscription; and the web dashboard's files.
/// </summary>
public sealed class LiveFunctions(LiveHttpApi api)
{
    /// <summary><c>POST /api/negotiate</c>: <c>{url, accessToken}</c> for the <c>swarms</c> hub.</summary>
    [Function("Negotiate")]
    public Task<IResult> NegotiateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.Negotiate)] HttpRequest request) => api.NegotiateAsync(request);

    /// <summary><c>POST /api/runs/{id}/subscribe</c> <c>{connectionId, after?}</c>.</summary>
    [Function("SubscribeRun")]
    public Task<IResult> SubscribeAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.RunSubscribe)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) => api.SubscribeAsync(request, id, client);

    /// <summary><c>GET /{path}</c>: the dashboard (<c>index.html</c> at <c>/</c>); every more specific route wins over it.</summary>
    [Function("Dashboard")]
    public static IResult Dashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{*path}")] HttpRequest request,
        string? path) => DashboardFiles.Serve(request, path);
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Swarms.Api.Http;

namespace Swarms.Host.Http;

/// <summary>
/// Maps the app's routes to the shared handlers (<see cref="SwarmsHttpApi"/>, <see cref="DurableHttpApi"/>): the same
/// templates and handlers the Functions app's triggers use, plus the Durable HTTP management API, which Azure
/// Functions serves itself.
/// </summary>
internal static class EndpointMapping
{
    public static IEndpointRouteBuilder MapSwarmsApp(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.Health, (HttpRequest r, SwarmsHttpApi api, DurableTaskClient c) => api.HealthAsync(r, c));
        app.MapGet(ApiRoutes.Swarms, (SwarmsHttpApi api) => api.ListSwarms());
        app.MapPost(ApiRoutes.SwarmRuns, (HttpRequest r, string name, SwarmsHttpApi api, DurableTaskClient c) => api.StartSwarmRunAsync(r, name, c));
        app.MapPost(ApiRoutes.Runs, (HttpRequest r, SwarmsHttpApi api, DurableTaskClient c) => api.StartInlineRunAsync(r, c));
        app.MapGet(ApiRoutes.Run, (HttpRequest r, string id, SwarmsHttpApi api, DurableTaskClient c) => api.GetRunAsync(r, id, c));
        app.MapGet(ApiRoutes.RunEvents, (HttpRequest r, string id, SwarmsHttpApi api, DurableTaskClient c) => api.GetRunEventsAsync(r, id, c));
        app.MapPost(ApiRoutes.Negotiate, (HttpRequest r, LiveHttpApi api) => api.NegotiateAsync(r));
        app.MapPost(ApiRoutes.RunSubscribe, (HttpRequest r, string id, LiveHttpApi api, DurableTaskClient c) => api.SubscribeAsync(r, id, c));
        app.MapPost(ApiRoutes.RunApproval, (HttpRequest r, string id, string agent, SwarmsHttpApi api, DurableTaskClient c) => api.DecideAsync(r, id, agent, c));

        app.MapGet(ApiRoutes.DurableInstance, (HttpRequest r, string instanceId, DurableTaskClient c) => DurableHttpApi.GetStatusAsync(r, instanceId, c));
        app.MapDelete(ApiRoutes.DurableInstance, (HttpRequest r, string instanceId, DurableTaskClient c) => DurableHttpApi.PurgeAsync(r, instanceId, c));
        app.MapPost(ApiRoutes.DurableRaiseEvent, (HttpRequest r, string instanceId, string eventName, DurableTaskClient c) => DurableHttpApi.RaiseEventAsync(r, instanceId, eventName, c));
        app.MapPost(ApiRoutes.DurableTerminate, (HttpRequest r, string instanceId, DurableTaskClient c) => DurableHttpApi.TerminateAsync(r, instanceId, c));
        app.MapPost(ApiRoutes.DurableSuspend, (HttpRequest r, string instanceId, DurableTaskClient c) => DurableHttpApi.SuspendAsync(r, instanceId, c));
        app.MapPost(ApiRoutes.DurableResume, (HttpRequest r, string instanceId, DurableTaskClient c) => DurableHttpApi.ResumeAsync(r, instanceId, c));
        return app;
    }
}

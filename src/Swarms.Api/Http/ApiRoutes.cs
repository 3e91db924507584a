namespace Swarms.Api.Http;

/// <summary>
/// The route templates of the app, the same in the Functions app (<c>[HttpTrigger(Route = ...)]</c>, with host.json's
/// <c>routePrefix</c> set to "" so the dashboard can live at <c>/</c>) and in the local host (minimal API).
/// </summary>
public static class ApiRoutes
{
    /// <summary>GET: 200 when the durable backend answers (no key needed).</summary>
    public const string Health = "api/health";

    /// <summary>GET: the known swarms.</summary>
    public const string Swarms = "api/swarms";

    /// <summary>POST: start a run of a known swarm.</summary>
    public const string SwarmRuns = "api/swarms/{name}/runs";

    /// <summary>POST: start a run of a swarm defined in the request.</summary>
    public const string Runs = "api/runs";

    /// <summary>GET: a run's status, agents and output.</summary>
    public const string Run = "api/runs/{id}";

    /// <summary>GET: a run's events after a sequence number.</summary>
    public const string RunEvents = "api/runs/{id}/events";

    /// <summary>POST: approve or reject an agent that waits for approval.</summary>
    public const string RunApproval = "api/runs/{id}/approvals/{agent}";

    /// <summary>POST: where a web client connects to the <c>swarms</c> hub (<c>{url, accessToken}</c>).</summary>
    public const string Negotiate = "api/negotiate";

    /// <summary>POST: join a run's live group and get its logged events after a sequence number.</summary>
    public const string RunSubscribe = "api/runs/{id}/subscribe";

    /// <summary>The Durable HTTP management API's base (what Durable Functions serves under the same path).</summary>
    public const string DurableInstances = "runtime/webhooks/durabletask/instances";

    /// <summary>GET status, DELETE purge.</summary>
    public const string DurableInstance = DurableInstances + "/{instanceId}";

    /// <summary>POST: raise an event.</summary>
    public const string DurableRaiseEvent = DurableInstance + "/raiseEvent/{eventName}";

    /// <summary>POST: terminate.</summary>
    public const string DurableTerminate = DurableInstance + "/terminate";

    /// <summary>POST: suspend.</summary>
    public const string DurableSuspend = DurableInstance + "/suspend";

    /// <summary>POST: resume.</summary>
    public const string DurableResume = DurableInstance + "/resume";
}

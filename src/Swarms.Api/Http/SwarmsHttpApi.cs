using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Api.Runs;
using Swarms.Api.Validation;
using Swarms.Orchestration.RunLog;

namespace Swarms.Api.Http;

/// <summary>
/// The handlers of the <c>/api</c> routes, called by the Functions app's HTTP triggers and mapped by the local host:
/// one code path. Each takes the ASP.NET Core <see cref="HttpRequest"/> and the <see cref="DurableTaskClient"/> (the
/// host's, or the Functions <c>[DurableClient]</c> binding's) and returns an <see cref="IResult"/>; every refusal is
/// <c>application/problem+json</c> naming the field.
/// </summary>
public sealed partial class SwarmsHttpApi(
    SwarmLibrary swarms, SwarmRunStarter starter, RunStatusReader runs, IRunLog runLog, IManagementUrls urls, ILogger<SwarmsHttpApi> logger)
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The known swarms.</summary>
    public SwarmLibrary Swarms => swarms;

    /// <summary><c>GET /api/health</c>: 200 <c>{"status":"healthy"}</c> when the durable backend answers within 5 s, else 503.</summary>
    public async Task<IResult> HealthAsync(HttpRequest request, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted);
        timeout.CancelAfter(HealthTimeout);
        try
        {
            // Any read reaches the backend; an id that never exists keeps it cheap.
            await client.GetInstanceAsync("health-probe", getInputsAndOutputs: false, timeout.Token).ConfigureAwait(false);
            return ApiResults.Json(new Dictionary<string, object> { ["status"] = "healthy", ["swarms"] = swarms.List().Count });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            LogHealthFailed(logger, ex.GetType().Name, ex.Message);
            return ApiResults.Problem(StatusCodes.Status503ServiceUnavailable, "backend", "the durable backend did not answer");
        }
    }

    /// <summary><c>GET /api/swarms</c>.</summary>
    public IResult ListSwarms() => ApiResults.Json(swarms.List());

    /// <summary><c>POST /api/swarms/{name}/runs</c> <c>{task, runId?}</c>: 202 with the check-status payload and <c>Location</c>.</summary>
    public async Task<IResult> StartSwarmRunAsync(HttpRequest request, string name, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            var definition = swarms.Get(name, "name");
            using var body = await RequestBody.ReadJsonAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
            var run = RunRequests.ReadSwarmRun(body.RootElement);
            return await StartAsync(request, client, definition, run.Task, run.RunId).ConfigureAwait(false);
        }
        catch (ApiProblemException problem)
        {
            return Refuse(problem);
        }
    }

    /// <summary><c>POST /api/runs</c> <c>{definition, task, runId?}</c>: a swarm defined in the request.</summary>
    public async Task<IResult> StartInlineRunAsync(HttpRequest request, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            using var body = await RequestBody.ReadJsonAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
            var run = RunRequests.ReadInlineRun(body.RootElement);
            return await StartAsync(request, client, run.Definition, run.Task, run.RunId).ConfigureAwait(false);
        }
        catch (ApiProblemException problem)
        {
            return Refuse(problem);
        }
    }

    private async Task<IResult> StartAsync(HttpRequest request, DurableTaskClient client, SwarmDefinition definition, string task, string? runId)
    {
        var id = runId ?? Guid.NewGuid().ToString("N");
        var outcome = await starter.StartAsync(client, definition, task, id, replaceFinished: true, "http", request.HttpContext.RequestAborted).ConfigureAwait(false);
        var payload = urls.Create(request, client, id);
        var location = new Dictionary<string, string> { ["Location"] = payload.StatusQueryGetUri };
        if (!outcome.Started)
        {
            return ApiResults.Problem(
                StatusCodes.Status409Conflict,
                "$.runId",
                $"run '{id}' already exists ({outcome.Existing}); its status is at statusQueryGetUri",
                location,
                new Dictionary<string, object?> { ["statusQueryGetUri"] = payload.StatusQueryGetUri, ["runtimeStatus"] = outcome.Existing?.ToString() });
        }

        return ApiResults.Json(payload, StatusCodes.Status202Accepted, location);
    }

    private IResult Refuse(ApiProblemException problem)
    {
        logger.RequestRefused(problem.Status, problem.Field, problem.Detail);
        return ApiResults.Problem(problem);
    }

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Health check: the durable backend did not answer ({ErrorType}: {Error})")]
    private static partial void LogHealthFailed(ILogger logger, string errorType, string error);
}

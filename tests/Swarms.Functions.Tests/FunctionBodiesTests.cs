using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Swarms.Api.Http;
using Swarms.Functions.Http;
using Swarms.Functions.Queue;
using Swarms.Orchestration.RunLog;

namespace Swarms.Functions.Tests;

/// <summary>
/// The Functions app's function bodies against a real Durable Task worker, with real ASP.NET Core requests: the HTTP
/// functions start and read runs, the queue function starts one run per message however often it is delivered, and
/// the runs go through the app's own orchestration and activity functions.
/// </summary>
public sealed class FunctionBodiesTests : IAsyncLifetime
{
    private FunctionsWorker _worker = null!;

    public async Task InitializeAsync() => _worker = await FunctionsWorker.StartAsync();

    public async Task DisposeAsync() => await _worker.DisposeAsync();

    private SwarmHttpFunctions Http => new(_worker.Services.GetRequiredService<SwarmsHttpApi>());

    [Fact]
    public async Task StartSwarmRun_ThenGetRun_RunsThroughTheOrchestrationFunctions()
    {
        var start = _worker.Request("POST", "/api/swarms/market-analysis/runs", """{"task": "Analyze TSLA", "runId": "fn-run-1"}""");
        var (status, headers, body) = await FunctionsWorker.ExecuteAsync(await Http.StartSwarmRunAsync(start.Request, "market-analysis", _worker.Client), start);

        Assert.Equal(202, status);
        var payload = JsonNode.Parse(body)!;
        Assert.Equal("fn-run-1", (string?)payload["id"]);
        Assert.Equal("https://swarms-app.azurewebsites.net/runtime/webhooks/durabletask/instances/fn-run-1", (string?)payload["statusQueryGetUri"]);
        Assert.Equal((string?)payload["statusQueryGetUri"], headers.Location.ToString());

        var done = await _worker.Client.WaitForInstanceCompletionAsync("fn-run-1", getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);

        var get = _worker.Request("GET", "/api/runs/fn-run-1");
        var (getStatus, _, getBody) = await FunctionsWorker.ExecuteAsync(await Http.GetRunAsync(get.Request, "fn-run-1", _worker.Client), get);
        Assert.Equal(200, getStatus);
        var run = JsonNode.Parse(getBody)!;
        Assert.Equal(3, run["agents"]!.AsArray().Count);
        Assert.All(run["agents"]!.AsArray(), a => Assert.Equal("completed", (string?)a!["status"]));

        var events = _worker.Request("GET", "/api/runs/fn-run-1/events");
        var (eventsStatus, _, eventsBody) = await FunctionsWorker.ExecuteAsync(await Http.GetRunEventsAsync(events.Request, "fn-run-1", _worker.Client), events);
        Assert.Equal(200, eventsStatus);
        Assert.Equal("RunCompleted", (string?)JsonNode.Parse(eventsBody)!.AsArray()[^1]!["type"]);
    }

    [Fact]
    public async Task StartSwarmRun_BadBodyOrUnknownSwarm_ProblemJsonNamingTheField()
    {
        var bad = _worker.Request("POST", "/api/swarms/market-analysis/runs", """{"task": 7}""");
        var (status, headers, body) = await FunctionsWorker.ExecuteAsync(await Http.StartSwarmRunAsync(bad.Request, "market-analysis", _worker.Client), bad);
        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", headers.ContentType.ToString());
        Assert.NotNull(JsonNode.Parse(body)!["errors"]!["$.task"]);

        var unknown = _worker.Request("POST", "/api/swarms/nope/runs", """{"task": "x"}""");
        var (unknownStatus, _, unknownBody) = await FunctionsWorker.ExecuteAsync(await Http.StartSwarmRunAsync(unknown.Request, "nope", _worker.Client), unknown);
        Assert.Equal(404, unknownStatus);
        Assert.Contains("market-analysis", (string?)JsonNode.Parse(unknownBody)!["errors"]!["name"]![0]);
    }

    [Fact]
    public async Task QueueFunction_SameMessageDeliveredTwice_OneRun()
    {
        var queue = new SwarmQueueFunctions(
            _worker.Services.GetRequiredService<Swarms.Api.Queue.SwarmTaskMessageHandler>(),
            _worker.Services.GetRequiredService<PoisonMessageWriter>(),
            TimeProvider.System);
        var text = """{"swarm": "research-writer", "task": "Write about durable functions"}""";

        await queue.RunAsync(QueuesModelFactory.QueueMessage("msg-7", "pop-1", BinaryData.FromString(text), 1), _worker.Client, CancellationToken.None);
        var first = await _worker.Client.WaitForInstanceCompletionAsync("queue-msg-7");
        await queue.RunAsync(QueuesModelFactory.QueueMessage("msg-7", "pop-2", BinaryData.FromString(text), 2), _worker.Client, CancellationToken.None);
        var second = await _worker.Client.GetInstanceAsync("queue-msg-7");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, first.RuntimeStatus);
        Assert.Equal(first.CreatedAt, second!.CreatedAt);
        var log = await _worker.Services.GetRequiredService<IRunLog>().ReadAsync("queue-msg-7", 0);
        Assert.Single(log, e => e is Swarms.Agents.Streaming.RunStarted);
        Assert.Equal(2, log.Count(e => e is Swarms.Agents.Streaming.AgentStarted));
    }
}

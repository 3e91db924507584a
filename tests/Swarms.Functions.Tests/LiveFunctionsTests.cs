using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Swarms.Api.Http;
using Swarms.Functions.Http;
using Swarms.SignalR;
using Swarms.Testing;

namespace Swarms.Functions.Tests;

/// <summary>
/// The Functions app's live channel (serverless) against a local stand-in for Azure SignalR Service's REST API (real
/// Kestrel): negotiate points at the service's client endpoint, subscribe joins the run's group with
/// <c>PUT .../groups/run-{id}/connections/{connectionId}</c>, and the activities publish every logged event to
/// <c>POST .../groups/run-{id}/:send</c> as <c>events([...])</c> in the run log's JSON form. (Paths, JWTs and retries
/// of the REST client are tests/Swarms.SignalR.Tests'.)
/// </summary>
public sealed class LiveFunctionsTests : IAsyncLifetime
{
    private const string AccessKey = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";
    private readonly ConcurrentQueue<(string Method, string Path, string Body)> _requests = new();
    private WebApplication _service = null!;
    private FunctionsWorker _worker = null!;
    private string _endpoint = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        _endpoint = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_endpoint);
        builder.Logging.ClearProviders();
        _service = builder.Build();
        _service.Run(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            _requests.Enqueue((context.Request.Method, context.Request.Path + context.Request.QueryString, body));
            var unknownConnection = context.Request.Method == "PUT" && !context.Request.Path.Value!.EndsWith("/connections/conn-1", StringComparison.Ordinal);
            context.Response.StatusCode = unknownConnection ? 404 : context.Request.Method == "PUT" ? 200 : 202;
        });
        await _service.StartAsync();
        _worker = await FunctionsWorker.StartAsync(new Dictionary<string, string?>
        {
            [SignalRRestOptions.ConnectionStringSetting] = $"Endpoint={_endpoint};AccessKey={AccessKey};Version=1.0;",
        });
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _service.DisposeAsync();
    }

    private LiveFunctions Live => new(_worker.Services.GetRequiredService<LiveHttpApi>());

    [Fact]
    public async Task Negotiate_ServiceClientEndpointAndToken()
    {
        var request = _worker.Request("POST", "/api/negotiate");
        var (status, _, body) = await FunctionsWorker.ExecuteAsync(await Live.NegotiateAsync(request.Request), request);

        Assert.Equal(200, status);
        var reply = JsonNode.Parse(body)!;
        Assert.Equal($"{_endpoint}/client/?hub=swarms", (string?)reply["url"]);
        Assert.Equal(3, ((string)reply["accessToken"]!).Split('.').Length);
    }

    [Fact]
    public async Task Subscribe_JoinsTheGroupAndReturnsTheLog_ActivitiesPublishEveryEventToTheGroup()
    {
        var http = new SwarmHttpFunctions(_worker.Services.GetRequiredService<SwarmsHttpApi>());
        var start = _worker.Request("POST", "/api/swarms/market-analysis/runs", """{"task": "Analyze TSLA", "runId": "live-fn-1"}""");
        await FunctionsWorker.ExecuteAsync(await http.StartSwarmRunAsync(start.Request, "market-analysis", _worker.Client), start);
        await _worker.Client.WaitForInstanceCompletionAsync("live-fn-1");

        var subscribe = _worker.Request("POST", "/api/runs/live-fn-1/subscribe", """{"connectionId": "conn-1", "after": 2}""");
        var (status, _, body) = await FunctionsWorker.ExecuteAsync(await Live.SubscribeAsync(subscribe.Request, "live-fn-1", _worker.Client), subscribe);
        await _worker.Services.GetRequiredService<SignalRPublisher>().FlushAsync();

        Assert.Equal(200, status);
        var logged = JsonNode.Parse(body)!.AsArray();
        Assert.Equal(3L, (long?)logged[0]!["seq"]);
        Assert.Equal("RunCompleted", (string?)logged[^1]!["type"]);
        Assert.Contains(_requests, r => r.Method == "PUT" && r.Path == "/api/hubs/swarms/groups/run-live-fn-1/connections/conn-1?api-version=2022-06-01");

        var sends = _requests.Where(r => r.Method == "POST" && r.Path == "/api/hubs/swarms/groups/run-live-fn-1/:send?api-version=2022-06-01").ToList();
        Assert.NotEmpty(sends);
        var sent = sends.Select(s => JsonNode.Parse(s.Body)!)
            .Select(m => { Assert.Equal("events", (string?)m["target"]); return m["arguments"]!.AsArray().Single()!.AsArray(); })
            .SelectMany(batch => batch)
            .OrderBy(e => (long)e!["seq"]!)
            .Select(e => e!.ToJsonString())
            .ToList();
        var all = await ReadLogAsync("live-fn-1");
        Assert.Equal(all, sent); // every logged event went out once, in the log's JSON form
    }

    [Fact]
    public async Task Subscribe_UnknownConnection_404NamingIt()
    {
        var http = new SwarmHttpFunctions(_worker.Services.GetRequiredService<SwarmsHttpApi>());
        var start = _worker.Request("POST", "/api/swarms/market-analysis/runs", """{"task": "Analyze TSLA", "runId": "live-fn-2"}""");
        await FunctionsWorker.ExecuteAsync(await http.StartSwarmRunAsync(start.Request, "market-analysis", _worker.Client), start);

        var subscribe = _worker.Request("POST", "/api/runs/live-fn-2/subscribe", """{"connectionId": "conn-unknown"}""");
        var (status, _, body) = await FunctionsWorker.ExecuteAsync(await Live.SubscribeAsync(subscribe.Request, "live-fn-2", _worker.Client), subscribe);

        Assert.Equal(404, status);
        Assert.NotNull(JsonNode.Parse(body)!["errors"]!["$.connectionId"]);
        await _worker.Client.WaitForInstanceCompletionAsync("live-fn-2");
    }

    [Fact]
    public async Task Negotiate_WithoutTheSetting_503NamingIt()
    {
        await using var worker = await FunctionsWorker.StartAsync();
        var live = new LiveFunctions(worker.Services.GetRequiredService<LiveHttpApi>());
        var request = worker.Request("POST", "/api/negotiate");

        var (status, _, body) = await FunctionsWorker.ExecuteAsync(await live.NegotiateAsync(request.Request), request);

        Assert.Equal(503, status);
        Assert.NotNull(JsonNode.Parse(body)!["errors"]![SignalRRestOptions.ConnectionStringSetting]);
    }

    [Fact]
    public void Dashboard_ServesThePageAndRefusesWhatIsNotThere()
    {
        var page = DashboardFiles.Serve(_worker.Request("GET", "/").Request, null);
        var missing = DashboardFiles.Serve(_worker.Request("GET", "/nope.js").Request, "nope.js");
        var escape = DashboardFiles.Serve(_worker.Request("GET", "/../host.json").Request, "../host.json");

        Assert.Equal("text/html", Assert.IsAssignableFrom<IContentTypeHttpResult>(page).ContentType);
        Assert.Equal(404, Assert.IsAssignableFrom<IStatusCodeHttpResult>(missing).StatusCode);
        Assert.Equal(404, Assert.IsAssignableFrom<IStatusCodeHttpResult>(escape).StatusCode);
    }

    private async Task<List<string>> ReadLogAsync(string runId)
    {
        var events = _worker.Request("GET", $"/api/runs/{runId}/events");
        var http = new SwarmHttpFunctions(_worker.Services.GetRequiredService<SwarmsHttpApi>());
        var (_, _, body) = await FunctionsWorker.ExecuteAsync(await http.GetRunEventsAsync(events.Request, runId, _worker.Client), events);
        return [.. JsonNode.Parse(body)!.AsArray().Select(e => e!.ToJsonString())];
    }
}

using System.Text.Json.Nodes;
using Swarms.Testing;

namespace Swarms.Functions.Tests;

/// <summary>
/// The function metadata the Functions SDK generates at build time (<c>functions.metadata</c> in the app's build
/// output), which is what the Functions host indexes: every function with its trigger, route, methods, queue and
/// authorization level. A renamed route, a lost trigger or an anonymous function that should need a key fails here.
/// </summary>
public sealed class FunctionMetadataTests
{
    private sealed record Expected(string Trigger, string? Route = null, string? Method = null, string? AuthLevel = null, string? Queue = null);

    private static readonly Dictionary<string, Expected> Functions = new()
    {
        ["Health"] = new("httpTrigger", "api/health", "get", "Anonymous"),
        ["ListSwarms"] = new("httpTrigger", "api/swarms", "get", "Function"),
        ["StartSwarmRun"] = new("httpTrigger", "api/swarms/{name}/runs", "post", "Function"),
        ["StartRun"] = new("httpTrigger", "api/runs", "post", "Function"),
        ["GetRun"] = new("httpTrigger", "api/runs/{id}", "get", "Function"),
        ["GetRunEvents"] = new("httpTrigger", "api/runs/{id}/events", "get", "Function"),
        ["DecideApproval"] = new("httpTrigger", "api/runs/{id}/approvals/{agent}", "post", "Function"),
        ["Negotiate"] = new("httpTrigger", "api/negotiate", "post", "Function"),
        ["SubscribeRun"] = new("httpTrigger", "api/runs/{id}/subscribe", "post", "Function"),
        ["Dashboard"] = new("httpTrigger", "{*path}", "get", "Anonymous"),
        ["SwarmTaskQueue"] = new("queueTrigger", Queue: "swarm-tasks"),
        ["SwarmRun"] = new("orchestrationTrigger"),
        ["SwarmAgentTurn"] = new("activityTrigger"),
        ["SwarmRunEvent"] = new("activityTrigger"),
        ["SwarmModelTurn"] = new("activityTrigger"),
        ["SwarmToolCall"] = new("activityTrigger"),
    };

    private static JsonArray Metadata() =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.Output("src/Swarms.Functions", "functions.metadata")))!.AsArray();

    [Fact]
    public void Metadata_ListsExactlyTheAppsFunctions()
    {
        var names = Metadata().Select(f => (string)f!["name"]!).Order().ToArray();
        Assert.Equal(Functions.Keys.Order().ToArray(), names);
    }

    [Fact]
    public void Metadata_EachFunction_HasItsTriggerRouteMethodQueueAndAuthLevel()
    {
        foreach (var function in Metadata())
        {
            var name = (string)function!["name"]!;
            var expected = Functions[name];
            var bindings = function["bindings"]!.AsArray();
            var trigger = bindings.Single(b => ((string?)b!["type"])!.EndsWith("Trigger", StringComparison.Ordinal))!;
            Assert.True(expected.Trigger == (string?)trigger["type"], $"{name}: trigger {(string?)trigger["type"]}");
            Assert.Equal("In", (string?)trigger["direction"]);
            Assert.Equal("Swarms.Functions.dll", (string?)function["scriptFile"]);
            if (expected.Trigger == "httpTrigger")
            {
                Assert.True(expected.Route == (string?)trigger["route"], $"{name}: route {(string?)trigger["route"]}");
                Assert.Equal(expected.Method, Assert.Single(trigger["methods"]!.AsArray().Select(m => (string?)m)));
                Assert.True(expected.AuthLevel == (string?)trigger["authLevel"], $"{name}: authLevel {(string?)trigger["authLevel"]}");
                Assert.Contains(bindings, b => (string?)b!["type"] == "http" && (string?)b["direction"] == "Out");
            }

            if (expected.Trigger == "queueTrigger")
            {
                Assert.Equal(expected.Queue, (string?)trigger["queueName"]);
                Assert.Equal("AzureWebJobsStorage", (string?)trigger["connection"]);
            }

            var needsClient = expected.Trigger is "httpTrigger" or "queueTrigger" && name is not ("ListSwarms" or "Negotiate" or "Dashboard");
            Assert.True(needsClient == bindings.Any(b => (string?)b!["type"] == "durableClient"), $"{name}: durable client binding");
        }
    }

    [Fact]
    public void HostJson_InTheOutput_RoutePrefixEmptyAndHubAndQueueSettings()
    {
        var host = JsonNode.Parse(File.ReadAllText(RepoPaths.Output("src/Swarms.Functions", "host.json")))!;
        Assert.Equal("", (string?)host["extensions"]!["http"]!["routePrefix"]);
        Assert.Equal("SwarmsHub", (string?)host["extensions"]!["durableTask"]!["hubName"]);
        Assert.Equal(5, (int?)host["extensions"]!["queues"]!["maxDequeueCount"]);
        Assert.True(File.Exists(RepoPaths.Output("src/Swarms.Functions", Path.Combine("swarms", "market-analysis.json"))));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Swarms.Host.Tests.Support;
using Swarms.Testing;

namespace Swarms.Host.Tests;

/// <summary>
/// The swarm routes and the Durable HTTP management API of the local host over real HTTP, with the status codes and
/// JSON of Durable Functions (check-status payload, 202 running / 200 done / 404 unknown, 410 for a finished
/// instance), on the embedded backend.
/// </summary>
public sealed partial class ManagementApiIntegrationTests : IAsyncLifetime
{
    private InProcessHost _host = null!;

    private HttpClient Http => _host.Client;

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task StartRun_Accepted_ReturnsCheckStatusPayloadWithLocation()
    {
        using var response = await Http.PostAsJsonAsync("api/swarms/solo/runs", new { task = "Analyze TSLA", runId = "start-1" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var payload = (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(
            ["id", "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "suspendPostUri", "resumePostUri"],
            payload.Select(p => p.Key).ToArray());
        var instance = $"{Http.BaseAddress}runtime/webhooks/durabletask/instances/start-1";
        Assert.Equal("start-1", (string?)payload["id"]);
        Assert.Equal(instance, (string?)payload["statusQueryGetUri"]);
        Assert.Equal(instance + "/raiseEvent/{eventName}", (string?)payload["sendEventPostUri"]);
        Assert.Equal(instance + "/terminate?reason={text}", (string?)payload["terminatePostUri"]);
        Assert.Equal(instance, (string?)payload["purgeHistoryDeleteUri"]);
        Assert.Equal(instance + "/suspend?reason={text}", (string?)payload["suspendPostUri"]);
        Assert.Equal(instance + "/resume?reason={text}", (string?)payload["resumePostUri"]);
        Assert.Equal(instance, response.Headers.Location?.ToString());

        var done = await _host.WaitForRunAsync("start-1");
        Assert.Equal("Completed", (string?)done["runtimeStatus"]);
    }

    [Fact]
    public async Task StartRun_RunIdRunningOrDone_Conflict409WithStatusUrl()
    {
        await _host.StartRunAsync("solo", "first", "dup-1");
        await _host.WaitForRunAsync("dup-1");

        using var again = await Http.PostAsJsonAsync("api/swarms/solo/runs", new { task = "second", runId = "dup-1" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]!["$.runId"]);
        Assert.EndsWith("/runtime/webhooks/durabletask/instances/dup-1", (string?)problem["statusQueryGetUri"]);
        Assert.EndsWith("/runtime/webhooks/durabletask/instances/dup-1", again.Headers.Location?.ToString());
    }

    [Fact]
    public async Task InstanceStatus_RunningDoneUnknown_202With_Location_200_404()
    {
        var id = await _host.StartRunAsync("gated", "Write the launch post");
        await WaitForWaitingAsync(id, "Publisher");

        using var running = await Http.GetAsync($"runtime/webhooks/durabletask/instances/{id}");
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.Equal(new Uri(Http.BaseAddress!, $"runtime/webhooks/durabletask/instances/{id}"), running.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(5), running.Headers.RetryAfter?.Delta);
        var body = (JsonObject)JsonNode.Parse(await running.Content.ReadAsStringAsync())!;
        Assert.Equal(
            ["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"],
            body.Select(p => p.Key).ToArray());
        Assert.Equal("SwarmRun", (string?)body["name"]);
        Assert.Equal("Running", (string?)body["runtimeStatus"]);
        Assert.Equal("Write the launch post", (string?)body["input"]!["Task"]);
        Assert.Matches(TimeFormat(), (string?)body["createdTime"]);
        Assert.Contains("Publisher", body["customStatus"]!["waitingForApproval"]!.AsArray().Select(n => (string?)n));

        using var approve = await Http.PostAsJsonAsync($"api/runs/{id}/approvals/Publisher", new { approved = true });
        Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        var done = await _host.WaitForRunAsync(id);
        Assert.Equal("Completed", (string?)done["runtimeStatus"]);
        Assert.NotNull(done["output"]);

        using var withoutInput = await Http.GetAsync($"runtime/webhooks/durabletask/instances/{id}?showInput=false");
        Assert.Null(JsonNode.Parse(await withoutInput.Content.ReadAsStringAsync())!["input"]);

        using var unknown = await Http.GetAsync("runtime/webhooks/durabletask/instances/no-such-run");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RaiseEvent_ApprovalRejected_RunCompletesWithoutTheAgent()
    {
        var id = await _host.StartRunAsync("gated", "Write the launch post");
        await WaitForWaitingAsync(id, "Publisher");

        using var wrongType = await Http.PostAsync($"runtime/webhooks/durabletask/instances/{id}/raiseEvent/approval:Publisher", new StringContent("{}", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.NotNull(JsonNode.Parse(await wrongType.Content.ReadAsStringAsync())!["errors"]!["Content-Type"]);

        using var raised = await Http.PostAsync(
            $"runtime/webhooks/durabletask/instances/{id}/raiseEvent/approval:Publisher",
            new StringContent("""{"approved": false, "feedback": "not today"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);

        await _host.WaitForRunAsync(id);
        var run = JsonNode.Parse(await Http.GetStringAsync($"api/runs/{id}"))!;
        Assert.Equal("completed", (string?)run["agents"]![0]!["status"]);
        Assert.Equal("rejected", (string?)run["agents"]![1]!["status"]);
        Assert.Contains("not today", (string?)run["agents"]![1]!["error"]);

        using var gone = await Http.PostAsync($"runtime/webhooks/durabletask/instances/{id}/raiseEvent/approval:Publisher", JsonContent.Create(true));
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        using var unknown = await Http.PostAsync("runtime/webhooks/durabletask/instances/nobody/raiseEvent/x", JsonContent.Create(true));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task SuspendResumeTerminatePurge_DurableFunctionsStatusCodes()
    {
        var id = await _host.StartRunAsync("gated", "Write the launch post");
        await WaitForWaitingAsync(id, "Publisher");

        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"runtime/webhooks/durabletask/instances/{id}/suspend?reason=pause", null)).StatusCode);
        await WaitForStatusAsync(id, "Suspended");
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"runtime/webhooks/durabletask/instances/{id}/resume?reason=go", null)).StatusCode);
        await WaitForStatusAsync(id, "Running");

        using var purgeRunning = await Http.DeleteAsync($"runtime/webhooks/durabletask/instances/{id}");
        Assert.Equal(HttpStatusCode.Conflict, purgeRunning.StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"runtime/webhooks/durabletask/instances/{id}/terminate?reason=stop%20it", null)).StatusCode);
        var terminated = await _host.WaitForRunAsync(id);
        Assert.Equal("Terminated", (string?)terminated["runtimeStatus"]);
        Assert.Equal("stop it", (string?)terminated["output"]);

        Assert.Equal(HttpStatusCode.Gone, (await Http.PostAsync($"runtime/webhooks/durabletask/instances/{id}/terminate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await Http.PostAsync($"runtime/webhooks/durabletask/instances/{id}/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await Http.PostAsync($"runtime/webhooks/durabletask/instances/{id}/resume", null)).StatusCode);

        using var purge = await Http.DeleteAsync($"runtime/webhooks/durabletask/instances/{id}");
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(1, (int?)JsonNode.Parse(await purge.Content.ReadAsStringAsync())!["instancesDeleted"]);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"runtime/webhooks/durabletask/instances/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.DeleteAsync($"runtime/webhooks/durabletask/instances/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PostAsync("runtime/webhooks/durabletask/instances/nobody/terminate", null)).StatusCode);
    }

    [Fact]
    public async Task RunStatusAndEvents_CompletedRun_AgentsOutputsAndOrderedEvents()
    {
        var id = await _host.StartRunAsync("trio", "Analyze TSLA");
        await _host.WaitForRunAsync(id);

        var run = JsonNode.Parse(await Http.GetStringAsync($"api/runs/{id}"))!;
        Assert.Equal("trio", (string?)run["swarm"]);
        Assert.Equal("Completed", (string?)run["runtimeStatus"]);
        Assert.Equal(["First", "Second", "Third"], run["agents"]!.AsArray().Select(a => (string)a!["name"]!).ToArray());
        Assert.All(run["agents"]!.AsArray(), a =>
        {
            Assert.Equal("completed", (string?)a!["status"]);
            Assert.Equal(1, (int?)a["attempt"]);
            Assert.False(string.IsNullOrEmpty((string?)a["output"]));
            Assert.True((long?)a["usage"]!["totalTokens"] > 0);
        });
        Assert.Equal((string?)run["agents"]![2]!["output"], (string?)run["output"]);

        var events = JsonNode.Parse(await Http.GetStringAsync($"api/runs/{id}/events"))!.AsArray();
        var seqs = events.Select(e => (long)e!["seq"]!).ToList();
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal("RunStarted", (string?)events[0]!["type"]);
        Assert.Equal("RunCompleted", (string?)events[^1]!["type"]);
        var later = JsonNode.Parse(await Http.GetStringAsync($"api/runs/{id}/events?after={seqs[2]}&limit=2"))!.AsArray();
        Assert.Equal(seqs.Skip(3).Take(2), later.Select(e => (long)e!["seq"]!));

        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync($"api/runs/{id}/events?after=-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("api/runs/no-such-run")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("api/runs/no-such-run/events")).StatusCode);
    }

    [Fact]
    public async Task InlineRun_DefinitionInTheRequest_RunsIt()
    {
        using var response = await Http.PostAsJsonAsync("api/runs", new
        {
            task = "Say hi",
            definition = new { name = "adhoc", kind = "concurrent", agents = new[] { new { name = "A" }, new { name = "B" } } },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
        Assert.Equal("Completed", (string?)(await _host.WaitForRunAsync(id))["runtimeStatus"]);

        using var bad = await Http.PostAsJsonAsync("api/runs", new { task = "x", definition = new { name = "adhoc", kind = "concurrent", agents = new[] { new { name = "" } } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull(JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["errors"]!["$.definition.agents[0].name"]);
    }

    [Fact]
    public async Task HealthAndSwarms_ListTheTestSwarms()
    {
        using var health = await Http.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var swarms = JsonNode.Parse(await Http.GetStringAsync("api/swarms"))!.AsArray().Select(s => (string?)s!["name"]).ToList();
        Assert.Contains("trio", swarms);
        Assert.Contains("gated", swarms);
    }

    private async Task WaitForWaitingAsync(string id, string agent) =>
        await Wait.UntilAsync(async () =>
        {
            var status = JsonNode.Parse(await Http.GetStringAsync($"runtime/webhooks/durabletask/instances/{id}"))!;
            return status["customStatus"]?["waitingForApproval"]?.AsArray().Any(n => (string?)n == agent) == true;
        }, $"{agent} waits for approval");

    private async Task WaitForStatusAsync(string id, string runtimeStatus) =>
        await Wait.UntilAsync(async () =>
            (string?)JsonNode.Parse(await Http.GetStringAsync($"runtime/webhooks/durabletask/instances/{id}"))!["runtimeStatus"] == runtimeStatus,
            $"{id} is {runtimeStatus}");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex TimeFormat();
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Swarms.Agents.Tests.Fakes;
using Swarms.Host.Tests.Support;
using Swarms.Testing;

namespace Swarms.Host.Tests;

/// <summary>
/// The local host as a user runs it (<c>dotnet Swarms.Host.dll</c>, a child process, settings in its working
/// directory's local.settings.json and host.json), SIGKILLed while agent 2 of a 3-agent sequential run streams, then
/// started again: the run completes, agent 1 is not called again, agent 2 runs again as attempt 2. On the embedded
/// SQLite file and on Azure Storage (Azurite).
/// </summary>
[Collection(ProcessHeavy.Name)]
public sealed class HostCrashIntegrationTests
{
    [Fact]
    public async Task Sqlite_KilledDuringAgent2_RestartedHostCompletesTheRun_Agent1NotCalledAgain_Agent2Attempt2()
    {
        await KillAndRestartAsync(new Dictionary<string, string> { ["SWARMS_SQLITE_LOCK_DURATION"] = "00:00:02" });
    }

    [Fact]
    public async Task AzureStorage_KilledDuringAgent2_RestartedHostCompletesTheRun_Agent1NotCalledAgain_Agent2Attempt2()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await KillAndRestartAsync(new Dictionary<string, string> { ["AzureWebJobsStorage"] = azurite.ConnectionString });
    }

    private static async Task KillAndRestartAsync(Dictionary<string, string> backend)
    {
        await using var model = await ChatCompletionsServer.StartAsync();
        var calls = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        model.Responder = request =>
        {
            // The trio's agents are told "agent-one: ...", "agent-two: ...", "agent-three: ...".
            var agent = (request.SystemPrompt ?? "?").Split(':')[0];
            int call = calls.AddOrUpdate(agent, 1, (_, n) => n + 1);
            var words = Enumerable.Range(0, 40).Select(i => $" {agent}-w{i}").ToArray();
            // Agent 2's first answer streams for about 8 seconds: the host is killed meanwhile.
            return FakeReply.Text(words) with { ChunkDelay = agent == "agent-two" && call == 1 ? TimeSpan.FromMilliseconds(200) : TimeSpan.Zero };
        };

        var root = TestSwarms.NewContentRoot();
        try
        {
            var values = new JsonObject
            {
                ["SWARMS_MODEL_PROVIDER"] = "openai",
                ["OPENAI_BASE_URL"] = model.BaseAddress.ToString(),
                ["OPENAI_API_KEY"] = "test-key",
                ["OPENAI_MODEL"] = "gpt-fake-1",
            };
            foreach (var (key, value) in backend)
            {
                values[key] = value;
            }

            await File.WriteAllTextAsync(Path.Combine(root, "local.settings.json"), new JsonObject { ["IsEncrypted"] = false, ["Values"] = values }.ToJsonString());
            // Short visibility timeouts, so the restarted host gets the killed one's Azure Storage messages in seconds.
            await File.WriteAllTextAsync(Path.Combine(root, "host.json"), """
                { "version": "2.0", "extensions": { "http": { "routePrefix": "" },
                  "durableTask": { "hubName": "CrashHub", "storageProvider": { "partitionCount": 1,
                    "controlQueueVisibilityTimeout": "00:00:04", "workItemQueueVisibilityTimeout": "00:00:04", "maxQueuePollingInterval": "00:00:01" } } } }
                """);

            var port = FreePort.Next();
            var baseAddress = new Uri($"http://127.0.0.1:{port}/");
            using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

            using (var first = await StartHostAsync(root, port, http))
            {
                using var start = await http.PostAsJsonAsync("api/swarms/trio/runs", new { task = "Analyze TSLA", runId = "crash-1" });
                Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
                await Wait.UntilAsync(async () => await AgentStatusAsync(http, "crash-1", "Second") is { } s && (string?)s["status"] == "running" && calls.GetValueOrDefault("agent-two") == 1, "agent 2 streams");
                await Task.Delay(500);
                first.Kill();
                await first.WaitForExitAsync();
            }

            Assert.Equal(1, calls.GetValueOrDefault("agent-one"));
            Assert.Equal(0, calls.GetValueOrDefault("agent-three"));

            using var second = await StartHostAsync(root, port, http);
            JsonNode? run = null;
            await Wait.UntilAsync(async () =>
            {
                run = JsonNode.Parse(await http.GetStringAsync("api/runs/crash-1"));
                return (string?)run!["runtimeStatus"] is "Completed" or "Failed" or "Terminated";
            }, "the restarted host completes the run");

            Assert.Equal("Completed", (string?)run!["runtimeStatus"]);
            Assert.Equal(new Dictionary<string, int> { ["agent-one"] = 1, ["agent-two"] = 2, ["agent-three"] = 1 }, calls.OrderBy(kv => kv.Key).ToDictionary());
            var attempts = run["agents"]!.AsArray().ToDictionary(a => (string)a!["name"]!, a => (int)a!["attempt"]!);
            Assert.Equal(new Dictionary<string, int> { ["First"] = 1, ["Second"] = 2, ["Third"] = 1 }, attempts);
            Assert.All(run["agents"]!.AsArray(), a => Assert.Equal("completed", (string?)a!["status"]));
            Assert.Contains("agent-three-w39", (string?)run["output"], StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<ChildProcess> StartHostAsync(string root, int port, HttpClient http)
    {
        var host = ChildProcess.StartDotnet(RepoPaths.Output("src/Swarms.Host", "Swarms.Host.dll"), ["--urls", $"http://127.0.0.1:{port}"], workingDirectory: root);
        try
        {
            await host.WaitUntilHealthyAsync(http);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    private static async Task<JsonNode?> AgentStatusAsync(HttpClient http, string runId, string agent)
    {
        using var response = await http.GetAsync($"api/runs/{runId}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        var run = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return run["agents"]?.AsArray().FirstOrDefault(a => (string?)a!["name"] == agent);
    }
}

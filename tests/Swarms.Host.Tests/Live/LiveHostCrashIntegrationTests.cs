using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Swarms.Agents.Streaming;
using Swarms.Host.Tests.Support;
using Swarms.Testing;

namespace Swarms.Host.Tests.Live;

/// <summary>
/// The local host as a real process, SIGKILLed while three agents stream, then started again on the same port and
/// database: the durable run resumes (the killed agent turns run again, new attempts), and the .NET SignalR client,
/// reconnecting all along, ends with exactly every agent's final output.
/// </summary>
[Collection(ProcessHeavy.Name)]
public sealed class LiveHostCrashIntegrationTests : IDisposable
{
    private readonly string _root = Swarms.Host.Tests.Support.TestSwarms.NewContentRoot();
    private readonly int _port = FreePort.Next();
    private readonly List<ChildProcess> _processes = [];

    [Fact]
    public async Task HostKilledMidRun_Restarted_ReconnectingClientEndsWithExactOutputs()
    {
        LiveSwarms.Write(_root);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}/"), Timeout = TimeSpan.FromSeconds(30) };
        var first = await StartHostAsync(http);
        await using var client = await LiveRunClient.ConnectAsync(http);
        using var start = await http.PostAsJsonAsync("api/swarms/panel/runs", new { task = "Analyze TSLA" });
        var runId = (string)JsonNode.Parse(await start.Content.ReadAsStringAsync())!["id"]!;
        await client.SubscribeAsync(runId);
        await Wait.UntilAsync(() => LiveSwarms.PanelAgents.All(a => client.TextOf(a).Length > 0), "every agent streams");

        first.Kill();
        Assert.False(client.Ended.IsCompleted, "the run ended before the kill");
        await StartHostAsync(http);
        var end = await client.WaitForEndAsync(TimeSpan.FromSeconds(90));

        Assert.True(client.Reconnects >= 1, "the client did not reconnect");
        await LiveChannelIntegrationTests.AssertExactAsync(client, runId, end, http);
        Assert.Contains(client.Applied, e => e is AgentStarted { Attempt: 2 }); // a killed turn ran again
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Kill();
            process.Dispose();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<ChildProcess> StartHostAsync(HttpClient http)
    {
        var process = ChildProcess.StartDotnet(
            RepoPaths.Output("src/Swarms.Host", "Swarms.Host.dll"),
            ["--urls", $"http://127.0.0.1:{_port}", "--Logging:LogLevel:Default=Warning"],
            new Dictionary<string, string>
            {
                ["SWARMS_LOCAL_TOKENS_PER_SECOND"] = "60",
                // A killed host's instance locks expire this soon, so the restarted one resumes the run at once.
                ["SWARMS_SQLITE_LOCK_DURATION"] = "00:00:02",
            },
            _root);
        _processes.Add(process);
        await process.WaitUntilHealthyAsync(http);
        return process;
    }
}

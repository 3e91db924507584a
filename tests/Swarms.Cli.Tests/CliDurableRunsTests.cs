using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Swarms.Agents.Tests.Fakes;

namespace Swarms.Cli.Tests;

/// <summary>
/// Durable runs from the command line, on a real SQLite run store: <c>run --durable</c>, <c>runs</c>, <c>runs show</c>,
/// <c>runs resume</c> after a SIGKILL of the process that ran it, <c>runs approve --reject</c>, and hostile stores and ids.
/// </summary>
public sealed partial class CliDurableRunsTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(120);
    private readonly string _dir = Directory.CreateTempSubdirectory("swarms-durable-cli-").FullName;

    private string Store => Path.Combine(_dir, "runs.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunDurable_ThenRunsShowAndResume_TheStoreListsTheCompletedRunWithItsAgentsAndOutput()
    {
        using var run = new CliRunner();
        int code = await run.RunAsync("run", "research-writer", "Tidal energy", "--durable", "--store", Store, "--quiet").WaitAsync(Guard);

        Assert.Equal(0, code);
        var runId = RunIdOf(run.Error.ToString());
        var output = run.Out.ToString().TrimEnd('\n');
        Assert.Contains("Tidal energy", output, StringComparison.Ordinal);

        using var list = new CliRunner();
        Assert.Equal(0, await list.RunAsync("runs", "--store", Store, "--json"));
        var listed = JsonDocument.Parse(Assert.Single(Lines(list.Out))).RootElement;
        Assert.Equal((runId, "research-writer", "completed"), (listed.GetProperty("runId").GetString(), listed.GetProperty("swarm").GetString(), listed.GetProperty("status").GetString()));

        using var show = new CliRunner();
        Assert.Equal(0, await show.RunAsync("runs", "show", runId[..5], "--store", Store, "--json"));
        var shown = JsonDocument.Parse(show.Out.ToString()).RootElement;
        Assert.Equal(output, shown.GetProperty("output").GetString());
        Assert.Equal(["completed", "completed"], shown.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("status").GetString()));
        Assert.Equal("Tidal energy", shown.GetProperty("task").GetString());

        using var events = new CliRunner();
        Assert.Equal(0, await events.RunAsync("runs", "show", runId, "--store", Store, "--events"));
        var types = Lines(events.Out).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).ToList();
        Assert.Equal("RunStarted", types[0]);
        Assert.Equal("RunCompleted", types[^1]);

        using var resume = new CliRunner();
        Assert.Equal(2, await resume.RunAsync("runs", "resume", runId, "--store", Store));
        Assert.Contains($"Run {runId} already finished (completed); nothing to resume", resume.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_AfterTheRunningProcessIsKilledWhileAgent2Streams_CallsOnlyAgent2AgainAndMatchesAnInProcessRun()
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        var model = new ScriptedModel(slowFirstCallOf: "Agent-2");
        server.Responder = model.Reply;
        var swarm = WriteSequentialSwarm("three", ("Agent-1", false), ("Agent-2", false), ("Agent-3", false));

        // A real process runs the swarm; SIGKILL while agent 2 streams (its first text is in the NDJSON).
        using var process = StartCli(server, "run", swarm, "Analyze TSLA", "--durable", "--store", Store, "--json");
        var runId = await ReadUntilAsync(process, line => line.Contains("\"type\":\"TextDelta\"", StringComparison.Ordinal) && line.Contains("\"agent\":\"Agent-2\"", StringComparison.Ordinal));
        process.Kill();
        await process.WaitForExitAsync().WaitAsync(Guard);

        using var show = new CliRunner(ModelEnvironment(server));
        Assert.Equal(0, await show.RunAsync("runs", "show", runId, "--store", Store));
        Assert.Contains("Status:  running", show.Console.Output, StringComparison.Ordinal);
        Assert.Contains($"Not finished. Continue it with: swarms runs resume {runId} --store", show.Console.Output, StringComparison.Ordinal);

        using var resume = new CliRunner(ModelEnvironment(server));
        int code = await resume.RunAsync("runs", "resume", runId[..6], "--store", Store, "--json").WaitAsync(Guard);

        Assert.True(code == 0, resume.Error.ToString());
        Assert.Contains($"swarms: resuming run {runId} (three)", resume.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["Agent-1"] = 1, ["Agent-2"] = 2, ["Agent-3"] = 1 }, ScriptedModel.CallsPerAgent(server.Requests));
        var lines = Lines(resume.Out).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([1, 2], lines.Where(e => Is(e, "AgentStarted", "Agent-2")).Select(e => e.GetProperty("attempt").GetInt32()));
        var durableOutput = lines.Single(e => e.GetProperty("type").GetString() == "RunCompleted").GetProperty("output").GetString();

        using var inProcess = new CliRunner(ModelEnvironment(server));
        Assert.Equal(0, await inProcess.RunAsync("run", swarm, "Analyze TSLA", "--quiet").WaitAsync(Guard));
        Assert.Equal(inProcess.Out.ToString().TrimEnd('\n'), durableOutput);
    }

    [Fact]
    public async Task Approve_RejectWithFeedback_TheWaitingRunSkipsTheAgentRecordsWhyAndGoesOn()
    {
        var swarm = WriteSequentialSwarm("reviewed", ("Agent-1", false), ("Agent-2", true), ("Agent-3", false));
        using var run = new CliRunner();
        var running = run.RunAsync("run", swarm, "Tidal energy", "--durable", "--store", Store, "--json");
        var runId = await WaitForAsync(async () =>
        {
            using var list = new CliRunner();
            return await list.RunAsync("runs", "--store", Store, "--json") == 0
                && Lines(list.Out).Select(l => JsonDocument.Parse(l).RootElement).FirstOrDefault() is { } r
                && r.GetProperty("status").GetString() == "waiting for approval (Agent-2)" ? r.GetProperty("runId").GetString() : null;
        }, running);

        using var wrongAgent = new CliRunner();
        Assert.Equal(2, await wrongAgent.RunAsync("runs", "approve", runId, "--agent", "Agent-1", "--store", Store));
        Assert.Contains("Agent 'Agent-1' of run " + runId + " does not wait for approval; those that do: Agent-2.", wrongAgent.Error.ToString(), StringComparison.Ordinal);

        using var reject = new CliRunner();
        Assert.Equal(0, await reject.RunAsync("runs", "approve", runId, "--reject", "--feedback", "Cite your sources first.", "--store", Store));
        Assert.StartsWith($"Rejected Agent-2 in run {runId}.", reject.Out.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, await running.WaitAsync(Guard));
        var events = Lines(run.Out).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var decided = Assert.Single(events, e => e.GetProperty("type").GetString() == "ApprovalDecided");
        Assert.False(decided.GetProperty("approved").GetBoolean());
        Assert.Equal("Cite your sources first.", decided.GetProperty("feedback").GetString());
        Assert.DoesNotContain(events, e => Is(e, "AgentStarted", "Agent-2"));
        Assert.Contains(events, e => Is(e, "AgentCompleted", "Agent-3"));

        using var show = new CliRunner();
        Assert.Equal(0, await show.RunAsync("runs", "show", runId, "--store", Store, "--json"));
        var agents = JsonDocument.Parse(show.Out.ToString()).RootElement.GetProperty("agents").EnumerateArray().ToList();
        Assert.Equal(["completed", "rejected", "completed"], agents.Select(a => a.GetProperty("status").GetString()));
        Assert.Equal("Cite your sources first.", agents[1].GetProperty("error").GetString());

        using var again = new CliRunner();
        Assert.Equal(2, await again.RunAsync("runs", "approve", runId, "--store", Store));
        Assert.Contains("already finished (completed); there is nothing to approve", again.Error.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> HostileStores => new()
    {
        { "missing", "No run store at" },
        { "directory", "is a directory; give the run store's file" },
        { "text", "is not a run store: the file is not a SQLite database" },
        { "truncated", "is not a usable run store: SQLite reports \"" },
        { "foreign", "is not a run store: it is a SQLite database of something else (tables notes)" },
    };

    [Theory]
    [MemberData(nameof(HostileStores))]
    public async Task HostileStore_EveryRunsCommand_ExitsTwoWithOneClearLineAndLeavesTheFileAsItWas(string kind, string message)
    {
        var store = MakeStore(kind);
        var before = File.Exists(store) ? File.ReadAllBytes(store) : null;
        string[][] commands =
        [
            ["runs", "--store", store],
            ["runs", "show", "3f9a", "--store", store],
            ["runs", "resume", "3f9a", "--store", store],
            ["runs", "approve", "3f9a", "--store", store],
        ];

        foreach (var args in commands)
        {
            using var cli = new CliRunner();
            int code = await cli.RunAsync(args);

            var error = cli.Error.ToString();
            Assert.True(code == 2, $"{string.Join(' ', args)} exited {code}: {error}");
            Assert.StartsWith("swarms: ", error, StringComparison.Ordinal);
            Assert.Contains(message, error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
            Assert.Single(error.TrimEnd('\n').Split('\n'));
        }

        Assert.Equal(before, File.Exists(store) ? File.ReadAllBytes(store) : null);
    }

    [Fact]
    public async Task DamagedStore_PagesOverwrittenAfterARun_EveryRunsCommandExitsTwoWithoutAStackTrace()
    {
        using (var run = new CliRunner())
        {
            Assert.Equal(0, await run.RunAsync("run", "research-writer", "Tidal energy", "--durable", "--store", Store, "--quiet").WaitAsync(Guard));
        }

        using (var file = File.OpenWrite(Store))
        {
            file.Seek(4096, SeekOrigin.Begin);
            file.Write(Enumerable.Repeat((byte)0xFF, 3 * 4096).ToArray());
        }

        foreach (var args in new[] { new[] { "runs" }, ["runs", "show", "3f9a"], ["runs", "resume", "3f9a"], ["runs", "approve", "3f9a"], ["run", "research-writer", "Go", "--durable"] })
        {
            using var cli = new CliRunner();
            int code = await cli.RunAsync([.. args, "--store", Store]).WaitAsync(Guard);

            var error = cli.Error.ToString();
            Assert.True(code == 2, $"{string.Join(' ', args)} exited {code}: {error}");
            Assert.Contains("SQLite reports \"database disk image is malformed\"", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("show")]
    [InlineData("resume")]
    [InlineData("approve")]
    public async Task UnknownRunId_ExitsTwoNamingTheStore(string command)
    {
        using (var run = new CliRunner())
        {
            Assert.Equal(0, await run.RunAsync("run", "research-writer", "Tidal energy", "--durable", "--store", Store, "--quiet").WaitAsync(Guard));
        }

        using var cli = new CliRunner();
        int code = await cli.RunAsync("runs", command, "no-such-run", "--store", Store);

        Assert.Equal(2, code);
        Assert.Equal($"swarms: No run 'no-such-run' in the run store {Store} (see 'swarms runs --store {Store}').\n", cli.Error.ToString().ReplaceLineEndings("\n"));
    }

    private string MakeStore(string kind)
    {
        var path = Path.Combine(_dir, kind + ".db");
        switch (kind)
        {
            case "directory":
                Directory.CreateDirectory(path);
                break;
            case "text":
                File.WriteAllText(path, "not a database\n");
                break;
            case "truncated":
                // SQLite's header, then nothing SQLite can read.
                File.WriteAllBytes(path, [.. "SQLite format 3\0"u8, .. Enumerable.Repeat((byte)7, 84)]);
                break;
            case "foreign":
                using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
                {
                    connection.Open();
                    using var create = connection.CreateCommand();
                    create.CommandText = "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me')";
                    create.ExecuteNonQuery();
                }

                break;
        }

        return path;
    }

    private string WriteSequentialSwarm(string name, params (string Name, bool Approval)[] agents)
    {
        var path = Path.Combine(_dir, name + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            name,
            kind = "sequential",
            agents = agents.Select(a => a.Approval
                ? (object)new { name = a.Name, systemPrompt = $"You are {a.Name}.", approval = true }
                : new { name = a.Name, systemPrompt = $"You are {a.Name}." }),
        }));
        return path;
    }

    private static (string, string)[] ModelEnvironment(ChatCompletionsServer server) =>
        [("OPENAI_BASE_URL", server.BaseAddress.ToString()), ("OPENAI_API_KEY", "test-key"), ("OPENAI_MODEL", "gpt-fake-1")];

    /// <summary>The built CLI in a process of its own, on the test server's model.</summary>
    private Process StartCli(ChatCompletionsServer server, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Repository.CliDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in ModelEnvironment(server))
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Reads the process's NDJSON until a line matches; returns the run id of the lines.</summary>
    private static async Task<string> ReadUntilAsync(Process process, Func<string, bool> match)
    {
        using var guard = new CancellationTokenSource(Guard);
        string? runId = null;
        while (await process.StandardOutput.ReadLineAsync(guard.Token) is { } line)
        {
            runId ??= JsonDocument.Parse(line).RootElement.GetProperty("runId").GetString();
            if (match(line))
            {
                return runId!;
            }
        }

        throw new Xunit.Sdk.XunitException($"the process ended (exit {(process.HasExited ? process.ExitCode : -1)}) before the line was seen");
    }

    private static async Task<string> WaitForAsync(Func<Task<string?>> probe, Task running)
    {
        var until = DateTime.UtcNow + Guard;
        while (DateTime.UtcNow < until)
        {
            Assert.False(running.IsCompleted, "the run ended before it waited for approval");
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the run never waited for approval");
    }

    private static string RunIdOf(string error) => RunLine().Match(error) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("no run id in: " + error);

    private static List<string> Lines(StringWriter writer) =>
        [.. writer.ToString().ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private static bool Is(JsonElement e, string type, string agent) =>
        e.GetProperty("type").GetString() == type && e.TryGetProperty("agent", out var a) && a.GetString() == agent;

    [GeneratedRegex(@"swarms: run ([0-9a-f]{12}) \(durable")]
    private static partial Regex RunLine();

    /// <summary>A model at temperature 0: the answer is a function of the agent and its prompt; one agent's first call streams slowly.</summary>
    private sealed class ScriptedModel(string slowFirstCallOf)
    {
        private int _slowCalls;

        public static string AgentOf(RecordedRequest request) =>
            request.SystemPrompt is { } p && p.StartsWith("You are ", StringComparison.Ordinal) ? p["You are ".Length..].TrimEnd('.') : "?";

        public static Dictionary<string, int> CallsPerAgent(IEnumerable<RecordedRequest> requests) =>
            requests.GroupBy(AgentOf).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        public FakeReply Reply(RecordedRequest request)
        {
            var agent = AgentOf(request);
            var hash = Fnv(agent + "\n" + request.UserPrompt);
            var words = new List<string> { $"{agent} on {hash:x8}:" };
            words.AddRange(Enumerable.Range(0, 20).Select(i => $" w{(hash >> i) & 0xff:x2}"));
            bool slow = agent == slowFirstCallOf && Interlocked.Increment(ref _slowCalls) == 1;
            return new FakeReply { Content = words, ChunkDelay = slow ? TimeSpan.FromMilliseconds(250) : TimeSpan.Zero };
        }

        private static uint Fnv(string text)
        {
            uint hash = 2166136261;
            foreach (char c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}

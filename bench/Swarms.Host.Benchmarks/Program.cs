using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Swarms.Testing;

// The local host end to end (bench/README in docs/benchmarks.md): for each backend, start `dotnet Swarms.Host.dll`
// (Release) in a fresh folder, time start-up to the first 200 of /api/health, read its idle RSS, run N 3-agent
// sequential swarms on the local model at full speed (SWARMS_LOCAL_TOKENS_PER_SECOND=0) with C in flight, each timed
// from POST to completed as a client sees it (polling GET /api/runs/{id} every 20 ms), then start M runs that wait for
// an approval and read the RSS again: memory per active run.
//   dotnet bench/Swarms.Host.Benchmarks/bin/Release/net10.0/Swarms.Host.Benchmarks.dll [sqlite|azurite|both] [runs] [inflight] [waiting]
//   dotnet bench/Swarms.Host.Benchmarks/bin/Release/net10.0/Swarms.Host.Benchmarks.dll queue [messages]   (the 1,000-message queue check)
if (args is ["queue", ..])
{
    return await QueueBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000);
}

var which = args.Length > 0 ? args[0] : "both";
int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
int inFlight = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
int waiting = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200;
var results = new List<string>();
if (which is "sqlite" or "both")
{
    results.Add(await Bench.RunAsync("SQLite (embedded)", null, runs, inFlight, waiting));
}

if (which is "azurite" or "both")
{
    await using var azurite = await AzuriteServer.StartAsync();
    // Azurite is one Node.js process: fewer runs keep the pass short.
    results.Add(await Bench.RunAsync("Azure Storage (Azurite)", azurite.ConnectionString, Math.Max(1, runs / 4), inFlight, Math.Max(1, waiting / 4)));
}

Console.WriteLine();
Console.WriteLine("| backend | runs | runs/s | p50 POST→completed | p99 | start-up | idle RSS | RSS with waiting runs | per waiting run |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
results.ForEach(Console.WriteLine);
return 0;

internal static class Bench
{
    private const string Trio = """
        { "name": "trio", "kind": "sequential", "agents": [
          { "name": "Researcher", "systemPrompt": "You are a researcher. Gather the key facts." },
          { "name": "Analyst", "systemPrompt": "You are an analyst. Weigh the facts." },
          { "name": "Writer", "systemPrompt": "You are a writer. Write the brief." } ] }
        """;

    private const string Gated = """
        { "name": "gated", "kind": "sequential", "agents": [
          { "name": "Drafter", "systemPrompt": "You are a drafter." },
          { "name": "Publisher", "systemPrompt": "You are a publisher.", "approval": true } ] }
        """;

    public static async Task<string> RunAsync(string name, string? storage, int runs, int inFlight, int waiting)
    {
        var root = Directory.CreateTempSubdirectory("swarms-host-bench-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "swarms"));
        await File.WriteAllTextAsync(Path.Combine(root, "swarms", "trio.json"), Trio);
        await File.WriteAllTextAsync(Path.Combine(root, "swarms", "gated.json"), Gated);
        var port = FreePort.Next();
        var env = new Dictionary<string, string> { ["SWARMS_LOCAL_TOKENS_PER_SECOND"] = "0", ["Logging__LogLevel__Default"] = "Warning" };
        if (storage is not null)
        {
            env["AzureWebJobsStorage"] = storage;
        }

        var dll = Path.Combine(RepoPaths.Root, "src", "Swarms.Host", "bin", "Release", "net10.0", "Swarms.Host.dll");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        var clock = Stopwatch.StartNew();
        using var host = ChildProcess.StartDotnet(dll, ["--urls", $"http://127.0.0.1:{port}"], env, root);
        await host.WaitUntilHealthyAsync(http);
        var startup = clock.Elapsed;
        await Task.Delay(2000);
        var idle = Rss(host.Id);
        Console.WriteLine($"{name}: start-up {startup.TotalMilliseconds:F0} ms, idle RSS {idle / 1048576.0:F1} MB");

        // Warm-up: a few runs, not counted.
        await RunManyAsync(http, 8, 4, "warm");
        var latencies = new List<double>();
        clock.Restart();
        latencies.AddRange(await RunManyAsync(http, runs, inFlight, "run"));
        var wall = clock.Elapsed;
        latencies.Sort();
        double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        Console.WriteLine($"{name}: {runs} runs in {wall.TotalSeconds:F1} s = {runs / wall.TotalSeconds:F1} runs/s; p50 {P(0.5):F0} ms, p99 {P(0.99):F0} ms");

        // Memory per active run: runs that wait for an approval stay Running.
        GC.Collect();
        var before = Rss(host.Id);
        var ids = new List<string>();
        for (int i = 0; i < waiting; i++)
        {
            using var r = await http.PostAsJsonAsync("api/swarms/gated/runs", new { task = $"Draft {i}", runId = $"wait-{i}" });
            ids.Add($"wait-{i}");
        }

        await Wait.UntilAsync(async () =>
        {
            foreach (var id in ids)
            {
                var run = JsonNode.Parse(await http.GetStringAsync($"api/runs/{id}"))!;
                if ((string?)run["agents"]![1]!["status"] != "waiting-for-approval")
                {
                    return false;
                }
            }

            return true;
        }, "every gated run waits for its approval", TimeSpan.FromMinutes(5));
        await Task.Delay(2000);
        var with = Rss(host.Id);
        var perRun = (with - before) / (double)waiting;
        Console.WriteLine($"{name}: {waiting} waiting runs: RSS {before / 1048576.0:F1} -> {with / 1048576.0:F1} MB, {perRun / 1024:F1} KB per run");
        host.Kill();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }

        return $"| {name} | {runs} | {runs / wall.TotalSeconds:F1} | {P(0.5):F0} ms | {P(0.99):F0} ms | {startup.TotalMilliseconds:F0} ms | {idle / 1048576.0:F0} MB | {with / 1048576.0:F0} MB ({waiting} runs) | {perRun / 1024:F0} KB |";
    }

    private static async Task<List<double>> RunManyAsync(HttpClient http, int count, int inFlight, string prefix)
    {
        var latencies = new List<double>();
        using var gate = new SemaphoreSlim(inFlight);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var started = Stopwatch.GetTimestamp();
                using var start = await http.PostAsJsonAsync("api/swarms/trio/runs", new { task = $"Brief {i} on tidal power", runId = $"{prefix}-{i}" });
                if (start.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"start: {(int)start.StatusCode} {await start.Content.ReadAsStringAsync()}");
                }

                while (true)
                {
                    var run = JsonNode.Parse(await http.GetStringAsync($"api/runs/{prefix}-{i}"))!;
                    var status = (string?)run["runtimeStatus"];
                    if (status == "Completed")
                    {
                        break;
                    }

                    if (status is "Failed" or "Terminated")
                    {
                        throw new InvalidOperationException($"run {prefix}-{i}: {status}");
                    }

                    await Task.Delay(20);
                }

                lock (latencies)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
        return latencies;
    }

    private static long Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}

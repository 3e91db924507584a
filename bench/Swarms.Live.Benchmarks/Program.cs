using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Swarms.Agents.Tests.Fakes;
using Swarms.Testing;

// The live channel under load (docs/benchmarks.md): start `dotnet Swarms.Host.dll` (Release) in a fresh folder, with
// the real OpenAI client against a local Chat Completions server (the tests' one: real Kestrel, SSE) that streams N
// one-token chunks per answer, one every D ms (0: as fast as it can); open C SignalR connections per run (negotiate,
// connect), start R runs of a 3-agent concurrent swarm at once, subscribe every client to its run, and wait until
// every client has seen its run's RunCompleted. Measured on the clients:
//   latency  = arrival time - the first token's timestamp, per live TextDelta (each is one coalesced batch; its
//              timestamp is its first token's, stamped when the model produced it); "beyond the window" subtracts the
//              50 ms coalescing window the first token may wait by design;
//   tokens/s = output tokens of every agent (AgentCompleted usage) x clients that received them / wall time from the
//              first start to the last client done;
//   messages per 1,000 tokens = hub messages (events([...]) calls) received / tokens delivered x 1,000.
//   dotnet bench/Swarms.Live.Benchmarks/bin/Release/net10.0/Swarms.Live.Benchmarks.dll [runs] [clients] [tokens per answer] [ms per token]
int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
int clientsPerRun = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
int answerTokens = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
int chunkMs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
const double WindowMs = 50;

const string Panel = """
    { "name": "panel", "kind": "concurrent", "agents": [
      { "name": "Technical", "systemPrompt": "You are a technical analyst." },
      { "name": "Fundamental", "systemPrompt": "You are a fundamental analyst." },
      { "name": "Sentiment", "systemPrompt": "You are a sentiment analyst." } ] }
    """;

var root = Directory.CreateTempSubdirectory("swarms-live-bench-").FullName;
Directory.CreateDirectory(Path.Combine(root, "swarms"));
await File.WriteAllTextAsync(Path.Combine(root, "swarms", "panel.json"), Panel);
// Every agent of every run streams at once: room for all of them in the durable worker.
var hostJson = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "host.json")))!;
hostJson["extensions"]!["durableTask"]!["maxConcurrentActivityFunctions"] = runs * 3 + 8;
hostJson["extensions"]!["durableTask"]!["maxConcurrentOrchestratorFunctions"] = runs + 8;
await File.WriteAllTextAsync(Path.Combine(root, "host.json"), hostJson.ToJsonString());

await using var model = await ChatCompletionsServer.StartAsync();
model.DefaultReply = new FakeReply
{
    Content = [.. Enumerable.Range(0, answerTokens).Select(i => $" t{i % 1000:D3}")],
    ChunkDelay = TimeSpan.FromMilliseconds(chunkMs),
    CompletionTokens = answerTokens,
};
var port = FreePort.Next();
var env = new Dictionary<string, string>
{
    ["SWARMS_MODEL_PROVIDER"] = "openai",
    ["OPENAI_BASE_URL"] = model.BaseAddress.ToString(),
    ["OPENAI_API_KEY"] = "bench-key",
    ["OPENAI_MODEL"] = "gpt-fake-1",
    ["Logging__LogLevel__Default"] = "Warning",
};
var dll = Path.Combine(RepoPaths.Root, "src", "Swarms.Host", "bin", "Release", "net10.0", "Swarms.Host.dll");
using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(120) };
using var host = ChildProcess.StartDotnet(dll, ["--urls", $"http://127.0.0.1:{port}"], env, root);
await host.WaitUntilHealthyAsync(http);

using var negotiate = await http.PostAsync("api/negotiate", null);
var negotiated = JsonNode.Parse(await negotiate.Content.ReadAsStringAsync())!;
var url = (string)negotiated["url"]!;
var token = (string)negotiated["accessToken"]!;

// A warm-up wave (JIT, connection pools, the durable worker's first dispatches), then the measured one.
await WaveAsync(Math.Min(runs, 10), 1, print: false);
await WaveAsync(runs, clientsPerRun, print: true);

async Task WaveAsync(int runs, int clientsPerRun, bool print)
{
    var runIds = Enumerable.Range(0, runs).Select(i => $"live-bench-{i:D4}-{Guid.NewGuid():N}"[..28]).ToArray();
    var clients = new List<BenchClient>();
    using (var gate = new SemaphoreSlim(32))
    {
        var connecting = new List<Task>();
        foreach (var runId in runIds)
        {
            for (int c = 0; c < clientsPerRun; c++)
            {
                var client = new BenchClient(runId, url, token);
                clients.Add(client);
                connecting.Add(Task.Run(async () =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        await client.ConnectAsync();
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }
        }

        await Task.WhenAll(connecting);
    }

    Console.WriteLine($"{clients.Count} clients connected; starting {runs} runs");
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(runIds.Select(async runId =>
    {
        using var start = await http.PostAsJsonAsync("api/swarms/panel/runs", new { task = "Analyze TSLA", runId });
        if (start.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException(await start.Content.ReadAsStringAsync());
        }

        await Task.WhenAll(clients.Where(c => c.RunId == runId).Select(c => c.SubscribeAsync(http)));
    }));
    var all = Task.WhenAll(clients.Select(c => c.Done));
    while (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(10))) != all)
    {
        Console.WriteLine($"  {clock.Elapsed.TotalSeconds:F0} s: {clients.Count(c => c.Done.IsCompleted)} of {clients.Count} clients done, {clients.Count(c => c.Closed)} closed");
        foreach (var stuck in clients.Where(c => !c.Done.IsCompleted).Take(3))
        {
            Console.WriteLine($"    {stuck.RunId}: {stuck.SeenCount} events, max seq {stuck.MaxSeq}, {stuck.Messages} messages");
        }
    }
    var wall = clock.Elapsed;

    var latencies = clients.SelectMany(c => c.Latencies).Order().ToArray();
    long tokens = clients.Sum(c => c.Tokens);
    long messages = clients.Sum(c => c.Messages);
    long deltas = clients.Sum(c => c.LiveDeltas);
    double P(double q) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
    if (!print)
    {
        foreach (var warm in clients)
        {
            await warm.DisposeAsync();
        }

        return;
    }

    Console.WriteLine();
    Console.WriteLine("| runs x clients | tokens per answer, ms per token | live deltas | latency p50 | p99 | beyond the 50 ms window p50 | p99 | tokens delivered | wall | tokens/s delivered | messages per 1,000 tokens |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {runs} x {clientsPerRun} | {answerTokens}, {chunkMs} | {deltas:N0} | {P(0.50):F1} ms | {P(0.99):F1} ms | {P(0.50) - WindowMs:F1} ms | {P(0.99) - WindowMs:F1} ms | {tokens:N0} | {wall.TotalSeconds:F2} s | {tokens / wall.TotalSeconds:N0} | {messages * 1000.0 / tokens:F1} |"));

    foreach (var client in clients)
    {
        await client.DisposeAsync();
    }
}

host.Kill();
Directory.Delete(root, recursive: true);

/// <summary>One web client of one run: dedupes by seq, times every live delta, counts messages and tokens.</summary>
internal sealed class BenchClient(string runId, string url, string token) : IAsyncDisposable
{
    private readonly HashSet<long> _seen = [];
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HubConnection _connection = null!;

    public string RunId => runId;

    public List<double> Latencies { get; } = [];

    public long Tokens { get; private set; }

    public long Messages { get; private set; }

    public long LiveDeltas { get; private set; }

    public Task Done => _done.Task;

    public async Task ConnectAsync()
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(url, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        _connection.On<JsonElement>("events", events =>
        {
            var now = DateTimeOffset.UtcNow;
            lock (_seen)
            {
                Messages++;
                Apply(events, now);
            }
        });
        _connection.Closed += error =>
        {
            Closed = true;
            Console.WriteLine($"  a connection of {runId} closed: {error?.Message}");
            return Task.CompletedTask;
        };
        await _connection.StartAsync();
    }

    public bool Closed { get; private set; }

    public int SeenCount { get { lock (_seen) { return _seen.Count; } } }

    public long MaxSeq { get { lock (_seen) { return _seen.Count == 0 ? 0 : _seen.Max(); } } }

    public async Task SubscribeAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync($"api/runs/{runId}/subscribe", new { connectionId = _connection.ConnectionId, after = 0 });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(body);
        }

        using var doc = JsonDocument.Parse(body);
        lock (_seen)
        {
            Apply(doc.RootElement, live: null);
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private void Apply(JsonElement events, DateTimeOffset? live)
    {
        foreach (var evt in events.EnumerateArray())
        {
            if (!_seen.Add(evt.GetProperty("seq").GetInt64()))
            {
                continue;
            }

            switch (evt.GetProperty("type").GetString())
            {
                case "TextDelta" when live is { } now:
                    LiveDeltas++;
                    Latencies.Add((now - evt.GetProperty("timestamp").GetDateTimeOffset()).TotalMilliseconds);
                    break;
                case "AgentCompleted":
                    Tokens += evt.GetProperty("usage").GetProperty("outputTokens").GetInt64();
                    break;
                case "RunCompleted":
                    _done.TrySetResult();
                    break;
            }
        }
    }
}

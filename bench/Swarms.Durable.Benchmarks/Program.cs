// Load harness of the durable backends (issue 8): the real Durable Task SDK worker on DurableTask.Core's TaskHubWorker
// over each backend, one worker, no-op activities, so the figures are the framework's and the store's own cost.
//   dotnet run -c Release --project bench/Swarms.Durable.Benchmarks -- [all|throughput|latency|fanout] [sqlite|inmemory|azurite|all] [sync=normal]
// Default: every scenario on every backend, then a Markdown table of the results.
// Durable swarm runs over in-process ones (issue 9), embedded SQLite, local model at pacing 0:
//   dotnet run -c Release --project bench/Swarms.Durable.Benchmarks -- swarm [runs=200] [sync=normal] [timeline] [log=separate]
using Swarms.Durable.Benchmarks;

if (args is ["swarm", ..])
{
    var pairs = args.FirstOrDefault(a => a.StartsWith("runs=", StringComparison.Ordinal)) is { } r ? int.Parse(r[5..], System.Globalization.CultureInfo.InvariantCulture) : 200;
    await SwarmOverhead.RunAsync(pairs, fullSync: !args.Contains("sync=normal"), timeline: args.Contains("timeline"), separateLog: args.Contains("log=separate"));
    return;
}

var scenario = args.Length > 0 ? args[0] : "all";
var backends = Backend.Parse(args.Length > 1 ? args[1] : "all");
var fullSync = !args.Contains("sync=normal");
Console.WriteLine($"Swarms.Durable load harness: {Environment.ProcessorCount} cores, .NET {Environment.Version}, SQLite synchronous={(fullSync ? "FULL" : "NORMAL")}");

var rows = new List<string>();
foreach (var backend in backends)
{
    var throughput = scenario is "all" or "throughput" ? $"{await Scenarios.ThroughputAsync(backend, fullSync):F0}" : "-";
    var latency = scenario is "all" or "latency" ? await Scenarios.LatencyAsync(backend, fullSync) : (double.NaN, double.NaN);
    var fanOut = scenario is "all" or "fanout" ? $"{await Scenarios.FanOutAsync(backend, fullSync):F0}" : "-";
    rows.Add($"| {backend.Name} | {throughput} | {Format(latency.Item1)} | {Format(latency.Item2)} | {fanOut} |");
}

Console.WriteLine();
Console.WriteLine("| backend | work items/s | round trip p50 (ms) | p99 (ms) | fan-out 1,000 (ms) |");
Console.WriteLine("|---|---|---|---|---|");
rows.ForEach(Console.WriteLine);

static string Format(double value) => double.IsNaN(value) ? "-" : value.ToString("F2", System.Globalization.CultureInfo.InvariantCulture);

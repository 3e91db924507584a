// Load harness for the durable engine. Modes:
//   throughput [instances=2000] [sync=full|normal]  orchestrations of 5 sequential activities, all scheduled at once
//   latency    [roundTrips=2000] [sync=full|normal] activity round trip (scheduled -> run -> orchestrator resumed), one at a time
//   fanout     [width=1000] [runs=5] [sync=full|normal] wall time of a fan-out/fan-in
// Run in Release: dotnet run -c Release --project bench/Swarms.Durable.Benchmarks -- <mode> [args]
using Swarms.Durable.Benchmarks;

var mode = args.Length > 0 ? args[0] : "all";
var fullSync = !args.Contains("sync=normal");
int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], out var v) ? v : fallback;

Console.WriteLine($"Swarms.Durable load harness: {Environment.ProcessorCount} cores, .NET {Environment.Version}, synchronous={(fullSync ? "FULL" : "NORMAL")}");
switch (mode)
{
    case "throughput":
        await ThroughputScenario.RunAsync(Arg(1, 2000), fullSync);
        break;
    case "latency":
        await LatencyScenario.RunAsync(Arg(1, 2000), fullSync);
        break;
    case "fanout":
        await FanOutScenario.RunAsync(Arg(1, 1000), Arg(2, 5), fullSync);
        break;
    default:
        await ThroughputScenario.RunAsync(2000, fullSync);
        await LatencyScenario.RunAsync(2000, fullSync);
        await FanOutScenario.RunAsync(1000, 5, fullSync);
        break;
}

using System.Diagnostics;
using System.Globalization;

namespace Swarms.Benchmarks;

/// <summary>
/// A cross-check of the BenchmarkDotNet figures for the same benchmark methods: allocations counted on every thread
/// (<see cref="GC.GetTotalAllocatedBytes(bool)"/>), and the number of token events one run delivered, so a reader can
/// see that each framework really streamed every token (a benchmark that stops reading a run early measures less work).
/// Run: <c>dotnet run -c Release --project bench/Swarms.Benchmarks -- alloc</c>.
/// </summary>
internal static class AllocationReport
{
    private const int Warmup = 5;
    private const int Runs = 30;

    public static async Task RunAsync()
    {
        var agent = new AgentStreamingBenchmarks();
        agent.Setup();
        Console.WriteLine("| scenario | result of one op (token events seen) | bytes/op (all threads) | mean time/op |");
        Console.WriteLine("|---|---:|---:|---:|");
        await Measure("raw IChatClient stream, 10,000 tokens", agent.RawChatClient);
        await Measure("Swarms Agent.RunStreamingAsync, 10,000 tokens", agent.SwarmsRunStreaming);
        await Measure("Swarms Agent.RunAsync(callback), 10,000 tokens", agent.SwarmsRunWithCallback);
        await Measure("MAF ChatClientAgent.RunStreamingAsync, 10,000 tokens", agent.AgentFrameworkRunStreaming);
        foreach (var tokens in new[] { 1, 1_000 })
        {
            var wf = new WorkflowBenchmarks { TokensPerAgent = tokens };
            wf.Setup();
            await Measure($"Swarms ConcurrentWorkflow x10, {tokens} tokens/agent", wf.SwarmsConcurrent);
            await Measure($"MAF BuildConcurrent x10, {tokens} tokens/agent", wf.MafConcurrent);
            await Measure($"Swarms SequentialWorkflow x3, {tokens} tokens/agent", wf.SwarmsSequential);
            await Measure($"MAF BuildSequential x3, {tokens} tokens/agent", wf.MafSequential);
        }
    }

    private static async Task Measure<T>(string name, Func<Task<T>> op)
    {
        // Printed so a reader can check that every framework really delivered every token.
        var result = await op();
        for (int i = 0; i < Warmup; i++)
        {
            await op();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < Runs; i++)
        {
            await op();
        }

        watch.Stop();
        // Let work that outlives the awaited call (background pumps) finish before counting.
        await Task.Delay(200);
        long bytes = (GC.GetTotalAllocatedBytes(precise: true) - before) / Runs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {result} | {bytes:N0} | {watch.Elapsed.TotalMicroseconds / Runs:N1} µs |"));
    }
}

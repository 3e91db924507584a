using System.Diagnostics;

namespace Swarms.Durable.Benchmarks;

/// <summary>The three measurements of issue 8, each on a fresh backend.</summary>
internal static class Scenarios
{
    /// <summary>
    /// The Durable Task Scheduler benchmark's shape: N orchestrations of 5 sequential no-op activities, all scheduled
    /// at once. Work items = orchestrator episodes + activity executions = 6 + 5 = 11 per orchestration.
    /// </summary>
    public static async Task<double> ThroughputAsync(Backend backend, bool fullSync)
    {
        await using var host = await BenchHost.StartAsync(backend, fullSync);
        await host.RunAsync("FiveSequential", 0); // warm-up: JIT, page cache
        var n = backend.Instances;
        var stopwatch = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, n).Select(i => host.Client.ScheduleNewOrchestrationInstanceAsync("FiveSequential", i)));
        await Task.WhenAll(ids.Select(id => host.Client.WaitForInstanceCompletionAsync(id)));
        stopwatch.Stop();
        var perSecond = n * 11 / stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"  [{backend.Name}] throughput: {n} x 5 activities in {stopwatch.Elapsed.TotalSeconds:F2} s = {perSecond:F0} work items/s ({n / stopwatch.Elapsed.TotalSeconds:F0} orchestrations/s)");
        return perSecond;
    }

    /// <summary>
    /// Activity round trip on an idle worker: from the orchestrator's call to <c>CallActivityAsync</c> until its code
    /// resumes with the result (episode commit, activity run, result commit, next episode), one orchestration of
    /// 20 sequential activities at a time.
    /// </summary>
    public static async Task<(double P50, double P99)> LatencyAsync(Backend backend, bool fullSync)
    {
        const int perOrchestration = 20;
        await using var host = await BenchHost.StartAsync(backend, fullSync);
        await host.RunAsync("Chain", perOrchestration);
        BenchHost.Samples.Clear();
        for (var done = 0; done < backend.RoundTrips; done += perOrchestration)
        {
            await host.RunAsync("Chain", perOrchestration);
        }

        var sorted = BenchHost.Samples.Order().ToArray();
        var (p50, p99) = (Percentile(sorted, 0.50), Percentile(sorted, 0.99));
        Console.WriteLine($"  [{backend.Name}] latency: {sorted.Length} round trips, p50 {p50:F3} ms, p99 {p99:F3} ms, max {sorted[^1]:F3} ms");
        return (p50, p99);
    }

    /// <summary>Wall time of one orchestration fanning out to 1,000 no-op activities and summing them (median of runs).</summary>
    public static async Task<double> FanOutAsync(Backend backend, bool fullSync)
    {
        const int width = 1000;
        await using var host = await BenchHost.StartAsync(backend, fullSync);
        await host.RunAsync("FanOut", 10);
        var times = new List<double>();
        for (var run = 0; run < backend.FanOutRuns; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            var result = await host.RunAsync("FanOut", width);
            stopwatch.Stop();
            if (result.ReadOutputAs<long>() != (long)width * (width - 1) / 2)
            {
                throw new InvalidOperationException($"Wrong fan-in result: {result.RuntimeStatus} {result.SerializedOutput}");
            }

            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"  [{backend.Name}] fan-out {width}: median {times[times.Count / 2]:F0} ms, best {times[0]:F0} ms over {times.Count} run(s)");
        return times[times.Count / 2];
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

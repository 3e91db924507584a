using System.Collections.Concurrent;
using System.Diagnostics;

namespace Swarms.Durable.Benchmarks;

/// <summary>
/// Activity round trip on an idle engine: from the orchestrator scheduling the call (first, non-replayed
/// run of that line) to the orchestrator code resuming with the result in a later episode. Includes the
/// episode checkpoint commit, the activity run, the completion commit and the replay.
/// </summary>
internal static class LatencyScenario
{
    private const int ActivitiesPerOrchestration = 20;
    private static readonly ConcurrentDictionary<(string, int), long> Started = new();
    private static readonly ConcurrentBag<double> Samples = [];

    public static async Task RunAsync(int roundTrips, bool fullSync)
    {
        Samples.Clear();
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<int, int>("Chain", async (ctx, n) =>
            {
                for (var i = 0; i < n; i++)
                {
                    if (!ctx.IsReplaying)
                    {
                        Started[(ctx.InstanceId, i)] = Stopwatch.GetTimestamp();
                    }

                    await ctx.CallActivityAsync<int>("Noop", i);
                    if (!ctx.IsReplaying && Started.TryRemove((ctx.InstanceId, i), out var start))
                    {
                        Samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                }

                return n;
            })
            .AddActivityFunc<int, int>("Noop", (_, i) => i);
        await using var host = new BenchHost(registry, fullSync);
        await host.Worker.StartAsync();

        // Warm-up (JIT, SQLite page cache), then measured runs one orchestration at a time.
        await host.Client.WaitForInstanceCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", ActivitiesPerOrchestration));
        Samples.Clear();
        for (var done = 0; done < roundTrips; done += ActivitiesPerOrchestration)
        {
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", ActivitiesPerOrchestration);
            await host.Client.WaitForInstanceCompletionAsync(id);
        }

        var sorted = Samples.Order().ToArray();
        Console.WriteLine($"latency: {sorted.Length} activity round trips, p50 {Percentile(sorted, 0.50):F3} ms, p99 {Percentile(sorted, 0.99):F3} ms, max {sorted[^1]:F3} ms");
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

using System.Diagnostics;

namespace Swarms.Durable.Benchmarks;

/// <summary>Wall time of one orchestration that fans out to N no-op activities and sums their results.</summary>
internal static class FanOutScenario
{
    public static async Task RunAsync(int width, int runs, bool fullSync)
    {
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<int, long>("FanOut", async (ctx, n) =>
            {
                var results = await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<long>("Noop", i)));
                return results.Sum();
            })
            .AddActivityFunc<int, long>("Noop", (_, i) => i);
        await using var host = new BenchHost(registry, fullSync);
        await host.Worker.StartAsync();
        await host.Client.WaitForInstanceCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 10));

        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var before = host.Worker.WorkItemCount;
            var stopwatch = Stopwatch.StartNew();
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", width);
            var metadata = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
            stopwatch.Stop();
            if (metadata.ReadOutputAs<long>() != (long)width * (width - 1) / 2)
            {
                throw new InvalidOperationException("Wrong fan-in result.");
            }

            times.Add(stopwatch.Elapsed.TotalMilliseconds);
            Console.WriteLine($"  run {run + 1}: {stopwatch.Elapsed.TotalMilliseconds:F0} ms, {host.Worker.WorkItemCount - before} work items");
        }

        times.Sort();
        Console.WriteLine($"fan-out/fan-in {width}: median {times[times.Count / 2]:F0} ms, best {times[0]:F0} ms over {runs} runs");
    }
}

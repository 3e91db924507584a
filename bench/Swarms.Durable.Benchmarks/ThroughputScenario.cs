using System.Diagnostics;

namespace Swarms.Durable.Benchmarks;

/// <summary>
/// The Durable Task Scheduler benchmark's shape: many orchestrations, each calling 5 no-op activities in
/// sequence. Work items = orchestrator episodes + activity executions, as counted by the worker
/// (6 episodes + 5 activities = 11 per orchestration).
/// </summary>
internal static class ThroughputScenario
{
    public static async Task RunAsync(int instances, bool fullSync)
    {
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<int, int>("FiveSequential", async (ctx, input) =>
            {
                var sum = input;
                for (var i = 0; i < 5; i++)
                {
                    sum += await ctx.CallActivityAsync<int>("Noop", i);
                }

                return sum;
            })
            .AddActivityFunc<int, int>("Noop", (_, i) => i);
        await using var host = new BenchHost(registry, fullSync);
        var completed = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Store.InstanceUpdated += (_, status) =>
        {
            if (status == OrchestrationRuntimeStatus.Completed && Interlocked.Increment(ref completed) == instances)
            {
                done.TrySetResult();
            }
        };
        await host.Worker.StartAsync();

        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, instances).Select(i => host.Client.ScheduleNewOrchestrationInstanceAsync("FiveSequential", i)));
        await done.Task.WaitAsync(TimeSpan.FromMinutes(10));
        stopwatch.Stop();

        var items = host.Worker.WorkItemCount;
        Console.WriteLine($"throughput: {instances} orchestrations x 5 sequential activities in {stopwatch.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"  work items (episodes + activity executions): {items} -> {items / stopwatch.Elapsed.TotalSeconds:F0} work items/s, {instances / stopwatch.Elapsed.TotalSeconds:F0} orchestrations/s");
    }
}

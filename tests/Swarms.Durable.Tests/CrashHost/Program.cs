// Usage: Swarms.Durable.CrashHost <start|resume> <database path> <side-effect directory>
// start:  schedules instance "crash-test" and runs it; activity 3 blocks (the test kills this process).
// resume: runs a worker on the same file until "crash-test" finishes, then prints its output.
using Swarms.Durable;
using Swarms.Durable.Client;
using Swarms.Durable.Storage;
using Swarms.Durable.Worker;

var mode = args[0];
var databasePath = args[1];
var sideEffects = args[2];

var registry = new DurableTaskRegistry()
    .AddOrchestratorFunc<object?, string>("FiveSteps", async (ctx, _) =>
    {
        var results = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            results.Add(await ctx.CallActivityAsync<string>("Step", i));
        }

        return string.Join(",", results);
    })
    .AddActivityFunc<int, string>("Step", async (context, step) =>
    {
        // The side effect lives outside the database, so it counts real executions, not recorded ones.
        await File.AppendAllTextAsync(Path.Combine(sideEffects, $"step{step}.txt"), $"attempt {context.Attempt}\n");
        if (step == 3 && mode == "start")
        {
            await File.WriteAllTextAsync(Path.Combine(sideEffects, "step3.running"), "");
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }

        return $"r{step}";
    });

await using var store = new SqliteOrchestrationStore(new SqliteOrchestrationStoreOptions { Path = databasePath });
await using var worker = new DurableTaskWorker(store, registry, new DurableTaskWorkerOptions
{
    LeaseDuration = TimeSpan.FromSeconds(2),
    PollingInterval = TimeSpan.FromMilliseconds(100),
});
using var client = new DurableTaskClient(store);
await worker.StartAsync();

if (mode == "start")
{
    await client.ScheduleNewOrchestrationInstanceAsync("FiveSteps", null, new StartOrchestrationOptions("crash-test"));
    await Task.Delay(Timeout.Infinite);
}

using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
var metadata = await client.WaitForInstanceCompletionAsync("crash-test", getInputsAndOutputs: true, timeout.Token);
Console.WriteLine($"{metadata.RuntimeStatus} {metadata.ReadOutputAs<string>()}");
return 0;

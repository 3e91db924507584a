using Swarms.Durable.Client;
using Swarms.Durable.Storage;
using Swarms.Durable.Tests.Infrastructure;
using Swarms.Durable.Worker;

namespace Swarms.Durable.Tests.Worker;

public sealed class ShutdownTests
{
    [Fact]
    public async Task StopAsync_ActivityRunning_CancelsReleasesLeaseAndNextWorkerFinishesIt()
    {
        var path = DurableTestHost.NewDatabasePath();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = new List<int>();
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<object?, string>("Long", (ctx, _) => ctx.CallActivityAsync<string>("Work"))
            .AddActivityFunc<object?, string>("Work", async (c, _) =>
            {
                lock (attempts)
                {
                    attempts.Add(c.Attempt);
                }

                if (attempts.Count == 1)
                {
                    started.SetResult();
                    await Task.Delay(Timeout.Infinite, c.CancellationToken);
                }

                return "finished";
            });
        try
        {
            await using (var store = new SqliteOrchestrationStore(new SqliteOrchestrationStoreOptions { Path = path }))
            {
                var worker = new DurableTaskWorker(store, registry, new DurableTaskWorkerOptions { ShutdownTimeout = TimeSpan.FromMilliseconds(100) });
                await worker.StartAsync();
                using var client = new DurableTaskClient(store);
                await client.ScheduleNewOrchestrationInstanceAsync("Long", null, new StartOrchestrationOptions("long"));
                await started.Task.WaitAsync(DurableTestHost.HangGuard);

                await worker.StopAsync();
                await worker.DisposeAsync();
            }

            // The lease is 30 s (default): only a released lease lets the next worker start at once.
            await using var host = await DurableTestHost.StartAsync(
                r => r.AddOrchestratorFunc<object?, string>("Long", (ctx, _) => ctx.CallActivityAsync<string>("Work"))
                      .AddActivityFunc<object?, string>("Work", (c, _) => $"finished on attempt {c.Attempt}"),
                path: path);
            var metadata = await host.WaitAsync("long");

            Assert.Equal("finished on attempt 1", metadata.ReadOutputAs<string>());
        }
        finally
        {
            DurableTestHost.DeleteDatabase(path);
        }
    }
}

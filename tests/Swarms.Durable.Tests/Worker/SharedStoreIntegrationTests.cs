using System.Collections.Concurrent;
using Swarms.Durable.Client;
using Swarms.Durable.Storage;
using Swarms.Durable.Tests.Infrastructure;
using Swarms.Durable.Worker;

namespace Swarms.Durable.Tests.Worker;

/// <summary>Two workers, each with its own connection to one SQLite file, as two processes would run.</summary>
public sealed class SharedStoreIntegrationTests
{
    [Fact]
    public async Task TwoWorkers_SameFile_EveryActivityRunsOnceAndEveryInstanceCompletes()
    {
        var path = DurableTestHost.NewDatabasePath();
        var runs = new ConcurrentDictionary<string, int>();
        DurableTaskRegistry Registry() => new DurableTaskRegistry()
            .AddOrchestratorFunc<int, int>("Three", async (ctx, n) =>
            {
                var sum = 0;
                for (var i = 0; i < 3; i++)
                {
                    sum += await ctx.CallActivityAsync<int>("Count", n + i);
                }

                return sum;
            })
            .AddActivityFunc<int, int>("Count", (c, n) =>
            {
                runs.AddOrUpdate($"{c.InstanceId}/{c.TaskId}", 1, (_, v) => v + 1);
                return n;
            });
        var options = new DurableTaskWorkerOptions { PollingInterval = TimeSpan.FromMilliseconds(20) };
        try
        {
            await using var storeA = new SqliteOrchestrationStore(new SqliteOrchestrationStoreOptions { Path = path });
            await using var storeB = new SqliteOrchestrationStore(new SqliteOrchestrationStoreOptions { Path = path });
            await using var workerA = new DurableTaskWorker(storeA, Registry(), options);
            await using var workerB = new DurableTaskWorker(storeB, Registry(), new DurableTaskWorkerOptions { PollingInterval = TimeSpan.FromMilliseconds(20) });
            await workerA.StartAsync();
            await workerB.StartAsync();
            using var clientA = new DurableTaskClient(storeA);
            using var clientB = new DurableTaskClient(storeB) { PollingInterval = TimeSpan.FromMilliseconds(20) };

            var ids = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
                (i % 2 == 0 ? clientA : clientB).ScheduleNewOrchestrationInstanceAsync("Three", i)));
            using var guard = new CancellationTokenSource(DurableTestHost.HangGuard);
            var results = await Task.WhenAll(ids.Select(id => clientB.WaitForInstanceCompletionAsync(id, true, guard.Token)));

            Assert.All(results, m => Assert.Equal(OrchestrationRuntimeStatus.Completed, m.RuntimeStatus));
            Assert.Equal(120, runs.Count);
            Assert.All(runs.Values, count => Assert.Equal(1, count));
        }
        finally
        {
            DurableTestHost.DeleteDatabase(path);
        }
    }
}

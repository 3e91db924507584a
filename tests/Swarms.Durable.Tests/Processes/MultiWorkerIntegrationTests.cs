using Microsoft.DurableTask.Client;
using Swarms.Testing;

namespace Swarms.Durable.Tests.Processes;

/// <summary>
/// Two worker processes on one backend: the work is split between them and every activity runs once. This is how
/// users scale past one process (SQLite: one machine) or one machine (Azure Storage).
/// </summary>
[Collection(WorkerProcessTests.Name)]
public sealed class MultiWorkerIntegrationTests
{
    [Fact]
    public async Task Sqlite_TwoWorkerProcessesOnOneFile_BothMakeProgressAndEveryActivityRunsOnce()
    {
        using var database = new TempDatabase("swarms-two");
        await using var processes = WorkerProcesses.OnSqlite(database.Path);
        // Few orchestration slots and slow steps: neither worker can take every instance at once.
        var a = await processes.StartWorkerAsync("--max-orchestrations", "4", "--step-delay", "100");
        var b = await processes.StartWorkerAsync("--max-orchestrations", "4", "--step-delay", "100");
        var ids = await processes.ScheduleAsync(16, "two");

        await AssertAllCompletedOnceAsync(processes, ids);
        AssertBothRan(processes, a, b);
    }

    [Fact]
    public async Task AzureStorage_TwoWorkersOnOneTaskHub_SplitTheWorkAndTheSurvivorFinishesAfterAKill()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var processes = WorkerProcesses.OnAzureStorage(azurite.ConnectionString, "twoworkers");
        var a = await processes.StartWorkerAsync("--lock", "4", "--step-delay", "50");
        var b = await processes.StartWorkerAsync("--lock", "4", "--step-delay", "50");
        // Partition leases balance between the two workers (4 partitions: 2 each) before the work starts.
        await Wait.UntilAsync(() => BalancedAsync(azurite.ConnectionString, "twoworkers"), "both workers own partitions");

        var ids = await processes.ScheduleAsync(16, "split");
        await AssertAllCompletedOnceAsync(processes, ids);
        AssertBothRan(processes, a, b);

        // Kill one; the survivor takes its partitions (after the lease expires) and finishes new work.
        b.Kill();
        var more = await processes.ScheduleAsync(8, "after-kill");
        foreach (var id in more)
        {
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await processes.WaitAsync(id)).RuntimeStatus);
        }

        Assert.All(processes.Executions().Where(e => e.Instance.StartsWith("after-kill", StringComparison.Ordinal)), e => Assert.Equal(a.Id, e.Pid));
    }

    private static async Task AssertAllCompletedOnceAsync(WorkerProcesses processes, List<string> ids)
    {
        foreach (var id in ids)
        {
            var result = await processes.WaitAsync(id);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
            Assert.Equal("r1,r2,r3,r4,r5", result.ReadOutputAs<string>());
        }

        foreach (var id in ids)
        {
            Assert.Equal([1, 1, 1, 1, 1], Enumerable.Range(1, 5).Select(step => processes.Runs(id, step)));
        }
    }

    private static void AssertBothRan(WorkerProcesses processes, ChildProcess a, ChildProcess b)
    {
        var executions = processes.Executions();
        foreach (var worker in new[] { a, b })
        {
            Assert.Contains(executions, e => e.Pid == worker.Id && e.What == "orchestration");
            Assert.Contains(executions, e => e.Pid == worker.Id && e.What.StartsWith("step", StringComparison.Ordinal));
        }
    }

    /// <summary>Both workers own partitions (the task hub's partition table names two owners).</summary>
    private static async Task<bool> BalancedAsync(string connectionString, string hub)
    {
        var table = new Azure.Data.Tables.TableClient(connectionString, hub + "Partitions");
        var owners = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var partition in table.QueryAsync<Azure.Data.Tables.TableEntity>())
            {
                if (partition.GetString("CurrentOwner") is { Length: > 0 } owner)
                {
                    owners.Add(owner);
                }
            }
        }
        catch (Azure.RequestFailedException)
        {
            return false; // the table is not created yet
        }

        return owners.Count == 2;
    }
}
